"""The Zentrik External API's objects: snake_case in Python, camelCase on the wire.

Payloads come in triples, as in FastAPI's full-stack template: `InsightCreate` (what a create
sends), `InsightUpdate` (the create's fields with `name` optional too, sent with
`exclude_unset` so a PATCH only changes what the caller touched) and `Insight` (what the API
answers). Response models are tolerant on purpose: the spec's own examples are sparse (an
opportunity create answers only `id` and `name`), so missing fields take defaults and unknown
fields are kept, not rejected.

The status and type lists, and the insight kinds and severities of `aiSuggestions`, are defined
here once, as StrEnums (mirroring the server's `zentrik_server/vocabulary.py`), and reused by the
UI; no other workbench module spells them (`tests/test_vocabulary.py`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.alias_generators import to_camel


class SignalType(StrEnum):
    TRANSCRIPT = "transcript"
    SUPPORT_TICKET = "support_ticket"
    REVIEW = "review"
    DISCOVERY_REPORT = "discovery_report"


class InsightKind(StrEnum):
    """The kind the extraction engine gives a draft, in its `aiSuggestions.kind`."""

    BUG = "bug"
    PAIN_POINT = "pain_point"
    FEATURE_REQUEST = "feature_request"
    PRAISE = "praise"
    QUESTION = "question"
    OTHER = "other"


class Severity(StrEnum):
    """A draft's `aiSuggestions.severity`, most severe first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SignalStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    PROCESSED = "processed"
    FAILED = "failed"


class InsightStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class InsightType(StrEnum):
    FEEDBACK = "feedback"
    USER_INTERVIEW = "user-interview"
    MARKET_RESEARCH = "market-research"
    SESSION_RECORDING = "session-recording"
    SUPPORT_TICKET = "support-ticket"
    OTHER = "other"


class OpportunityStatus(StrEnum):
    DISCOVERY = "discovery"
    DEFINED = "defined"
    VALIDATED = "validated"
    ARCHIVED = "archived"


class IdeaStatus(StrEnum):
    EVALUATING = "evaluating"
    BACKLOG = "backlog"
    DEVELOPMENT = "development"
    RELEASED = "released"
    ARCHIVED = "archived"


def _lenient(enum: type[StrEnum]) -> Any:
    """The enum when the value is one we know, else the plain string.

    A real Zentrik workspace may use a status this client has not heard of yet; reading it
    must not fail. Known values still compare equal to their enum member.
    """
    return Annotated[enum | str, Field(union_mode="left_to_right")]


LenientSignalType = _lenient(SignalType)
LenientSignalStatus = _lenient(SignalStatus)
LenientInsightStatus = _lenient(InsightStatus)
LenientInsightType = _lenient(InsightType)
LenientOpportunityStatus = _lenient(OpportunityStatus)
LenientIdeaStatus = _lenient(IdeaStatus)

_WIRE = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class ApiModel(BaseModel):
    """A response: tolerant of missing fields, keeps unknown ones (`model_extra`)."""

    model_config = ConfigDict(**_WIRE, extra="allow")
    # Not a field: the answer's `ETag` header, set by the client on single-object answers.
    _etag: str | None = PrivateAttr(default=None)

    @property
    def etag(self) -> str | None:
        """The version the server tagged this object with (its `ETag`), or None if it sent
        none. Pass it as `if_match` to change or delete only that version."""
        return self._etag

    def tagged(self, etag: str | None) -> Self:
        """This object, carrying the `ETag` it was answered with."""
        self._etag = etag
        return self

    def to_wire(self) -> dict[str, Any]:
        """The object as the API spells it (camelCase JSON)."""
        return self.model_dump(mode="json", by_alias=True)


class Payload(BaseModel):
    """A request body: a misspelt field is a programming error, caught before sending."""

    # Errors name fields as the caller wrote them (snake_case), not as the wire does.
    model_config = ConfigDict(**_WIRE, extra="forbid", loc_by_alias=False)

    def to_create_body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_update_body(self) -> dict[str, Any]:
        # exclude_unset, not exclude_none: an explicit None clears a field on purpose.
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


# --- Signals -------------------------------------------------------------------------------


class SignalProcessing(ApiModel):
    last_job_id: str | None = None
    started_at: datetime | None = None
    processed_at: datetime | None = None
    failed_at: datetime | None = None
    last_error: str | None = None


class Signal(ApiModel):
    id: str
    name: str = ""
    public_id: str | None = None
    workspace_id: str | None = None
    status: LenientSignalStatus | None = None
    context: str | None = None
    signal_type: LenientSignalType | None = None
    source: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    insight_ids: list[str] = Field(default_factory=list)
    external_id: str | None = None
    content_hash: str | None = None  # this project's extension (zentrik_ui/content_hash.py)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    job_id: str | None = None
    processing: SignalProcessing | None = None


class SignalCreate(Payload):
    """Typed text flow (`text` + `signal_type`), or the raw flow (`source`, `data`, ...)."""

    text: str | None = None
    signal_type: SignalType | None = None
    name: str | None = None
    additional_context: str | None = None
    occurred_at: datetime | None = None
    product_ids: list[str] | None = None
    account_id: str | None = None
    source: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    external_id: str | None = None
    context: str | None = None


