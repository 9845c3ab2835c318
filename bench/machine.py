"""The machine line every bench script prints first, so figures are read with their hardware."""

from __future__ import annotations

import os
import platform


def machine(cpus: str = "") -> str:
    """ "machine: <platform>, <processor>, N CPUs<cpus>, Python X.Y.Z"; `cpus` qualifies the
    CPU count (e.g. " (pinned to one)")."""
    return (
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs{cpus}, Python {platform.python_version()}"
    )
