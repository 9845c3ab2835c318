"""Headlines that are never mangled: no word dropped where the speaker was, verbs spelled
right in the present tense, a condition said after its finding and whole, questions kept
grammatical, typed-in-a-hurry contractions spelled, and a one-word sentence never the
headline (issue 11 item 3)."""

from __future__ import annotations

import pytest
from test_drafts import headline_problems

from zentrik_server.extraction import extract
from zentrik_server.extraction.headline import headline
from zentrik_server.extraction.tense import base_form, gerund


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # A condition with no comma splits where the main clause's subject starts.
        (
            "When we moved to the team plan the receipt listed the wrong seats.",
            "bug",
            "Receipt lists the wrong seats when moving to the team plan",
        ),
        (
            "Whenever I tilt my tablet the chart resets.",
            "bug",
            "Chart resets when tilting the tablet",
        ),
        # The condition survives the speaker clause cut from the main one, its verb spelled.
        (
            "After I migrated to 4.0 the inbox emptied and I can't restore my folders.",
            "bug",
            "Inbox empties after migrating to 4.0",
        ),
        (
            "Since the new release I cannot attach invoices.",
            "bug",
            "Users cannot attach invoices since the new release",
        ),
        # A speaker no cut can leave out is the users; "I had to" is what happened.
        (
            "I had to log out twice to see the new plan.",
            "bug",
            "Users have to log out twice to see the new plan",
        ),
        ("The player froze and I lost my place.", "bug", "Player freezes"),
        (
            "The upload got stuck at 80% and never completed.",
            "bug",
            "Upload gets stuck at 80% and never completes",
        ),
        (
            "Our shared calendars vanished after the import.",
            "bug",
            "Shared calendars vanish after the import",
        ),
        # Questions keep a subject.
        ("Why do you need my microphone??", "question", "Why does the app need the microphone?"),
        (
            "How do I move my boards to another team?",
            "question",
            "How do users move boards to another team?",
        ),
        # Typed in a hurry.
        ("Doesnt open since the patch", "bug", "Doesn't open since the patch"),
        # Requests: the verb that is the ask stays; "you guys should"; "it was possible to".
        (
            "Could you make the icons larger in the sidebar?",
            "feature_request",
            "Make the icons larger in the sidebar",
        ),
        ("You guys should let us rename our boards.", "feature_request", "Rename boards"),
        ("I wish it was possible to mute a thread.", "feature_request", "Mute a thread"),
        (
            "It would help if the summary included the totals.",
            "feature_request",
            "Summary includes the totals",
        ),
    ],
)
def test_a_headline_is_a_grammatical_rewrite_of_the_sentence(
    text: str, kind: str, expected: str
) -> None:
    assert headline(text, kind) == expected


@pytest.mark.parametrize(
    ("past", "base", "ing"),
    [
        ("upgraded", "upgrade", "upgrading"),
        ("configured", "configure", "configuring"),
        ("required", "require", "requiring"),
        ("deleted", "delete", "deleting"),
        ("synced", "sync", "syncing"),
        ("added", "add", "adding"),
        ("installed", "install", "installing"),
        ("cancelled", "cancel", "cancelling"),
        ("occurred", "occur", "occurring"),
        ("submitted", "submit", "submitting"),
        ("opened", "open", "opening"),
        ("monitored", "monitor", "monitoring"),
        ("visited", "visit", "visiting"),
        ("looked", "look", "looking"),
        ("shared", "share", "sharing"),
        ("brought", "bring", "bringing"),
    ],
)
def test_past_forms_have_their_base_and_gerund_spelled_right(
    past: str, base: str, ing: str
) -> None:
    assert base_form(past) == base and gerund(past) == ing


def test_a_one_word_sentence_is_never_the_headline() -> None:
    (insight,) = extract("Way too many pop-ups. Uninstalled.", "review").insights
    assert insight.name == "Way too many pop-ups" and insight.kind == "pain_point"


# Sentences in many registers; every headline must be publishable and drop no word where a
# speaker was (no "and can't", "do need", "when to").
VARIED = [
    "When I changed my avatar the profile page went blank.",
    "If you type an emoji in the title the save button greys out.",
    "Every time we export the report the totals are off by one.",
    "I can't find where to change my notification sound.",
    "It won't let me reorder my playlists anymore.",
    "We've been getting duplicate emails since the migration.",
    "They moved the settings and now I can't find the backup option.",
    "The app froze and we lost the whole afternoon's notes.",
    "My reminders stopped firing after I switched phones.",
    "Why can't I pick a custom color?",
    "Where did my archived chats go?",
    "Wont load my library on the tablet",
    "Honestly I think the sync is too slow for our team.",
    "Yeah so when I tap share nothing happens.",
]

_HOLE = (
    " and can't",
    " and won't",
    " do need",
    " does need",
    " when to ",
    " and lost ",
    "eding",
    "Why do ",
)


@pytest.mark.parametrize("text", VARIED)
def test_varied_sentences_give_publishable_headlines_without_holes(text: str) -> None:
    for insight in extract(text, "review").insights:
        assert headline_problems(insight.name) == [], insight.name
        assert not any(hole in insight.name for hole in _HOLE), insight.name
