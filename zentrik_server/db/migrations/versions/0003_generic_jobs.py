"""Jobs become generic: a task name, JSON arguments and an opaque subject

Before, a job was a signal's processing: `kind` (always process_signal, never read),
`signal_id` (a foreign key cascading from signals) and `workspace_id`. Now the queue knows no
resource: `task` + `args` say what to run, and `subject` ("signal:<id>") lets the signal
service lock and delete a signal's jobs itself. Existing rows keep their meaning:
kind -> task, signal_id -> args {"signalId": ...} and subject "signal:<id>".

Revision ID: 0003_generic_jobs
Revises: 0002_signal_text
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zentrik_server.db.types import JSONType

revision = "0003_generic_jobs"
down_revision = "0002_signal_text"
branch_labels = None
depends_on = None

SUBJECT_PREFIX = "signal:"

_jobs = sa.table(
    "jobs",
    sa.column("kind", sa.String),
    sa.column("signal_id", sa.String),
    sa.column("workspace_id", sa.String),
    sa.column("task", sa.String),
    sa.column("args", JSONType),
    sa.column("subject", sa.String),
)
_signals = sa.table("signals", sa.column("id", sa.String), sa.column("workspace_id", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("task", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("args", JSONType, nullable=True))
        batch.add_column(sa.Column("subject", sa.String(length=200), nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    json_object = sa.func.jsonb_build_object if postgres else sa.func.json_object
    op.execute(
        sa.update(_jobs).values(
            task=_jobs.c.kind,
            args=json_object("signalId", _jobs.c.signal_id),
            subject=sa.literal(SUBJECT_PREFIX) + _jobs.c.signal_id,
        )
    )
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("task", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("args", existing_type=JSONType, nullable=False)
        batch.drop_column("kind")
        batch.drop_column("signal_id")
        batch.drop_column("workspace_id")
        batch.create_index("ix_jobs_subject", ["subject"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_index("ix_jobs_subject")
        batch.add_column(sa.Column("workspace_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("signal_id", sa.String(length=36), nullable=True))
    # Every job so far processed a signal: its signal and workspace come back from the subject.
    signal_id = sa.func.substr(_jobs.c.subject, len(SUBJECT_PREFIX) + 1)
    op.execute(sa.update(_jobs).values(kind=_jobs.c.task, signal_id=signal_id))
    workspace = sa.select(_signals.c.workspace_id).where(_signals.c.id == _jobs.c.signal_id)
    op.execute(sa.update(_jobs).values(workspace_id=workspace.scalar_subquery()))
    op.execute(sa.delete(_jobs).where(_jobs.c.workspace_id.is_(None)))  # their signal is gone
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("workspace_id", existing_type=sa.String(length=36), nullable=False)
        batch.alter_column("kind", existing_type=sa.String(length=32), nullable=False)
        batch.create_foreign_key(
            "jobs_signal_id_fkey", "signals", ["signal_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_foreign_key(
            "jobs_workspace_id_fkey", "workspaces", ["workspace_id"], ["id"], ondelete="CASCADE"
        )
        batch.drop_column("task")
        batch.drop_column("args")
        batch.drop_column("subject")
