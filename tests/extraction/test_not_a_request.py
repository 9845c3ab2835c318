"""Request words that ask for no capability: a rating verdict alone, a wish that the product
worked, what should happen set against what does, money back, scorn. Each is a problem or
nothing, never a feature request; the same words around a real ask still ask."""

from __future__ import annotations

import pytest
from drafted import kinds_of

from zentrik_server.extraction import extract


def _kinds(text: str) -> list[str]:
    return sorted(set(kinds_of(text)))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Honestly it would be brilliant if the sync just worked.", ["bug"]),
        ("Four stars if it didn't freeze on the loading screen every morning.", ["bug"]),
        ("The widget should update every hour but it stays on yesterday's weather.", ["bug"]),
        ("The map is supposed to follow me but it stays on the start point.", ["bug"]),
        ("Would be a five star app.", []),
        ("I just want my money back for the yearly plan.", []),
        ("The developers should be ashamed of this redesign.", []),
    ],
)
def test_words_of_a_request_that_ask_for_nothing(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Would be five stars if you added a sleep timer.",
        "It would be brilliant if the planner synced with my work calendar.",
        "Would be great if it just synced with Outlook too.",
        "Please add a refund button to the order screen.",
    ],
)
def test_the_same_words_around_a_real_ask_still_ask(text: str) -> None:
    assert "feature_request" in _kinds(text)


def test_a_request_put_as_what_should_happen_is_named_by_the_ask() -> None:
    (draft,) = extract(
        "It should let me export a date range but only offers presets.", "review"
    ).insights
    assert (draft.kind, draft.name) == ("feature_request", "Export a date range")
