"""Edit forms that never overwrite someone else's change unseen (`If-Match`).

A form shows the object as it was when the form opened (read once, kept in the session) and
saves with that version's ETag. If someone changed it meanwhile the server refuses (412): the
form reopens on the current values, the user is told, and what they typed is shown beside it
so nothing they wrote is lost. Against a server that sends no ETag nothing is checked, as
before. Any write made from this session forgets opened versions (see
`session.invalidate_after`), so our own saves never look like someone else's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import streamlit as st

from zentrik_ui.client import PreconditionFailedError
from zentrik_ui.client.resources._resource import Resource
from zentrik_ui.config import Connection
from zentrik_ui.models import ApiModel
from zentrik_ui.session import OPENED_PREFIX, ResourceName, invalidate_after
from zentrik_ui.widgets import flash, write_and_rerun

M = TypeVar("M", bound=ApiModel)


@dataclass(frozen=True)
class Opened(Generic[M]):
    """An object as an edit form opened it."""

    item: M
    reopened: int = 0  # how often a stale save reopened it: part of the form's widget keys
    typed: Mapping[str, Any] = field(default_factory=dict)  # the refused edit, if any

    def form_key(self, name: str) -> str:
        """The form's key: new after a reopen, so every field shows the current value."""
        return f"{name}:{self.item.id}:{self.reopened}"


def _slot(resource: Resource[Any]) -> str:
    return f"{OPENED_PREFIX}{resource.path}"


def opened(resource: Resource[M], item_id: str) -> Opened[M]:
    """The object as its form opened it: read the first time the form shows `item_id`."""
    slot = _slot(resource)
    current: Opened[M] | None = st.session_state.get(slot)
    if current is None or current.item.id != item_id:
        current = st.session_state[slot] = Opened(resource.get(item_id))
    return current


def save(
    conn: Connection,
    resource: Resource[M],
    noun: str,
    changes: Mapping[str, Any],
    message: str,
) -> None:
    """Save `changes` to the version the form opened, as `write_and_rerun` does; if someone
    else changed it since, reopen the form on the current values and say so."""
    slot = _slot(resource)
    form: Opened[M] = st.session_state[slot]
    action: ResourceName = resource.path.rsplit("/", 1)[-1]  # type: ignore[assignment]

    def update() -> M:
        try:
            return resource.update(form.item.id, if_match=form.item.etag, **changes)
        except PreconditionFailedError:
            current = resource.get(form.item.id)
            invalidate_after(f"{action}.update", conn)  # their change shows in the lists too
            st.session_state[slot] = Opened(current, form.reopened + 1, dict(changes))
            flash(
                f"Someone else changed this {noun} since you opened it. Nothing of yours was "
                "saved: the form now shows the current values, and what you typed is below it.",
                error=True,
            )
            st.rerun()

    write_and_rerun(conn, f"{action}.update", update, message)


def show_typed(form: Opened[Any]) -> None:
    """What the user typed in a save refused as stale, as text they can copy back."""
    if not form.typed:
        return
    with st.container(border=True):
        st.markdown("**Your unsaved edit** (someone else's change is in the form above)")
        for name, value in form.typed.items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            st.text(f"{name.replace('_', ' ').capitalize()}: {'' if shown is None else shown}")
