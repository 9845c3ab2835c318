"""Turn uploaded files into the signals to create, each checked against the API's rules.

Documents (.txt, .md, .vtt, .srt, .docx) become one signal per file; tables (.csv, .json)
become one signal per row, with the columns the user mapped. Nothing here talks to the
server: the result is a list of `SignalDraft` (ready to send) and `RowProblem` (why a row
cannot be sent), so the page can preview both before anything is created.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath

import pandas as pd

from zentrik_ui.models import SignalType
from zentrik_ui.signal_names import name_from_content
from zentrik_ui.transcript_marks import CUE_TIMING, VOICE_TAG, split_turn

SIGNAL_TYPES: tuple[str, ...] = tuple(SignalType)
# What a pasted or uploaded text most often is when the user does not say.
DEFAULT_SIGNAL_TYPE: str = SignalType.REVIEW
SIGNAL_TYPE_LABELS: dict[str, str] = {
    SignalType.TRANSCRIPT: "Interview transcript",
    SignalType.SUPPORT_TICKET: "Support ticket",
    SignalType.REVIEW: "Review",
    SignalType.DISCOVERY_REPORT: "Discovery report",
}
DOCUMENT_SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx")
TABLE_SUFFIXES = (".csv", ".json")
UPLOAD_SUFFIXES = DOCUMENT_SUFFIXES + TABLE_SUFFIXES
# Subtitles are conversations: default them to transcripts whatever the page default is.
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")


class UploadError(ValueError):
    """A file that cannot be read at all (wrong format, not text, no rows)."""


class DraftProblems(ValueError):
    """The paste form's fields cannot be sent yet; `str()` lists what to fix, for the page."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Fix before sending:\n\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class SignalDraft:
    """One signal ready to create. `label` tells the user where it came from."""

    label: str
    text: str
    signal_type: str
    name: str | None = None
    occurred_at: str | None = None
    additional_context: str | None = None
    product_ids: tuple[str, ...] = ()
    account_id: str | None = None
    # Identifies the row across a batch and its retries (labels may repeat across files).
    row_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def sent_name(self) -> str | None:
        """The name the signal is created with: the one given, else one from its content
        (the server's fallback, type and time, tells signals apart by nothing a PM knows)."""
        return self.name or name_from_content(self.text)


@dataclass(frozen=True)
class RowProblem:
    label: str
    reason: str


@dataclass(frozen=True)
class ParsedUpload:
    drafts: list[SignalDraft]
    problems: list[RowProblem]


# ---------------------------------------------------------------- field rules (the spec's)


def normalize_signal_type(value: object) -> str | None:
    """'Support ticket', 'support-ticket' and 'SUPPORT_TICKET' all mean support_ticket."""
    if value is None:
        return None
    text = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    return text if text in SIGNAL_TYPES else None


def parse_occurred_at(value: object) -> str:
    """An ISO 8601 UTC timestamp for any common date spelling; ValueError when unreadable."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        if not text:
            raise ValueError("the date is empty")
        try:
            moment = pd.Timestamp(text).to_pydatetime()
        except (ValueError, TypeError, OverflowError) as exc:
            raise ValueError(f"'{text}' is not a date (use e.g. 2025-03-11T14:30:00Z)") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate_fields(text: str, signal_type: object, occurred_at: object) -> list[str]:
    """The problems with one signal's fields, in words a user can act on."""
    problems = []
    if not text.strip():
        problems.append("text is empty")
    if normalize_signal_type(signal_type) is None:
        allowed = ", ".join(SIGNAL_TYPES)
        problems.append(f"signal type '{signal_type}' is not one of {allowed}")
    if not _is_blank(occurred_at):
        try:
            parse_occurred_at(occurred_at)
        except ValueError as exc:
            problems.append(f"date: {exc}")
    return problems


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


# ---------------------------------------------------------------- documents


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to Windows-1252 for older exports."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_ANY_TAG = re.compile(r"</?[^>]+>")


@dataclass(frozen=True)
class Cue:
    start: str  # hh:mm:ss
    speaker: str | None
    text: str


def parse_cues(text: str) -> list[Cue]:
    """WebVTT and SRT cues with their start time and speaker (`<v Name>` or `Name: ...`)."""
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        timings = [(i, t) for i, line in enumerate(lines) if (t := CUE_TIMING.match(line))]
        if not timings:
            continue  # WEBVTT header, NOTE or STYLE blocks
        index, timing = timings[0]
        hours, minutes, seconds = timing["hours"] or 0, timing["minutes"], timing["seconds"]
        start = f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d}"
        body = " ".join(lines[index + 1 :])
        voice = VOICE_TAG.search(body)
        speaker = voice["name"].strip() if voice else None
        body = _ANY_TAG.sub("", body).strip()
        if speaker is None and (turn := split_turn(body)):
            _stamp, speaker, body = turn
        if body:
            cues.append(Cue(start, speaker, body))
    return cues


