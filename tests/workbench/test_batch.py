"""A batch creates what it can, says why the rest failed, and retries only those."""

from __future__ import annotations

from zentrik_ui.batch import run_batch
from zentrik_ui.ingest import RowProblem, SignalDraft


class Refused(Exception):
    pass


def drafts(*texts: str) -> list[SignalDraft]:
    return [
        SignalDraft(label=f"row {i}", text=t, signal_type="review") for i, t in enumerate(texts)
    ]


def test_a_failed_row_does_not_stop_the_others_and_is_retryable() -> None:
    numbers = iter(range(1, 100))

    def create(draft: SignalDraft) -> str:
        if draft.text == "bad":
            raise Refused("text too large")
        return f"SIGNAL-{next(numbers)}"

    progress: list[tuple[int, int]] = []
    rows = drafts("one", "bad", "three")
    report = run_batch(
        rows,
        create,
        errors=(Refused,),
        invalid=[RowProblem("row 9", "text is empty")],
        on_progress=lambda done, total, _label: progress.append((done, total)),
    )
    assert [o.public_id for o in report.created] == ["SIGNAL-1", "SIGNAL-2"]
    assert [(o.label, o.reason) for o in report.failed] == [
        ("row 9", "text is empty"),
        ("row 1", "text too large"),
    ]
    assert progress[-1] == (3, 3)
    assert report.retryable() == [rows[1]]

    retry = run_batch(report.retryable(), lambda d: "SIGNAL-3", errors=(Refused,))
    merged = report.merge(retry)
    assert merged.to_frame()["signal"].tolist() == ["", "SIGNAL-1", "SIGNAL-3", "SIGNAL-2"]


def test_unexpected_errors_are_not_swallowed() -> None:
    def create(_draft: SignalDraft) -> str:
        raise KeyError("bug")

    try:
        run_batch(drafts("x"), create, errors=(Refused,))
    except KeyError:
        return
    raise AssertionError("a bug must propagate")
