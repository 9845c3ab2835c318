"""Typed signals keep a content hash (signals.content_hash, indexed per workspace), which
existing typed signals get here from their stored text

Revision ID: 0006_signal_content_hash
Revises: 0005_triage_decisions
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zentrik_server.signals.content_hash import content_hash

revision = "0006_signal_content_hash"
down_revision = "0005_triage_decisions"
branch_labels = None
depends_on = None

# Texts are read this many at a time: a workspace of 100k long transcripts never sits in memory.
BATCH = 500

_signals = sa.table("signals", sa.column("id", sa.String), sa.column("content_hash", sa.String))
_texts = sa.table("signal_texts", sa.column("signal_id", sa.String), sa.column("text", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("signals") as batch:
        batch.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_signals_ws_content_hash", "signals", ["workspace_id", "content_hash"])
    _backfill()


def _backfill() -> None:
    """Every typed signal's hash from its stored text, in batches walked by signal id."""
    connection = op.get_bind()
    change = (
        sa.update(_signals)
        .where(_signals.c.id == sa.bindparam("signal_id"))
        .values(content_hash=sa.bindparam("hash"))
    )
    after = ""
    while True:
        batch = connection.execute(
            sa.select(_texts.c.signal_id, _texts.c.text)
            .where(_texts.c.signal_id > after)
            .order_by(_texts.c.signal_id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        hashes = [{"signal_id": row.signal_id, "hash": content_hash(row.text)} for row in batch]
        connection.execute(change, hashes)
        after = batch[-1].signal_id


def downgrade() -> None:
    op.drop_index("ix_signals_ws_content_hash", table_name="signals")
    with op.batch_alter_table("signals") as batch:
        batch.drop_column("content_hash")
