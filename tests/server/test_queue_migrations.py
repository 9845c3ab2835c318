"""The Alembic migrations build exactly the schema of the models, once, even when raced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tests.conftest import REPO_ROOT
from tests.server.queue_support import (
    Database,
)
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Base


class TestUpgrade:
    def test_migrated_schema_matches_the_models(self, database: Database) -> None:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []

    def test_upgrading_again_changes_nothing(self, database: Database) -> None:
        upgrade(database.engine)
        tables = set(inspect(database.engine).get_table_names())
        assert tables == {*Base.metadata.tables, "alembic_version"}


# Each racer is a fresh interpreter that only upgrades. (multiprocessing's spawn would re-run
# the parent's __main__, which after an AppTest is the workbench script: it starts a server.)
_RACER = """
import sys
from zentrik_server.config import load_settings
from zentrik_server.db.engine import make_engine
from zentrik_server.db.migrate import upgrade
engine = make_engine(load_settings(sys.argv[1], sys.argv[2]))
upgrade(engine)
engine.dispose()
"""


def test_processes_starting_together_all_succeed(database: Database, tmp_path: Path) -> None:
    # A fresh database for the race: the fixture's one is already migrated.
    url = database.settings.database_url
    if database.settings.is_sqlite:
        url = f"sqlite:///{tmp_path / 'race.db'}"
    else:
        with database.engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.exec_driver_sql("DROP TABLE alembic_version")
    command = [sys.executable, "-c", _RACER, str(tmp_path), url]
    racers = [subprocess.Popen(command, cwd=REPO_ROOT) for _ in range(4)]
    assert [racer.wait(timeout=60) for racer in racers] == [0, 0, 0, 0]
