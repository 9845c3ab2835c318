"""Cues: a problem or request word used in another sense (denied, past, customer support)
is no evidence; the plain use still is."""

import pytest

from zentrik_server.extraction.cues import content_of, cue_scores, template_kind


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


@pytest.mark.parametrize(
    "text",
    [
        "Expose the queue length as a Prometheus metric.",
        "plz increase the storage limit for free accounts",
        "I wished it could remember which seat I picked last time",
        "Let admins archive a whole workspace at once.",
        "A bulk rename would be most welcome.",
    ],
)
def test_asks_of_the_forum_and_review_kind_are_requests(text: str) -> None:
    assert "feature_request" in cue_scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "Any pointers would be appreciated.",
        "It should be possible to open the file, but it shows an error instead.",
    ],
)
def test_a_plea_for_help_or_an_expected_behaviour_is_no_request(text: str) -> None:
    scores = cue_scores(text)
    assert scores.get("feature_request", 0.0) < 1.0


@pytest.mark.parametrize(
    "text", ["I'm having the same issue with the sync.", "Same problem with my printer here."]
)
def test_an_echoed_report_reports_nothing(text: str) -> None:
    assert not cue_scores(text).keys() & {"bug", "pain_point"}


def test_issue_template_words_are_not_the_authors() -> None:
    line = "**Is your feature request related to a problem? Please describe.**"
    assert content_of(line) == ""
    assert content_of("### Expected behavior\nThe file is saved.") == "The file is saved."
    assert template_kind("**Describe the bug**") == "bug"


@pytest.mark.parametrize(
    "text",
    [
        "Can't stop playing this on the train.",
        "Couldn't be happier with the new planner.",
        "I can't imagine running the shop without it.",
        "Honestly can't recommend it enough.",
    ],
)
def test_praise_said_with_a_negation_is_no_problem(text: str) -> None:
    assert not cue_scores(text).keys() & {"bug", "pain_point"}


@pytest.mark.parametrize(
    "text",
    [
        "I tried reinstalling the drivers and resetting the dock, no change.",
        "Already rebooted twice.",
        "We tried rolling back the plugin but got the same result.",
    ],
)
def test_an_attempted_fix_is_no_failure(text: str) -> None:
    assert "bug" not in cue_scores(text)


def test_an_attempted_fix_keeps_the_failure_it_names() -> None:
    assert "bug" in cue_scores("Tried reinstalling but it still crashes when I open a map.")


@pytest.mark.parametrize(
    "text",
    [
        "Any advice on where to start would be very welcome.",
        "It freezes whenever I try to add a second account.",
    ],
)
def test_a_plea_for_help_or_what_the_user_was_doing_asks_for_nothing(text: str) -> None:
    assert "feature_request" not in cue_scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wish I had started using it before tax season.",
        "I wish I could rate it eleven out of ten.",
        "I'd give it more stars but the trial only started yesterday.",
        "Wishing everyone on the team a restful summer break.",
        "Please help, I'm out of ideas.",
        "Let us know if you need a minimal repro project.",
        "I need it for my shifts at the clinic every day.",
        "I'd give zero stars if I could.",
    ],
)
def test_wishes_verdicts_and_pleas_ask_for_nothing(text: str) -> None:
    assert "feature_request" not in cue_scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "I wish it had a way to lock notes with a PIN.",
        "It would be nice if the map kept my zoom level.",
        "Please add folders for saved recipes.",
        "We need a way to bulk import contacts from a spreadsheet.",
        "Would give five stars if it synced with my car.",
    ],
)
def test_asks_beside_those_words_still_count(text: str) -> None:
    assert "feature_request" in cue_scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "The latest patch solved my audio problem.",
        "They finally fixed the checkout freeze, thanks.",
        "No more surprise logouts after the update.",
        "It doesn't overheat anymore when I stream.",
        "Have not seen a single error since we upgraded the agent.",
        "The sync issue I reported is now resolved.",
        "The maps in this game are sick.",
    ],
)
def test_a_problem_that_is_over_or_slang_praise_is_no_problem(text: str) -> None:
    assert not cue_scores(text).keys() & {"bug", "pain_point"}


@pytest.mark.parametrize(
    "text",
    [
        "The release notes say it's fixed but the upload still fails.",
        "This crash still hasn't been fixed in 5.4.",
        "Fixed in 2.3 but the freeze is back in 2.4.",
        "Half the buttons no longer work on my tablet.",
        "No updates since last spring and login keeps failing.",
        "The number of pop-ups is insane.",
        "Had to force quit the app twice to get my receipts to show.",
    ],
)
def test_a_problem_that_is_not_over_still_counts(text: str) -> None:
    assert cue_scores(text).keys() & {"bug", "pain_point"}