class SignalUpdate(Payload):
    name: str | None = None
    source: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    insight_ids: list[str] | None = None
    external_id: str | None = None
    status: SignalStatus | None = None
    context: str | None = None


class ProcessResult(ApiModel):
    """What `process` (and a create that queued work) answers: the queued job."""

    job_id: str | None = None


# --- Insights ------------------------------------------------------------------------------


class ExternalReference(ApiModel):
    type: str | None = None
    url: str | None = None
    name: str | None = None


class Insight(ApiModel):
    id: str
    name: str = ""
    description: str = ""
    status: LenientInsightStatus = InsightStatus.DRAFT
    type: LenientInsightType | None = None
    product_id: str | None = None
    opportunity_ids: list[str] = Field(default_factory=list)
    idea_ids: list[str] = Field(default_factory=list)
    tag_ids: list[str] = Field(default_factory=list)
    signal_ids: list[str] = Field(default_factory=list)
    ai_suggestions: Any = None
    external_references: list[ExternalReference] = Field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    merged_into_id: str | None = None  # set while merged into another insight


class SimilarInsight(ApiModel):
    """One of the insights most like another (`insights.similar`), with why: a merge candidate."""

    insight: Insight
    score: float = 0.0  # 0 to 1; the server's de-duplication joins at 0.30
    shared_terms: list[str] = Field(default_factory=list)


class ExtractedInsight(Insight):
    """An insight found by `insights.extract`: without an id unless it was saved."""

    id: str | None = None  # type: ignore[assignment]


class InsightCreate(Payload):
    name: str
    description: str | None = None
    status: InsightStatus | None = None
    type: InsightType | None = None
    product_id: str | None = None
    opportunity_ids: list[str] | None = None
    idea_ids: list[str] | None = None
    tag_ids: list[str] | None = None
    ai_suggestions: Any = None
    external_references: list[ExternalReference] | None = None


class InsightUpdate(InsightCreate):
    name: str | None = None  # type: ignore[assignment]


class TranscriptExtract(Payload):
    """The body of `POST /insights/process-transcript/insights`."""

    transcript: str
    product_id: str | None = None
    create_insights: bool = False


# --- Opportunities -------------------------------------------------------------------------

Score = Annotated[float, Field(ge=0, le=100)]


class Opportunity(ApiModel):
    id: str
    name: str = ""
    description: str = ""
    score: float | None = None
    status: LenientOpportunityStatus | None = None
    product_id: str | None = None
    insight_ids: list[str] = Field(default_factory=list)
    idea_ids: list[str] = Field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None


class OpportunityCreate(Payload):
    name: str
    description: str | None = None
    score: Score | None = None
    status: OpportunityStatus | None = None
    product_id: str | None = None
    insight_ids: list[str] | None = None
    idea_ids: list[str] | None = None


class OpportunityUpdate(OpportunityCreate):
    name: str | None = None  # type: ignore[assignment]


# --- Ideas ---------------------------------------------------------------------------------


class Idea(ApiModel):
    id: str
    name: str = ""
    description: str = ""
    status: LenientIdeaStatus | None = None
    product_id: str | None = None
    opportunity_ids: list[str] = Field(default_factory=list)
    insight_ids: list[str] = Field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None


class IdeaCreate(Payload):
    name: str
    description: str | None = None
    status: IdeaStatus | None = None
    product_id: str | None = None
    opportunity_ids: list[str] | None = None
    insight_ids: list[str] | None = None


class IdeaUpdate(IdeaCreate):
    name: str | None = None  # type: ignore[assignment]


# --- Admin API (keys) ----------------------------------------------------------------------


class ApiKeyRecord(ApiModel):
    id: str
    name: str = ""
    prefix: str = ""
    workspace: str | None = None
    workspace_id: str | None = None
    scopes: list[str] = Field(default_factory=list)
    created_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


class CreatedApiKey(ApiKeyRecord):
    """A new key: the plaintext is shown once, and kept out of repr."""

    key: str = Field(default="", repr=False)


class ServerInfo(ApiModel):
    data_dir: str | None = None
    database: str | None = None
    version: str | None = None


class ModelStatus(ApiModel):
    """A workspace's model of its triage (`/admin/v1/model`): how many decisions are recorded,
    how many the stored model learned from, when, and its estimated F1 beside the engine's."""

    decisions: int = 0
    trained: bool = False
    version: int | None = None
    learned_from: int = 0
    trained_at: datetime | None = None
    estimated_f1: float | None = None
    base_f1: float | None = None


__all__ = [
    "ApiKeyRecord",
    "ApiModel",
    "CreatedApiKey",
    "ExternalReference",
    "ExtractedInsight",
    "Idea",
    "IdeaCreate",
    "IdeaStatus",
    "IdeaUpdate",
    "Insight",
    "InsightCreate",
    "InsightKind",
    "InsightStatus",
    "InsightType",
    "InsightUpdate",
    "ModelStatus",
    "Opportunity",
    "OpportunityCreate",
    "OpportunityStatus",
    "OpportunityUpdate",
    "Payload",
    "ProcessResult",
    "ServerInfo",
    "Severity",
    "Signal",
    "SignalCreate",
    "SignalProcessing",
    "SignalStatus",
    "SignalType",
    "SignalUpdate",
    "TranscriptExtract",
]
