"""Signal rows, their JSON shape, and the queries only signals need."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, or_, update
from sqlalchemy.orm import Session

from zentrik_server.db.models import Workspace
from zentrik_server.links import SIGNAL_INSIGHTS, T_SIGNALS
from zentrik_server.records import Json, Resource, equals
from zentrik_server.serialization import json_value, stamp

_PUBLIC_ID = re.compile(r"^SIGNAL-(\d{1,9})$")


def signal_json(row: Mapping[str, Any]) -> Json:
    return {
        "id": row["id"],
        "name": row["name"],
        "publicId": f"SIGNAL-{row['public_number']}",
        "workspaceId": row["workspace_id"],
        "status": row["status"],
        "context": row["context"],
        "signalType": row["signal_type"],
        "source": json_value(row["source"]),
        "data": json_value(row["data"]),
        "insightIds": json_value(row["insightIds"]),
        "externalId": row["external_id"],
        "createdAt": stamp(row["created_at"]),
        "updatedAt": stamp(row["updated_at"]),
        "processing": {
            "lastJobId": row["last_job_id"],
            "startedAt": stamp(row["started_at"]),
            "processedAt": stamp(row["processed_at"]),
            "failedAt": stamp(row["failed_at"]),
            "lastError": row["last_error"],
        },
    }


SIGNALS = Resource(
    noun="signal",
    table=T_SIGNALS,
    links=(SIGNAL_INSIGHTS,),
    serialize=signal_json,
    filters={"status": ("status", equals), "signalType": ("signal_type", equals)},
)


def next_public_number(session: Session, workspace_id: str) -> int:
    """Bump the workspace's counter inside the caller's transaction: never reused, race-free."""
    workspaces = Workspace.__table__
    bumped = session.execute(
        update(workspaces)
        .where(workspaces.c.id == workspace_id)
        .values(signal_seq=workspaces.c.signal_seq + 1)
        .returning(workspaces.c.signal_seq)
    )
    return int(bumped.scalar_one())


def any_identifier(identifier: str) -> ColumnElement[bool]:
    """Matches the signal's id, its publicId (SIGNAL-43) or its externalId."""
    table = T_SIGNALS
    options = [table.c.id == identifier, table.c.external_id == identifier]
    public = _PUBLIC_ID.match(identifier)
    if public:
        options.append(table.c.public_number == int(public.group(1)))
    return or_(*options)
