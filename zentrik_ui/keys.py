"""API keys as the Settings page shows them: scopes, which record is the workbench's own key,
and the key list as a table. The admin calls themselves are `zentrik_ui.client.AdminClient`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from zentrik_ui.models import ApiKeyRecord

SCOPES: tuple[str, ...] = tuple(
    f"{resource}:{access}"
    for resource in ("signals", "insights", "opportunities", "ideas")
    for access in ("read", "write")
)


def own_key(records: Sequence[ApiKeyRecord], api_key: str) -> ApiKeyRecord | None:
    """The record of the key this session uses (matched by its visible prefix), if listed.
    Prefixes are 8 random characters: a collision between two live keys is negligible."""
    for record in records:
        if record.prefix and record.revoked_at is None and api_key.startswith(record.prefix):
            return record
    return None


def workspace_keys(records: Sequence[ApiKeyRecord], workspace: str | None) -> list[ApiKeyRecord]:
    """The keys of `workspace`; all of them when it is unknown."""
    return [r for r in records if workspace is None or r.workspace == workspace]


def revocable_labels(records: Sequence[ApiKeyRecord], own: ApiKeyRecord | None) -> dict[str, str]:
    """id → label of the live keys that may be revoked: never the workbench's own key."""
    return {
        r.id: f"{r.name or '(unnamed)'} ({r.prefix}…)"
        for r in records
        if r.revoked_at is None and (own is None or r.id != own.id)
    }


def keys_frame(records: Sequence[ApiKeyRecord], own_id: str | None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": (r.name or "(unnamed)") + (" — this workbench" if r.id == own_id else ""),
                "prefix": f"{r.prefix}…",
                "workspace": r.workspace or "",
                "scopes": ", ".join(r.scopes) if set(r.scopes) != set(SCOPES) else "all",
                "created_at": r.created_at,
                "last_used_at": r.last_used_at,
                "revoked_at": r.revoked_at,
                "id": r.id,
            }
            for r in records
        ],
        columns=["name", "prefix", "workspace", "scopes", "created_at", "last_used_at",
                 "revoked_at", "id"],
    )  # fmt: skip
