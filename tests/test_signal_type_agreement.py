"""The workbench's type guess (zentrik_ui/signal_type_guess.py, for the Inbox's selector) and
the engine's (zentrik_server/extraction/signal_type.py, for signals sent without a type and
process-transcript) are two: the workbench must also work against a remote Zentrik, so it may
not import the server. Here they read the same texts, and a text must be read as the same type
by both: what the Inbox sends when its selector is left on the guess is what the engine would
have guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.test_signal_type_guess import (
    LONG_PROSE,
    REPORTS,
    REVIEWS,
    TICKETS,
    TRANSCRIPTS,
)
from zentrik_server.extraction import guess_signal_type as engine_guess
from zentrik_ui.signal_type_guess import AUTO, chosen_type, guess_signal_type

DRAFTS = Path(__file__).parent / "extraction" / "drafts"

MORE_TICKETS = {
    "greeting, error code, sign-off": (
        "Hi there,\n\n"
        "Syncing the shared calendar fails with error code 0x80070005 on two of our laptops. "
        "Reinstalling did not help.\n\n"
        "Cheers,\nLena"
    ),
    "greeting and a stack trace": (
        "Hello team,\n"
        "Importing our contacts CSV stops halfway with HTTP 500 and this traceback:\n"
        'File "importer.py", line 88, in parse_row\n'
        "ValueError: invalid date '31/02/2024'"
    ),
    "ticket fields": (
        "Subject: Two-factor codes arrive after they expire\n"
        "Priority: Urgent\nCustomer: Halden Freight\n\n"
        "Drivers get the SMS code about two minutes late, so every login fails the first time."
    ),
}
MORE_REVIEWS = {
    "review batch": (
        "Best habit tracker I've tried, the streak view keeps me going.\n"
        "Widget stopped updating after the last update.\n"
        "pls add a way to pause a habit while travelling\n"
        "Too many notifications, can't turn off the weekly recap."
    ),
    "one long paragraph": LONG_PROSE,  # nothing stands out: both read it as reviews
}
MORE_REPORTS = {
    "report with shares": (
        "## Onboarding study, March\n\n"
        "We interviewed 12 new admins in their first week.\n\n"
        "## Findings\n"
        "- 9 of 12 admins could not find where to invite their team.\n"
        "- 5 of 12 expected a checklist on the home screen.\n"
    ),
}
ENGINE_DRAFTS = {
    "interview.txt": "transcript",
    "small_talk.txt": "transcript",
    "ticket.txt": "support_ticket",
    "reviews.txt": "review",
    "report.md": "discovery_report",
}


def _cases(texts: dict[str, str], expected: str) -> list:
    return [pytest.param(text, expected, id=name) for name, text in texts.items()]


CASES = (
    _cases(TRANSCRIPTS, "transcript")
    + _cases({**TICKETS, **MORE_TICKETS}, "support_ticket")
    + _cases({**REPORTS, **MORE_REPORTS}, "discovery_report")
    + _cases({**REVIEWS, **MORE_REVIEWS}, "review")
    + [
        pytest.param((DRAFTS / name).read_text(encoding="utf-8"), expected, id=name)
        for name, expected in ENGINE_DRAFTS.items()
    ]
)


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_workbench_and_the_engine_read_a_text_as_the_same_type(
    text: str, expected: str
) -> None:
    sent = chosen_type(AUTO, guess_signal_type(text))  # the Inbox's selector left on the guess
    assert (sent, engine_guess(text)) == (expected, expected)
