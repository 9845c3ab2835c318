"""Uploads become the signals a user expects, and bad rows say why."""

from __future__ import annotations

import io
import json

import docx
import pytest

from zentrik_ui.ingest import (
    ColumnMapping,
    UploadError,
    document_draft,
    guess_mapping,
    normalize_signal_type,
    parse_occurred_at,
    parse_uploads,
    preview_frame,
    read_table,
    table_drafts,
)

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Dana (Interviewer)>How do you export reports today?</v>

2
00:01:02.500 --> 00:01:06.000
<v Sam>Honestly it takes forever.</v>

3
00:01:06.000 --> 00:01:09.000
<v Sam>Large exports time out.</v>
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Priya: The billing page is confusing.

2
01:02:03,000 --> 01:02:05,000
Tom: Agreed, I never find invoices.
"""


class TestDocuments:
    def test_vtt_keeps_timestamps_and_speakers_and_merges_turns(self) -> None:
        draft = document_draft("call.vtt", VTT.encode(), default_type="review")
        assert draft.signal_type == "transcript"
        assert draft.name == "call"
        assert draft.text.splitlines() == [
            "[00:00:01] Dana (Interviewer): How do you export reports today?",
            "[00:01:02] Sam: Honestly it takes forever. Large exports time out.",
        ]

    def test_srt_speaker_prefixes_are_kept(self) -> None:
        draft = document_draft("calls.srt", SRT.encode(), default_type="review")
        assert draft.text.splitlines() == [
            "[00:00:01] Priya: The billing page is confusing.",
            "[01:02:03] Tom: Agreed, I never find invoices.",
        ]

    def test_plain_text_uses_the_chosen_type(self) -> None:
        draft = document_draft("ticket-41.txt", b"Cannot log in since Monday", "support_ticket")
        assert (draft.signal_type, draft.text, draft.name) == (
            "support_ticket",
            "Cannot log in since Monday",
            "ticket-41",
        )

    def test_windows_encoded_text_is_read(self) -> None:
        draft = document_draft("notes.md", "Caf\xe9 owners".encode("cp1252"), "review")
        assert draft.text == "Café owners"

    def test_docx_paragraphs_and_tables(self) -> None:
        document = docx.Document()
        document.add_paragraph("Discovery summary")
        document.add_paragraph("Exports are slow.")
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Theme"
        table.rows[0].cells[1].text = "Exports"
        buffer = io.BytesIO()
        document.save(buffer)
        draft = document_draft("report.docx", buffer.getvalue(), "discovery_report")
        assert draft.text == "Discovery summary\nExports are slow.\nTheme | Exports"

    def test_broken_docx_is_a_clear_problem(self) -> None:
        with pytest.raises(UploadError, match=r"not a readable \.docx"):
            document_draft("report.docx", b"not a zip", "review")

    def test_empty_file_is_reported_not_created(self) -> None:
        parsed = parse_uploads([("empty.txt", b"   ")], "review")
        assert parsed.drafts == []
        assert parsed.problems[0].reason == "the file has no text"


CSV = b"""Title,Review text,Submitted,Kind
Great app,Love the dashboards,2025-03-11 14:30,review
,,2025-03-12,review
Slow,Exports are slow,not a date,review
Ticket,Cannot reset password,2025-03-13T09:00:00+01:00,Support ticket
Odd,Something,2025-03-14,tweet
"""


class TestTables:
    def test_mapping_is_guessed_from_column_names(self) -> None:
        frame = read_table("reviews.csv", CSV)
        assert guess_mapping(frame.columns) == ColumnMapping(
            text="Review text", name="Title", date="Submitted", type="Kind"
        )

    def test_each_bad_row_is_reported_with_its_reason_and_row_number(self) -> None:
        frame = read_table("reviews.csv", CSV)
        parsed = table_drafts("reviews.csv", frame, guess_mapping(frame.columns), "review")
        assert [d.label for d in parsed.drafts] == ["reviews.csv row 2", "reviews.csv row 5"]
        assert parsed.drafts[0].occurred_at == "2025-03-11T14:30:00Z"
        assert parsed.drafts[1].signal_type == "support_ticket"
        assert parsed.drafts[1].occurred_at == "2025-03-13T08:00:00Z"
        reasons = {p.label: p.reason for p in parsed.problems}
        assert reasons["reviews.csv row 3"] == "text is empty"
        assert "not a date" in reasons["reviews.csv row 4"]
        assert "'tweet' is not one of transcript" in reasons["reviews.csv row 6"]

    def test_without_a_type_column_the_default_type_applies(self) -> None:
        frame = read_table("t.csv", b"body\nhello\n")
        parsed = table_drafts("t.csv", frame, ColumnMapping(text="body"), "support_ticket")
        assert parsed.drafts[0].signal_type == "support_ticket"
        assert parsed.drafts[0].name is None

    def test_json_array_and_wrapped_array_and_lines(self) -> None:
        rows = [{"text": "one", "rating": 4}, {"text": "two", "rating": None}]
        for payload in (
            json.dumps(rows),
            json.dumps({"reviews": rows}),
            "\n".join(json.dumps(r) for r in rows),
        ):
            frame = read_table("r.json", payload.encode())
            assert list(frame["text"]) == ["one", "two"]
            assert list(frame["rating"]) == ["4", ""]

    def test_json_that_is_not_objects_is_refused(self) -> None:
        with pytest.raises(UploadError, match="array of objects"):
            read_table("r.json", b"[1, 2]")

    def test_preview_lists_created_and_refused_rows(self) -> None:
        frame = read_table("reviews.csv", CSV)
        parsed = table_drafts("reviews.csv", frame, guess_mapping(frame.columns), "review")
        preview = preview_frame(parsed)
        assert preview["will be created"].tolist() == [True, True, False, False, False]
        assert preview.loc[0, "name"] == "Great app"

    def test_each_row_has_its_own_id(self) -> None:
        frame = read_table("t.csv", b"text\na\nb\n")
        parsed = table_drafts("t.csv", frame, ColumnMapping(text="text"), "review")
        keys = {d.row_id for d in parsed.drafts}
        assert len(keys) == 2


class TestFieldRules:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [("Support ticket", "support_ticket"), ("DISCOVERY-REPORT", "discovery_report"),
         ("transcript", "transcript"), ("tweet", None), (None, None)],
    )  # fmt: skip
    def test_signal_type_spellings(self, raw: str | None, expected: str | None) -> None:
        assert normalize_signal_type(raw) == expected

    def test_dates_become_iso_utc(self) -> None:
        assert parse_occurred_at("3/11/2025 2:30 PM") == "2025-03-11T14:30:00Z"
        with pytest.raises(ValueError, match="not a date"):
            parse_occurred_at("yesterday-ish")

    def test_unsupported_file_is_a_problem(self) -> None:
        parsed = parse_uploads([("slides.pptx", b"x")], "review")
        assert parsed.problems[0].reason == ".pptx is not supported"
