"""A missing capability said beside a request for it is one draft, a feature request named
after the capability, with the lack quoted as its evidence; a failure said beside a request
stays a problem of its own."""

from __future__ import annotations

import pytest

from zentrik_server.extraction import extract
from zentrik_server.extraction.cues import lacked


def _drafts(text: str) -> list[tuple[str, str, int]]:
    """(kind, headline, quotes) per draft, in the engine's order."""
    return [(i.kind, i.name, len(i.evidence)) for i in extract(text, "review").insights]


@pytest.mark.parametrize(
    ("text", "name", "quotes"),
    [
        ("There's no way to pin a note to the top. Please add it.", "Pin a note to the top", 2),
        ("You can't print a receipt from the history screen, please add that", None, 1),
        ("The watch app doesn't support Garmin devices yet. Please add Garmin support!", None, 2),
        ("Wish it could import bookmarks from Firefox. Would be nice to have.", None, 2),
        ("The planner lacks a weekly view. Could you add one?", "Weekly view", 2),
        ("Please add a sleep timer. There is no sleep timer at the moment.", None, 2),
    ],
)
def test_a_lack_beside_its_request_is_one_feature_request(
    text: str, name: str | None, quotes: int
) -> None:
    drafts = _drafts(text)
    assert [(kind, count) for kind, _, count in drafts] == [("feature_request", quotes)]
    if name is not None:
        assert drafts[0][1] == name


def test_a_request_pointing_back_is_named_after_what_is_missing() -> None:
    [(kind, name, _)] = _drafts("I can't share a playlist with a friend. Please add this.")
    assert (kind, name) == ("feature_request", "Share a playlist with a friend")


@pytest.mark.parametrize(
    "text",
    [
        "Uploading a video crashes the app every time. Also please add a dark theme.",
        "Searching my inbox is painfully slow. Please add filters to the search.",
        "I can't log in since the latest update. Please add Google sign in.",
    ],
)
def test_a_failure_beside_a_request_stays_two_drafts(text: str) -> None:
    problem, request = (kind for kind, _, _ in _drafts(text))
    assert (problem in {"bug", "pain_point"}, request) == (True, "feature_request")


def test_a_failure_asked_to_be_fixed_is_a_bug_only() -> None:
    drafts = _drafts("Saving a draft fails with error 502, please fix it")
    assert [kind for kind, _, _ in drafts] == ["bug"]


@pytest.mark.parametrize(
    "text",
    [
        "There is no calendar view. There is no offline mode either.",
        "There is no calendar view. Please add an offline mode.",
    ],
)
def test_a_lack_is_not_the_motive_of_another_ask(text: str) -> None:
    """Two lacks side by side, or a lack and a request for something else, stay apart."""
    assert len(_drafts(text)) == 2


@pytest.mark.parametrize(
    ("text", "capability"),
    [
        ("I cannot rename a folder", "rename a folder"),
        ("The player doesn't support Chromecast yet", "Chromecast support"),
        ("There is no option to hide the sidebar", "hide the sidebar"),
        ("It lacks a dark theme", "dark theme"),
        ("The export is broken, I can't export anything", None),
        ("I can't open the app since the update", None),
        ("Backups are so slow there is no way to use them", None),
    ],
)
def test_what_is_lacked(text: str, capability: str | None) -> None:
    assert lacked(text) == capability
