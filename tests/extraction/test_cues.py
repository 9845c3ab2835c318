"""Cues: a problem or request word used in another sense (denied, past, customer support)
is no evidence; the plain use still is."""

import pytest

from zentrik_server.extraction.cues import cue_scores


@pytest.mark.parametrize(
    "text",
    [
        "Never a glitch or problem in two months of use.",
        "Never lets me down.",
        "You won't be disappointed.",
        "Getting better all the time.",
        "It builds up my running distance slowly.",
    ],
)
def test_praise_that_names_a_problem_word_is_no_problem(text: str) -> None:
    assert not cue_scores(text).keys() & {"bug", "pain_point"}


def test_a_plain_problem_still_counts() -> None:
    assert "bug" in cue_scores("It crashes all the time, no way around it.")
    assert "pain_point" in cue_scores("So disappointed with the new version.")


@pytest.mark.parametrize(
    "text",
    [
        "Been in touch with their support for weeks.",
        "This should have been an easy fix.",
        "No need for any other app.",
        "I want a refund!",
    ],
)
def test_words_of_a_request_used_otherwise_ask_for_nothing(text: str) -> None:
    assert "feature_request" not in cue_scores(text)


def test_a_plain_request_still_counts() -> None:
    assert "feature_request" in cue_scores("It should have a dark mode.")
    assert "feature_request" in cue_scores("Please add support for webhooks.")
