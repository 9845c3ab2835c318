"""Profiles: what is kept as a customer's words, and how texts are cut."""

from zentrik_server.extraction import extract
from zentrik_server.extraction.segment import (
    report_units,
    resolve_signal_type,
    review_units,
    ticket_units,
    transcript_units,
)
from zentrik_server.extraction.transcript import interviewers, parse_turns


def test_timestamps_and_cue_numbers_never_reach_the_units() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\nAna: The upload fails.\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\nAna: Every time."
    )
    vtt = "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ana>The upload fails.</v>\n"
    zoom = "[00:01:02] Ana: The upload fails.\n[00:01:09] Ben: Why?"
    for text in (srt, vtt, zoom):
        units = transcript_units(text)
        assert units[0].text == "The upload fails." and units[0].speaker == "Ana"
        assert not any(":" in unit.text for unit in units)


def test_speaker_headers_own_the_lines_below_them() -> None:
    text = (
        "Speaker 1 (00:00:02)\nHow was setup?\n\nSpeaker 2 (00:00:06)\nSlow. The app froze twice."
    )
    turns = parse_turns(text)
    assert [(t.speaker, t.text) for t in turns] == [
        ("Speaker 1", "How was setup?"),
        ("Speaker 2", "Slow. The app froze twice."),
    ]


def test_the_interviewer_is_found_by_role_or_by_who_asks() -> None:
    named = parse_turns("Host: Hi!\nKim: The app crashes.\nHost: When?\nKim: At login.")
    assert interviewers(named) == {"Host"}
    asking = parse_turns(
        "Ola: What do you use it for?\nKim: Budgets.\nOla: What is hard?\nKim: Export is slow.\n"
        "Ola: Why does that matter?\nKim: Month end."
    )
    assert interviewers(asking) == {"Ola"}
    assert interviewers(parse_turns("Kim: The app crashes.\nKim: Again.")) == set()


def test_reviews_are_one_per_line_or_one_per_paragraph() -> None:
    lines = review_units("Great app.\nCrashes on start.\n- Please add dark mode.")
    assert [u.source for u in lines] == [0, 1, 2]
    assert lines[2].text == "Please add dark mode."
    paragraphs = review_units("Great app.\nReally.\n\nCrashes on start.")
    assert [u.source for u in paragraphs] == [0, 0, 1]


def test_a_review_is_judged_apart_on_either_side_of_a_contrast() -> None:
    units = review_units("Great app, but it logs me out every day. Works fine though.")
    assert [u.text for u in units] == [
        "Great app",
        "but it logs me out every day.",
        "Works fine though.",
    ]
    kinds = {
        i.kind
        for i in extract("Lovely design, but the export fails every time.", "review").insights
    }
    assert "bug" in kinds


def test_a_ticket_keeps_its_subject_and_priority() -> None:
    units = ticket_units("Subject: Sync broken\nPriority: Urgent\n\nIt fails.\nError: ETIMEDOUT")
    assert units[0].text == "Sync broken" and units[0].prominent
    assert {u.severity_hint for u in units} == {"high"}
    assert units[-1].kind_hint == "bug"


def test_a_report_heading_hints_the_kind_of_its_bullets() -> None:
    units = report_units("## Pain points\n- Exports are slow\n\n## Requests\n- Slack alerts")
    assert [(u.text, u.kind_hint) for u in units] == [
        ("Exports are slow", "pain_point"),
        ("Slack alerts", "feature_request"),
    ]


def test_without_a_type_speaker_turns_mean_a_transcript() -> None:
    assert resolve_signal_type("Ana: Hi\nBen: Hello\nAna: The app is slow.", None) == "transcript"
    assert resolve_signal_type("The app is slow.\nLove it.", None) == "review"
    assert resolve_signal_type("Subject: Help\n\nIt crashed.", None) == "support_ticket"


def test_headlines_drop_filler_and_put_the_subject_first() -> None:
    result = extract("Um, honestly I think the search is really slow on big projects.", "review")
    (insight,) = result.insights
    assert insight.name == "Search is slow on big projects"


def test_the_pm_can_name_the_interviewer_in_the_context() -> None:
    text = "Priya: The new export is great.\nSam: Exports fail every morning.\nPriya: Since when?"
    result = extract(text, "transcript", additional_context="Call with Sam, interviewer: Priya")
    speakers = {quote.speaker for insight in result.insights for quote in insight.quotes}
    assert speakers == {"Sam"}


def test_a_ticket_reply_ignores_the_quoted_thread_below_it() -> None:
    text = (
        "Subject: Re: Export\n\nStill broken: the export fails with error 502.\n\n"
        "On Mon, 3 Mar 2025 at 10:00, Support <help@example.com> wrote:\n"
        "> Please add more detail about the dark mode you asked for."
    )
    units = ticket_units(text)
    assert all("dark mode" not in unit.text for unit in units)


def test_headlines_keep_a_meaningful_no_and_drop_an_answering_one() -> None:
    from zentrik_server.extraction.headline import headline

    assert headline("No sound on calls since the update.", "bug") == (
        "No sound on calls since the update"
    )
    assert headline("No, the export is slow.", "pain_point") == "Export is slow"
    assert headline("Yeah, and bulk approval, please.", "feature_request") == "Bulk approval"


def test_an_unpunctuated_run_is_cut_into_bounded_units() -> None:
    from zentrik_server.extraction.text import MAX_WORDS, sentences

    run = " ".join(["the sync fails, again"] * 200)  # 800 words, no full stop
    pieces = sentences(run)
    assert len(pieces) > 1 and all(len(p.split()) <= MAX_WORDS for p in pieces)
    assert " ".join(pieces) == run
