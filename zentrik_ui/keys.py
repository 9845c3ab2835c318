"""API keys as the Settings page shows them: scopes, which record is the workbench's own key,
and the key list as a table. The admin calls themselves are `zentrik_ui.admin.AdminClient`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from zentrik_ui.models import ApiKeyRecord

SCOPES: tuple[str, ...] = tuple(
    f"{resource}:{access}"
    for resource in ("signals", "insights", "opportunities", "ideas")
    for access in ("read", "write")
)


def own_key(records: Sequence[ApiKeyRecord], api_key: str) -> ApiKeyRecord | None:
    """The record of the key this session uses (matched by its visible prefix), if listed.
    Prefixes are 8 random characters: a collision between two live keys is negligible."""
    for record in records:
        if record.prefix and record.revoked_at is None and api_key.startswith(record.prefix):
            return record
    return None


def keys_frame(records: Sequence[ApiKeyRecord], own_id: str | None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": (r.name or "(unnamed)") + (" — this workbench" if r.id == own_id else ""),
                "prefix": f"{r.prefix}…",
                "workspace": r.workspace or "",
                "scopes": ", ".join(r.scopes) if set(r.scopes) != set(SCOPES) else "all",
                "created_at": r.created_at,
                "last_used_at": r.last_used_at,
                "revoked_at": r.revoked_at,
                "id": r.id,
            }
            for r in records
        ],
        columns=["name", "prefix", "workspace", "scopes", "created_at", "last_used_at",
                 "revoked_at", "id"],
    )  # fmt: skip