def cues_to_transcript(cues: Sequence[Cue]) -> str:
    """`[00:01:02] Speaker: text` lines, one per turn: consecutive cues of a speaker merge."""
    turns: list[Cue] = []
    for cue in cues:
        if turns and cue.speaker and turns[-1].speaker == cue.speaker:
            last = turns[-1]
            turns[-1] = Cue(last.start, last.speaker, f"{last.text} {cue.text}")
        else:
            turns.append(cue)
    return "\n".join(
        f"[{cue.start}] {cue.speaker}: {cue.text}" if cue.speaker else f"[{cue.start}] {cue.text}"
        for cue in turns
    )


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a Word document, in reading order enough for extraction."""
    import docx  # python-docx; imported here because only .docx uploads need it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip/xml errors of many kinds
        raise UploadError("this is not a readable .docx file") from exc
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(part for part in parts if part.strip())


def document_text(filename: str, data: bytes) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        return docx_text(data)
    text = decode_text(data)
    if suffix in TRANSCRIPT_SUFFIXES:
        cues = parse_cues(text)
        if not cues:
            raise UploadError("no subtitle cues found (expected lines like 00:00:01.000 --> …)")
        return cues_to_transcript(cues)
    return text.strip()


def document_draft(filename: str, data: bytes, default_type: str) -> SignalDraft:
    """One signal from one document; the file name (without suffix) becomes its name."""
    suffix = PurePath(filename).suffix.lower()
    signal_type = "transcript" if suffix in TRANSCRIPT_SUFFIXES else default_type
    text = document_text(filename, data)
    if not text:
        raise UploadError("the file has no text")
    return SignalDraft(
        label=filename, text=text, signal_type=signal_type, name=PurePath(filename).stem
    )


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds each field; None means 'not in the file' (type: use the default)."""

    text: str | None
    name: str | None = None
    date: str | None = None
    type: str | None = None


_GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "transcript", "review", "comment", "description",
             "message", "feedback"),
    "name": ("name", "title", "subject", "headline"),
    "date": ("occurredat", "occurred_at", "date", "createdat", "created_at", "timestamp",
             "time", "submitted", "datetime"),
    "type": ("signaltype", "signal_type", "type", "kind", "category"),
}  # fmt: skip


def guess_mapping(columns: Iterable[str]) -> ColumnMapping:
    """Defaults for the mapping form: exact names first, then names that contain a guess."""
    columns = list(columns)

    def pick(field_name: str, taken: set[str]) -> str | None:
        simplified = {col: re.sub(r"[\s\-]", "", col.lower()) for col in columns}
        for guess in _GUESSES[field_name]:
            for col, simple in simplified.items():
                if simple == guess.replace("_", "") and col not in taken:
                    return col
        for guess in _GUESSES[field_name]:
            for col, simple in simplified.items():
                if guess in simple and col not in taken:
                    return col
        return None

    taken: set[str] = set()
    chosen: dict[str, str | None] = {}
    for field_name in ("text", "name", "date", "type"):
        chosen[field_name] = pick(field_name, taken)
        if chosen[field_name]:
            taken.add(chosen[field_name])  # type: ignore[arg-type]
    if chosen["text"] is None and columns:
        chosen["text"] = columns[0]
    return ColumnMapping(**chosen)


