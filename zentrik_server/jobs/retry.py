"""When a failed job runs again: a pure function, so the policy is tested without a clock."""

from __future__ import annotations

import random
from collections.abc import Callable

MAX_ATTEMPTS = 3
BASE_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 60.0


def retry_delay(
    attempts: int,
    max_attempts: int = MAX_ATTEMPTS,
    *,
    permanent: bool = False,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before the next attempt, or None when the job has failed for good.

    `attempts` counts the attempts made so far, including the one that just failed. The delay
    doubles with each attempt (2 s, 4 s, ...; capped) and is jittered to 50–100 % of that so
    jobs that failed together do not retry in lockstep. A permanent error (the input itself is
    unusable, e.g. a signal without text) would fail the same way again, so it is not retried.
    """
    if permanent or attempts >= max_attempts:
        return None
    ceiling = min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (attempts - 1))
    return ceiling * (0.5 + rand() / 2)
