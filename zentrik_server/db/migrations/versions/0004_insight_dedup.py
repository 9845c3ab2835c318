"""De-duplication: insights can be merged (merged_into_id, insight_merges) and are indexed by
their terms (insight_terms), which existing insights get here

Revision ID: 0004_insight_dedup
Revises: 0003_generic_jobs
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zentrik_server.db.types import JSONType, UTCDateTime
from zentrik_server.insights.term_index import term_rows

revision = "0004_insight_dedup"
down_revision = "0003_generic_jobs"
branch_labels = None
depends_on = None

_insights = sa.table(
    "insights",
    sa.column("id", sa.String),
    sa.column("workspace_id", sa.String),
    sa.column("name", sa.Text),
    sa.column("status", sa.String),
    sa.column("ai_suggestions", JSONType),
)
_terms = sa.table(
    "insight_terms",
    sa.column("workspace_id", sa.String),
    sa.column("match_class", sa.String),
    sa.column("term", sa.String),
    sa.column("insight_id", sa.String),
    sa.column("weight", sa.Float),
)


def upgrade() -> None:
    with op.batch_alter_table("insights") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key(
            "insights_merged_into_id_fkey",
            "insights",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "insight_terms",
        sa.Column("workspace_id", sa.String(length=36), nullable=False),
        sa.Column("match_class", sa.String(length=32), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workspace_id", "match_class", "term", "insight_id"),
    )
    op.create_index("ix_insight_terms_insight", "insight_terms", ["insight_id"])
    op.create_table(
        "insight_merges",
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("into_id", sa.String(length=36), nullable=False),
        sa.Column("snapshot", JSONType, nullable=False),
        sa.Column("merged_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["into_id"], ["insights.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("insight_id"),
    )
    op.create_index("ix_insight_merges_into", "insight_merges", ["into_id"])
    _index_existing()


def _index_existing() -> None:
    """Every insight not archived gets its terms, as term_index.py writes them."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(_insights).where(_insights.c.status != "archived")).all()
    for row in rows:
        terms = term_rows(row.workspace_id, row.id, row.name, row.ai_suggestions)
        if terms:
            connection.execute(sa.insert(_terms), terms)


def downgrade() -> None:
    op.drop_table("insight_merges")
    op.drop_table("insight_terms")
    with op.batch_alter_table("insights") as batch:
        batch.drop_constraint("insights_merged_into_id_fkey", type_="foreignkey")
        batch.drop_column("merged_into_id")
