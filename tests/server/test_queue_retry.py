"""The retry decision: three attempts, exponential backoff with jitter, no retry of bad input."""

from __future__ import annotations

import pytest

from zentrik_server.jobs.retry import MAX_DELAY_SECONDS, retry_delay


class TestRetryDelay:
    @pytest.mark.parametrize(("attempts", "low", "high"), [(1, 1.0, 2.0), (2, 2.0, 4.0)])
    def test_backoff_doubles_within_its_jitter_band(
        self, attempts: int, low: float, high: float
    ) -> None:
        assert retry_delay(attempts, rand=lambda: 0.0) == low
        assert retry_delay(attempts, rand=lambda: 0.999999) == pytest.approx(high, rel=1e-5)

    def test_third_failed_attempt_is_final(self) -> None:
        assert retry_delay(3) is None

    def test_permanent_error_is_not_retried(self) -> None:
        assert retry_delay(1, permanent=True) is None

    def test_delay_is_capped(self) -> None:
        assert retry_delay(20, max_attempts=50, rand=lambda: 0.999999) <= MAX_DELAY_SECONDS

    def test_jitter_spreads_jobs_that_failed_together(self) -> None:
        delays = {retry_delay(1) for _ in range(50)}
        assert len(delays) > 40
        assert all(1.0 <= d <= 2.0 for d in delays if d is not None)
