"""Signal text moves into the database (table signal_texts); data.s3Key becomes server-made

Before, a typed signal's text was a file under the data dir named by `data.s3Key`, which a
client could PATCH to any path. The texts of existing signals are read from the one path the
server itself made for them (`signals/manual-text/<workspace id>/<signal id>.txt`, built from
the row's own ids, never from `s3Key`), and every `s3Key` is set back to that server-made
name: a client-written value is dropped. `db.migrate.upgrade` removes the old files once
this has committed.

Revision ID: 0002_signal_text
Revises: 0001
Create Date: 2026-11-30 22:10:00
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from zentrik_server.db.types import JSONType

revision = "0002_signal_text"
down_revision = "0001"
branch_labels = None
depends_on = None

_signals = sa.table(
    "signals",
    sa.column("id", sa.String),
    sa.column("workspace_id", sa.String),
    sa.column("signal_type", sa.String),
    sa.column("data", JSONType),
)
_texts = sa.table("signal_texts", sa.column("signal_id", sa.String), sa.column("text", sa.Text))


def upgrade() -> None:
    op.create_table(
        "signal_texts",
        sa.Column("signal_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["signal_id"], ["signals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("signal_id"),
    )
    data_dir = context.config.attributes.get("data_dir")
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_signals.c.id, _signals.c.workspace_id, _signals.c.signal_type, _signals.c.data)
    ).all()
    for row in rows:
        _server_made_key(connection, row)
        if row.signal_type is not None and data_dir is not None:
            _import_text(connection, Path(data_dir), row)


def _server_made_key(connection: sa.Connection, row: Any) -> None:
    """Typed signals get their server-made s3Key back; raw ones lose a client-written one."""
    data = dict(row.data or {})
    wanted = f"signals/manual-text/{row.workspace_id}/{row.id}.txt"
    if row.signal_type is not None and data.get("s3Key") != wanted:
        data["s3Key"] = wanted
    elif row.signal_type is None and "s3Key" in data:
        del data["s3Key"]
    else:
        return
    connection.execute(sa.update(_signals).where(_signals.c.id == row.id).values(data=data))


def _import_text(connection: sa.Connection, data_dir: Path, row: Any) -> None:
    path = data_dir / "signals" / "manual-text" / row.workspace_id / f"{row.id}.txt"
    if path.is_symlink() or not path.is_file():
        return  # its worker will fail it with "text missing", as it would have before
    text = path.read_text(encoding="utf-8", errors="replace").replace("\x00", "")
    connection.execute(sa.insert(_texts).values(signal_id=row.id, text=text))


def downgrade() -> None:
    op.drop_table("signal_texts")
