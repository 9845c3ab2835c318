"""Cues: a denied or praised-away problem word is no problem."""

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
