"""Alembic environment: runs on the connection `zentrik_server.db.migrate` hands it.

There is no alembic.ini; the server configures Alembic in code so the same migrations run
wherever the package is installed.
"""

from __future__ import annotations

from alembic import context

from zentrik_server.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
