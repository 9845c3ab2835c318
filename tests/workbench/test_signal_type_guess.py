"""The Inbox's signal-type guess on realistic pasted texts, and the selector state it drives."""

from __future__ import annotations

from pathlib import Path

import pytest

from zentrik_ui.signal_type_guess import (
    AUTO,
    chosen_type,
    guess_note,
    guess_signal_type,
    option_label,
)

SAMPLES = Path(__file__).resolve().parents[2] / "zentrik_ui" / "sample_data" / "texts"

TRANSCRIPTS = {
    "interviewer and customer": (
        "Interviewer: How do exports work for you?\n"
        "Sam: Exports are painfully slow and time out for large files.\n"
        "Interviewer: Anything else?\n"
        "Sam: The billing page is confusing, I can never find my invoices."
    ),
    "timestamped turns": (
        "[00:01] Dana: Thanks for joining. What brought you to Ledgerly?\n"
        "[00:09] Priya Shah: Our old tool could not do multi-currency.\n"
        "[00:31] Dana: And what frustrates you today?\n"
        "[00:35] Priya Shah: Reminders. I chase every late payer by hand."
    ),
    "zoom export": (
        "00:02:11 Alex Kim: So walk me through month-end.\n"
        "00:02:20 Maria: We export the ledger and reconcile in Excel.\n"
        "00:03:02 Alex Kim: How long does that take?\n"
        "00:03:05 Maria: Most of a day when the export times out."
    ),
    "webvtt": (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana>How are exports?</v>\n\n"
        "00:00:04.000 --> 00:00:07.000\n<v Sam>They time out every month.</v>\n"
    ),
    "srt": (
        "1\n00:00:01,000 --> 00:00:04,000\nHow are exports for you?\n\n"
        "2\n00:00:05,000 --> 00:00:09,500\nThey time out unless I split them by quarter.\n"
    ),
    "q and a": (
        "Q: Which report do you open first on Monday?\n"
        "A: The cash-flow dashboard, every single week.\n"
        "Q: Anything missing from it?\n"
        "A: A way to share it with our accountant without exporting."
    ),
    "sample interview": (SAMPLES / "interview_finance_lead.txt").read_text(),
}

TICKETS = {
    "helpdesk export": (
        "Ticket #48213\n"
        "From: jo.baker@harborfinch.com\n"
        "Subject: Export stuck at 99%\n\n"
        "Hello,\n\n"
        "Since Monday the annual export never finishes. We need it for the audit on Friday.\n\n"
        "Thanks,\nJo"
    ),
    "email without headers": (
        "Hi team,\n\n"
        "Our SSO users get a login loop after the Okta policy change, every morning. Clearing "
        "cookies helps for a day. Could you look at it urgently?\n\n"
        "Best regards,\nMeridian IT"
    ),
    "case fields": (
        "Case number: 00123\nSeverity: 2\nRequester: Oakline Consulting\n\n"
        "The PDF cuts off line items longer than two lines."
    ),
    "sample ticket": (SAMPLES / "ticket_export_timeout.txt").read_text(),
}

REPORTS = {
    "markdown synthesis": (SAMPLES / "discovery_report_q1.md").read_text(),
    "plain sections": (
        "Executive summary\n"
        "Finance teams at scale cannot export a full year.\n\n"
        "Findings\n"
        "Nine of fourteen teams split exports by quarter.\n\n"
        "Recommendations\n"
        "Run large exports in the background and email a link."
    ),
    "bold sections": (
        "**Key findings**\n"
        "- Approvals are single-step; auditors flag the email workaround.\n"
        "**Next steps**\n"
        "- Prototype approval rules by amount."
    ),
    "quoting an interview": (
        "# Onboarding research\n\n## Findings\n"
        "Dev: There is no way to copy settings from an existing account.\n"
        "Maria: It took me two hours to set up twelve sub-accounts.\n\n"
        "## Recommendations\nLet users clone an account with its settings."
    ),
}

REVIEWS = {
    "app store stars": (SAMPLES / "reviews_app_store.txt").read_text(),
    "g2 ratings": (SAMPLES / "reviews_g2_march.txt").read_text(),
    "one per line": (
        "Love the dashboards, the cash-flow view is great.\n"
        "Exports are slow and time out on big files.\n"
        "Support answered within the hour, thanks!"
    ),
    "a single short review": "The mobile app logs me out every single day.",
    "stars in words": "4 stars. Great templates but no payment reminders yet.",
}

LONG_PROSE = (
    "We spoke with the finance team about how they close the month and what slows them down, "
    "and the main themes were exports that time out, approvals that need a second person, and "
    "a search that is slow when you look up an invoice by its customer reference; they were "
    "otherwise happy with the dashboards and templates."
)


def _cases(texts: dict[str, str], expected: str) -> list:
    return [pytest.param(text, expected, id=name) for name, text in texts.items()]


@pytest.mark.parametrize(
    ("text", "expected"),
    _cases(TRANSCRIPTS, "transcript")
    + _cases(TICKETS, "support_ticket")
    + _cases(REPORTS, "discovery_report")
    + _cases(REVIEWS, "review"),
)
def test_guesses_the_type_from_the_shape_of_the_text(text: str, expected: str) -> None:
    guess = guess_signal_type(text)
    assert guess is not None and guess.signal_type == expected
    assert guess.reason


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n  ", id="blank"),
        pytest.param(LONG_PROSE, id="one long paragraph"),
    ],
)
def test_no_guess_when_nothing_stands_out(text: str) -> None:
    assert guess_signal_type(text) is None


def test_a_single_colon_line_is_not_an_interview() -> None:
    guess = guess_signal_type("Note: exports time out on files over 10 MB.")
    assert guess is not None and guess.signal_type == "review"


class TestTheSelector:
    def test_starts_at_the_guess_and_says_so(self) -> None:
        text = TRANSCRIPTS["q and a"]
        guess = guess_signal_type(text)
        assert option_label(AUTO) == "Guess from the text"
        assert guess_note(AUTO, guess, text) == (
            "Guessed from the text: Interview transcript (turns of two or more speakers) — "
            "change it if wrong."
        )
        assert chosen_type(AUTO, guess) == "transcript"

    def test_the_users_choice_wins(self) -> None:
        guess = guess_signal_type(TRANSCRIPTS["srt"])
        assert chosen_type("discovery_report", guess) == "discovery_report"
        assert guess_note("discovery_report", guess, TRANSCRIPTS["srt"]) is None
        assert option_label("discovery_report") == "Discovery report"

    def test_asks_when_the_text_does_not_say(self) -> None:
        assert guess_note(AUTO, None, "") is None
        assert guess_note(AUTO, None, LONG_PROSE) == (
            "The type is not clear from the text: choose it, or it is sent as Review."
        )
        assert chosen_type(AUTO, None) == "review"
