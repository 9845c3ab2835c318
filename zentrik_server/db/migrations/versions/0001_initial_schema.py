"""Initial schema: every table of zentrik_server.db.models

Revision ID: 0001
Revises:
Create Date: 2026-11-26 06:52:59.993359
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zentrik_server.db.types import JSONType, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("signal_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_table(
        "ideas",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("product_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_ideas_ws_created", "ideas", ["workspace_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workspace_id", "key"),
    )
    op.create_table(
        "opportunities",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("product_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_0_100"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_opportunities_ws_created",
        "opportunities",
        ["workspace_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "signals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("public_number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("context", sa.String(length=64), nullable=True),
        sa.Column("signal_type", sa.String(length=32), nullable=True),
        sa.Column("source", JSONType, nullable=False),
        sa.Column("data", JSONType, nullable=True),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("last_job_id", sa.String(length=36), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("processed_at", UTCDateTime(), nullable=True),
        sa.Column("failed_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "public_number"),
    )
    op.create_index(
        "ix_signals_ws_created", "signals", ["workspace_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_signals_ws_external", "signals", ["workspace_id", "external_id"], unique=False
    )
    op.create_table(
        "insights",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=True),
        sa.Column("product_id", sa.String(length=200), nullable=True),
        sa.Column("tag_ids", JSONType, nullable=False),
        sa.Column("ai_suggestions", JSONType, nullable=True),
        sa.Column("external_references", JSONType, nullable=False),
        sa.Column("origin_signal_id", sa.String(length=36), nullable=True),
        sa.Column("edited_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["origin_signal_id"], ["signals.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_insights_origin", "insights", ["origin_signal_id"], unique=False)
    op.create_index(
        "ix_insights_ws_created", "insights", ["workspace_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_insights_ws_status",
        "insights",
        ["workspace_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("signal_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", UTCDateTime(), nullable=False),
        sa.Column("locked_by", sa.String(length=200), nullable=True),
        sa.Column("heartbeat_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["signal_id"], ["signals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_jobs_claim", "jobs", ["status", "run_after"], unique=False)
    op.create_table(
        "opportunity_ideas",
        sa.Column("opportunity_id", sa.String(length=36), nullable=False),
        sa.Column("idea_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["opportunity_id"], ["opportunities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("opportunity_id", "idea_id"),
    )
    op.create_index(
        "ix_opportunity_ideas_idea_id",
        "opportunity_ideas",
        ["idea_id", "opportunity_id"],
        unique=False,
    )
    op.create_table(
        "insight_ideas",
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("idea_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("insight_id", "idea_id"),
    )
    op.create_index(
        "ix_insight_ideas_idea_id", "insight_ideas", ["idea_id", "insight_id"], unique=False
    )
    op.create_table(
        "insight_opportunities",
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("opportunity_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["opportunity_id"], ["opportunities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("insight_id", "opportunity_id"),
    )
    op.create_index(
        "ix_insight_opportunities_opportunity_id",
        "insight_opportunities",
        ["opportunity_id", "insight_id"],
        unique=False,
    )
    op.create_table(
        "signal_insights",
        sa.Column("signal_id", sa.String(length=36), nullable=False),
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["signal_id"], ["signals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("signal_id", "insight_id"),
    )
    op.create_index(
        "ix_signal_insights_insight_id",
        "signal_insights",
        ["insight_id", "signal_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_signal_insights_insight_id", table_name="signal_insights")
    op.drop_table("signal_insights")
    op.drop_index("ix_insight_opportunities_opportunity_id", table_name="insight_opportunities")
    op.drop_table("insight_opportunities")
    op.drop_index("ix_insight_ideas_idea_id", table_name="insight_ideas")
    op.drop_table("insight_ideas")
    op.drop_index("ix_opportunity_ideas_idea_id", table_name="opportunity_ideas")
    op.drop_table("opportunity_ideas")
    op.drop_index("ix_jobs_claim", table_name="jobs")
    op.drop_table("jobs")
    op.drop_index("ix_insights_ws_status", table_name="insights")
    op.drop_index("ix_insights_ws_created", table_name="insights")
    op.drop_index("ix_insights_origin", table_name="insights")
    op.drop_table("insights")
    op.drop_index("ix_signals_ws_external", table_name="signals")
    op.drop_index("ix_signals_ws_created", table_name="signals")
    op.drop_table("signals")
    op.drop_index("ix_opportunities_ws_created", table_name="opportunities")
    op.drop_table("opportunities")
    op.drop_table("idempotency_keys")
    op.drop_index("ix_ideas_ws_created", table_name="ideas")
    op.drop_table("ideas")
    op.drop_table("api_keys")
    op.drop_table("workspaces")
