"""A GitHub issue or forum post that asks for help is a question, not a bug or a request,
even when it quotes the error it asks about; reports, complaints and asks phrased as
questions, and the other reviews of a pasted batch, keep their drafts."""

import pytest
from drafted import kinds_of

from zentrik_server.extraction.result import PROBLEMS, Kind


def _flags(text: str) -> set[str]:
    """What the benchmarks score: a problem report (bug or pain point), a feature request."""
    kinds = set(kinds_of(text))
    flags = {"problem"} if kinds & PROBLEMS else set()
    return flags | ({"feature"} if Kind.FEATURE_REQUEST in kinds else set())


@pytest.mark.parametrize(
    "text",
    [
        "Why do I get `KeyError: 'tenant_id'` when calling client.sync()?\n\n```\nTraceback "
        '(most recent call last):\n  File "app.py", line 12, in <module>\n    client.sync()\n'
        "KeyError: 'tenant_id'\n```\nI followed the quickstart exactly.",
        "Is there a way to disable the telemetry prompt in CI?\n"
        "Our pipeline hangs because the prompt waits for input.",
        "Hi all,\n\nCan someone explain how the retry policy interacts with timeouts? My jobs "
        "fail after 30s even though I set retries to 5.\n\nThanks in advance",
        "Does anyone know how to get the calendar widget to start weeks on Monday? "
        "I can't find the setting anywhere.",
        "Is it possible to run the agent without root? The install script errors out with "
        "permission denied on /var/lib.",
        "How can I export my workout history to a spreadsheet? I looked in settings but only "
        "see a share button.",
        "I run `meshctl deploy` against a kind cluster and it prints `context deadline "
        "exceeded` after 60s. What am I doing wrong?",
        "I get a 401 from the token endpoint when I call it from the browser, but curl works. "
        "Am I missing a header?",
    ],
)
def test_a_help_seeking_issue_or_post_is_a_question(text: str) -> None:
    assert _flags(text) == set()
    assert Kind.QUESTION in kinds_of(text)


def test_a_help_seeking_ticket_is_a_question() -> None:
    ticket = (
        "Subject: How can I move invoices between workspaces?\n\nHi team,\nWe merged two "
        "subsidiaries and the old workspace still holds 300 invoices. The move button is "
        "greyed out for me.\n\nThanks,\nDana"
    )
    assert kinds_of(ticket, "support_ticket") == [Kind.QUESTION]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        (
            "Upload fails with 413 on files over 2 GB\n\nEvery upload above 2 GB returns HTTP "
            "413 from the gateway. Smaller files are fine. Any idea how to fix this?",
            {"problem"},
        ),
        ("Why does it keep crashing?! Every time I open a photo the app closes.", {"problem"}),
        (
            "How do I fix the login loop? After the last update the app sends me back to the "
            "login screen every time.",
            {"problem"},
        ),
        (
            "How do I cancel my plan? I was charged twice in March and nobody replies.",
            {"problem"},
        ),
        ("Could you add dark mode? My eyes hurt at night.", {"feature"}),
        (
            "Is there a way to schedule a post for later? If not, please consider adding it, "
            "our team posts across time zones.",
            {"feature"},
        ),
    ],
)
def test_reports_complaints_and_asks_phrased_as_questions_keep_their_kind(
    text: str, flags: set[str]
) -> None:
    assert _flags(text) == flags


def test_a_suggestion_asked_as_a_question_is_a_request() -> None:
    post = (
        "Is there any way to get a yearly view in the calendar? "
        "I'd love to see the whole year at a glance."
    )
    kinds = kinds_of(post)
    assert Kind.FEATURE_REQUEST in kinds
    assert Kind.QUESTION not in kinds


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_a_batch_of_reviews_opening_on_a_question_keeps_the_others_drafts(
    separator: str,
) -> None:
    batch = separator.join(
        [
            "How do I change the units to km?",
            "Sync with my watch has been broken for a week, it never finishes.",
            "Would be great to have a dark theme.",
            "Love it, best tracker I've used.",
        ]
    )
    assert _flags(batch) == {"problem", "feature"}


@pytest.mark.parametrize(
    "text",
    [
        # The author doubts their own setup: the failure after the upgrade is in doubt too.
        "Since upgrading to 3.1 the importer rejects every file with `invalid header`. "
        "Probably user error, which field did the format change?",
        "How does the rate limiter work? Requests start failing with 429 after a minute.",
    ],
)
def test_self_doubt_or_a_how_it_works_question_asks_for_help(text: str) -> None:
    assert _flags(text) == set()
    assert Kind.QUESTION in kinds_of(text)


def test_a_how_to_about_a_regression_reports_it() -> None:
    assert _flags("How do I get my saved routes back? They disappeared after the update.") == {
        "problem"
    }


def test_a_help_seeking_review_of_a_batch_drafts_its_question() -> None:
    batch = "\n\n".join(
        [
            "Love the new layout.",
            "Is there a setting to show distances in km? I looked through every menu and "
            "could not find it.",
            "Crashes every time I rotate the phone.",
        ]
    )
    assert _flags(batch) == {"problem"}
    assert Kind.QUESTION in kinds_of(batch)