def read_table(filename: str, data: bytes) -> pd.DataFrame:
    """A .csv or .json upload as a table of strings (JSON: an array of objects, or
    an object holding one, or JSON Lines)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        try:
            frame = pd.read_csv(io.StringIO(decode_text(data)), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise UploadError(f"this CSV cannot be read: {exc}") from exc
    elif suffix == ".json":
        records = _json_records(decode_text(data))
        frame = pd.DataFrame([{k: _json_cell(v) for k, v in r.items()} for r in records])
        frame = frame.fillna("")  # keys missing from some objects
    else:
        raise UploadError(f"{suffix} is not a table (use .csv or .json)")
    if frame.empty:
        raise UploadError("the file has no rows")
    frame.columns = [str(col) for col in frame.columns]
    return frame


def _json_records(text: str) -> list[dict[str, object]]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError:
        try:
            payload = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise UploadError(f"this is not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    if isinstance(payload, dict):
        lists = [value for value in payload.values() if isinstance(value, list)]
        payload = lists[0] if len(lists) == 1 else [payload]
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise UploadError("expected a JSON array of objects, one per signal")
    return payload


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


def table_drafts(
    filename: str, frame: pd.DataFrame, mapping: ColumnMapping, default_type: str
) -> ParsedUpload:
    """One draft per valid row; every other row reported with its reason. Rows are numbered
    as a spreadsheet shows them (header = row 1)."""
    drafts: list[SignalDraft] = []
    problems: list[RowProblem] = []
    for position, row in enumerate(frame.to_dict("records")):
        label = f"{filename} row {position + 2}"
        text = _cell(row, mapping.text) or ""
        raw_type = _cell(row, mapping.type) or default_type
        raw_date = _cell(row, mapping.date)
        reasons = validate_fields(text, raw_type, raw_date)
        if reasons:
            problems.append(RowProblem(label, "; ".join(reasons)))
            continue
        drafts.append(
            SignalDraft(
                label=label,
                text=text.strip(),
                signal_type=normalize_signal_type(raw_type) or default_type,
                name=_cell(row, mapping.name) or None,
                occurred_at=parse_occurred_at(raw_date) if raw_date else None,
            )
        )
    return ParsedUpload(drafts, problems)


def _cell(row: dict[str, object], column: str | None) -> str | None:
    if column is None or _is_blank(row.get(column)):
        return None
    return str(row[column]).strip()


def preview_frame(parsed: ParsedUpload) -> pd.DataFrame:
    """What will be created (and what will not), one line per row, for the preview table."""
    rows = [
        {
            "source": draft.label,
            "will be created": True,
            "name": draft.sent_name() or "(generated)",
            "type": draft.signal_type,
            "occurred at": draft.occurred_at or "",
            "text": _excerpt(draft.text),
            "problem": "",
        }
        for draft in parsed.drafts
    ]
    rows += [
        {
            "source": problem.label,
            "will be created": False,
            "name": "",
            "type": "",
            "occurred at": "",
            "text": "",
            "problem": problem.reason,
        }
        for problem in parsed.problems
    ]
    return pd.DataFrame(
        rows,
        columns=["source", "will be created", "name", "type", "occurred at", "text", "problem"],
    )


def _excerpt(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def parse_uploads(
    files: Sequence[tuple[str, bytes]],
    default_type: str,
    mappings: dict[str, ColumnMapping] | None = None,
) -> ParsedUpload:
    """Every uploaded file at once; a file that cannot be read is one problem, not a crash."""
    drafts: list[SignalDraft] = []
    problems: list[RowProblem] = []
    for filename, data in files:
        suffix = PurePath(filename).suffix.lower()
        try:
            if suffix in TABLE_SUFFIXES:
                frame = read_table(filename, data)
                mapping = (mappings or {}).get(filename) or guess_mapping(frame.columns)
                parsed = table_drafts(filename, frame, mapping, default_type)
                drafts += parsed.drafts
                problems += parsed.problems
            elif suffix in DOCUMENT_SUFFIXES:
                drafts.append(document_draft(filename, data, default_type))
            else:
                raise UploadError(f"{suffix or 'this file type'} is not supported")
        except UploadError as exc:
            problems.append(RowProblem(filename, str(exc)))
    return ParsedUpload(drafts, problems)


def split_ids(text: str) -> tuple[str, ...]:
    """'a, b\nc' → ('a', 'b', 'c'): product ids typed into one field."""
    return tuple(part for part in re.split(r"[\s,;]+", text.strip()) if part)


def pasted_draft(
    *,
    text: str,
    signal_type: str,
    name: str = "",
    additional_context: str = "",
    occurred_at: datetime | None = None,
    product_ids: str = "",
    account_id: str = "",
) -> SignalDraft:
    """The paste form's fields as a draft; DraftProblems names what to fix before sending."""
    problems = validate_fields(text, signal_type, occurred_at)
    if problems:
        raise DraftProblems([problem[0].upper() + problem[1:] + "." for problem in problems])
    return SignalDraft(
        label="pasted text",
        text=text.strip(),
        signal_type=normalize_signal_type(signal_type) or signal_type,
        name=name.strip() or None,
        occurred_at=parse_occurred_at(occurred_at) if occurred_at else None,
        additional_context=additional_context.strip() or None,
        product_ids=split_ids(product_ids),
        account_id=account_id.strip() or None,
    )
