"""Triage decisions and the per-workspace model learned from them

`triage_decisions`: each PM decision on an insight (publish, archive, kind change, create on
a signal) with its evidence text. `workspace_models`: the model trained on them, as JSON.

Revision ID: 0005_triage_decisions
Revises: 0004_insight_dedup
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zentrik_server.db.types import UTCDateTime

revision = "0005_triage_decisions"
down_revision = "0004_insight_dedup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "triage_decisions",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column(
            "workspace_id",
            sa.String(length=36),
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("insight_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_triage_decisions_ws", "triage_decisions", ["workspace_id", "created_at"])
    op.create_table(
        "workspace_models",
        sa.Column(
            "workspace_id",
            sa.String(length=36),
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decisions", sa.Integer(), nullable=False),
        sa.Column("estimated_f1", sa.Float(), nullable=True),
        sa.Column("base_f1", sa.Float(), nullable=True),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("trained_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workspace_models")
    op.drop_index("ix_triage_decisions_ws", table_name="triage_decisions")
    op.drop_table("triage_decisions")
