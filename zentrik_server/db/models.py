"""The schema: one table per resource, and each link stored once in its own table.

Every row carries its workspace so that every query can be scoped by it; links are scoped
through the rows they join.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from zentrik_server.db.types import JSONType, UTCDateTime, new_id, utcnow

ID = String(36)


class Base(DeclarativeBase):
    pass


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Last SIGNAL-<n> handed out; bumped with UPDATE ... RETURNING so numbers are never reused.
    signal_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200), default="")
    # The first characters of the key, shown in lists so a user can tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Signal(Timestamped, Base):
    __tablename__ = "signals"
    __table_args__ = (
        UniqueConstraint("workspace_id", "public_number"),
        Index("ix_signals_ws_created", "workspace_id", "created_at", "id"),
        Index("ix_signals_ws_external", "workspace_id", "external_id"),
        Index("ix_signals_ws_content_hash", "workspace_id", "content_hash"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    public_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    context: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signal_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    source: Mapped[dict[str, Any]] = mapped_column(JSONType)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(500), nullable=True)
    last_job_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Typed signals only: signals/content_hash.py, to recognise a text imported again.
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SignalText(Base):
    """A typed signal's text, in a table of its own so that signal lists never load it.

    The text lives in the database, never in a file: no request value can name a path.
    """

    __tablename__ = "signal_texts"

    signal_id: Mapped[str] = mapped_column(
        ForeignKey("signals.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)


class Insight(Timestamped, Base):
    __tablename__ = "insights"
    __table_args__ = (
        Index("ix_insights_ws_created", "workspace_id", "created_at", "id"),
        Index("ix_insights_ws_status", "workspace_id", "status", "created_at", "id"),
        Index("ix_insights_origin", "origin_signal_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    product_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    tag_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    ai_suggestions: Mapped[Any] = mapped_column(JSONType, nullable=True)
    external_references: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # Set when processing a signal made this insight; with `edited_at` still empty it is an
    # untouched draft that re-processing may replace.
    origin_signal_id: Mapped[str | None] = mapped_column(
        ForeignKey("signals.id", ondelete="SET NULL"), nullable=True
    )
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Set while the insight is merged into another (it then leaves every list; see merging.py).
    merged_into_id: Mapped[str | None] = mapped_column(
        ForeignKey("insights.id", ondelete="SET NULL"), nullable=True
    )


class InsightTerm(Base):
    """The de-duplication index: each matchable insight's terms, by workspace and class.

    Finding candidates for a new finding is a lookup of its rarer terms here, never a scan of
    the workspace's insights (insights/term_index.py keeps it current).
    """

    __tablename__ = "insight_terms"
    __table_args__ = (Index("ix_insight_terms_insight", "insight_id"),)

    workspace_id: Mapped[str] = mapped_column(ID, primary_key=True)
    match_class: Mapped[str] = mapped_column(String(32), primary_key=True)
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    insight_id: Mapped[str] = mapped_column(
        ForeignKey("insights.id", ondelete="CASCADE"), primary_key=True
    )
    weight: Mapped[float] = mapped_column(Float)


class InsightMerge(Base):
    """What a merged-away insight brought into the one it was merged into, so unmerge is exact."""

    __tablename__ = "insight_merges"
    __table_args__ = (Index("ix_insight_merges_into", "into_id"),)

    insight_id: Mapped[str] = mapped_column(
        ForeignKey("insights.id", ondelete="CASCADE"), primary_key=True
    )
    into_id: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"))
    # {"own": {link field: ids}, "added": {link field: ids the target did not have}}
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONType)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Opportunity(Timestamped, Base):
    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_0_100"),
        Index("ix_opportunities_ws_created", "workspace_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="discovery")
    product_id: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Idea(Timestamped, Base):
    __tablename__ = "ideas"
    __table_args__ = (Index("ix_ideas_ws_created", "workspace_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="evaluating")
    product_id: Mapped[str | None] = mapped_column(String(200), nullable=True)


def _link_table(name: str, left: tuple[str, str], right: tuple[str, str]) -> type[Base]:
    """A two-column link table (`(column, referenced table)` each side); deletes cascade."""
    (left_col, left_table), (right_col, right_table) = left, right
    attrs: dict[str, Any] = {
        "__tablename__": name,
        "__table_args__": (Index(f"ix_{name}_{right_col}", right_col, left_col),),
        "__annotations__": {left_col: Mapped[str], right_col: Mapped[str]},
        left_col: mapped_column(
            ForeignKey(f"{left_table}.id", ondelete="CASCADE"), primary_key=True
        ),
        right_col: mapped_column(
            ForeignKey(f"{right_table}.id", ondelete="CASCADE"), primary_key=True
        ),
    }
    return type(name.title().replace("_", ""), (Base,), attrs)


SIGNAL = ("signal_id", "signals")
INSIGHT = ("insight_id", "insights")
OPPORTUNITY = ("opportunity_id", "opportunities")
IDEA = ("idea_id", "ideas")
SignalInsight = _link_table("signal_insights", SIGNAL, INSIGHT)
InsightOpportunity = _link_table("insight_opportunities", INSIGHT, OPPORTUNITY)
InsightIdea = _link_table("insight_ideas", INSIGHT, IDEA)
OpportunityIdea = _link_table("opportunity_ideas", OPPORTUNITY, IDEA)


class Job(Base):
    """One unit of queued work: a task name and its JSON arguments (jobs/registry.py).

    `subject` is an opaque tag the enqueuer sets (e.g. "signal:<id>") to find, lock and delete
    the jobs about one thing; the queue never reads it otherwise, and no foreign key ties a
    job to a resource.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_claim", "status", "run_after"),
        Index("ix_jobs_subject", "subject"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    task: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column(JSONType)
    subject: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # queued -> running -> succeeded | failed (queued again while attempts remain)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class IdempotencyRecord(Base):
    """The first answer to a create sent with an `Idempotency-Key`, replayed for 24 hours."""

    __tablename__ = "idempotency_keys"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[Any] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TriageDecision(Base):
    """One triage decision a PM made on an insight: its evidence text is (accepted) or is not
    a `kind`. The workspace's model (extraction/learning.py) is trained on these."""

    __tablename__ = "triage_decisions"
    __table_args__ = (Index("ix_triage_decisions_ws", "workspace_id", "created_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # No foreign key: a decision outlives the insight it was made on (deleting one keeps it).
    insight_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    action: Mapped[str] = mapped_column(String(16))  # publish | archive | rekind | create
    kind: Mapped[str] = mapped_column(String(32))
    accepted: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WorkspaceModel(Base):
    """A workspace's trained model of its triage, stored as data (JSON), never as code."""

    __tablename__ = "workspace_models"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer)
    decisions: Mapped[int] = mapped_column(Integer)
    estimated_f1: Mapped[float | None] = mapped_column(Float, nullable=True)
    base_f1: Mapped[float | None] = mapped_column(Float, nullable=True)
    model: Mapped[str] = mapped_column(Text)
    trained_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
