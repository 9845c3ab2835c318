"""Streamlit pieces every page uses: the connection, safe writes, CSV downloads, empty states.

Pages stay thin by calling these; anything without Streamlit lives in views/charts/ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NoReturn, TypeVar

import pandas as pd
import streamlit as st

from zentrik_ui import views
from zentrik_ui.client import ZentrikClient, ZentrikError
from zentrik_ui.config import Connection, current_connection
from zentrik_ui.formatting import csv_bytes
from zentrik_ui.session import ResourceName, get_client, invalidate_after, show_error

T = TypeVar("T")


def require_connection() -> Connection:
    """This session's connection, or an explanation and a stop (Settings can fix it)."""
    try:
        return current_connection()
    except ZentrikError as exc:
        show_error(exc)
        st.page_link("pages/settings.py", label="Open Settings", icon=":material/settings:")
        st.stop()
        raise  # unreachable: st.stop() ends the run


def require_client() -> tuple[Connection, ZentrikClient]:
    conn = require_connection()
    return conn, get_client(conn)


def load(loader: Callable[[Connection], T], conn: Connection) -> T:
    """A loader's data, or its error shown and the page stopped (nothing to draw without it)."""
    try:
        return loader(conn)
    except ZentrikError as exc:
        show_error(exc)
        st.stop()
        raise  # unreachable


def write(conn: Connection, action: str, fn: Callable[[], T]) -> T | None:
    """Run one write through the client; on success clear the loaders `action` makes stale
    (see session.STALE_AFTER); on a client error show it and return None."""
    try:
        result = fn()
    except ZentrikError as exc:
        show_error(exc)
        return None
    invalidate_after(action, conn)
    return result


def write_and_rerun(
    conn: Connection,
    action: str,
    fn: Callable[[], T],
    message: str | Callable[[T], str],
    table: str | None = None,
) -> None:
    """`write`, and on success a fresh run that opens with `message` (or `message(result)`,
    for a message naming what the server answered) and, for a bulk action on rows picked in
    `table`, that table's selection cleared; on a client error the error is shown."""
    result = write(conn, action, fn)
    if result is not None:
        announce(message(result) if callable(message) else message, table)
        st.rerun()


def download_csv(frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV download of `frame`, built only when clicked (not on every rerun)."""
    st.download_button(
        "Download CSV",
        data=lambda: csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        key=key,
        on_click="ignore",
    )


SHOWN_REASONS = 50


def reasons_in_full(title: str, frame: pd.DataFrame, label: str, reason: str) -> None:
    """Each row's `reason` beside its `label`, wrapped, below a table whose cells cut long
    text (the first SHOWN_REASONS; the table's CSV download has them all)."""
    rows = frame[frame[reason].astype(bool)]
    if rows.empty:
        return
    with st.expander(f"{title} ({len(rows)})", expanded=True):
        for where, why in zip(rows[label][:SHOWN_REASONS], rows[reason], strict=False):
            st.text(f"{where}: {why}")
        if len(rows) > SHOWN_REASONS:
            st.caption(f"The first {SHOWN_REASONS} are shown; the CSV download has them all.")


def table_key(name: str) -> str:
    """The current widget key of a selectable table; `reset_selection` moves it on."""
    return f"{name}:{st.session_state.get(f'_generation:{name}', 0)}"


def reset_selection(name: str) -> None:
    """Forget a table's row selection (after its rows changed), by giving it a new key: a
    kept selection would silently point at whatever row moved into its place."""
    st.session_state[f"_generation:{name}"] = st.session_state.get(f"_generation:{name}", 0) + 1


def keep_selection_with_rows(name: str, ids: Iterable[str]) -> None:
    """Reset a table's selection when its rows changed since the last run (a search, a new
    signal on top): a selection is row positions, which would then name other rows."""
    rows, slot = tuple(ids), f"_rows:{name}"
    if st.session_state.get(slot, rows) != rows:
        reset_selection(name)
    st.session_state[slot] = rows


def announce(message: str, table: str | None = None) -> None:
    """`flash(message)`; after a bulk action on rows picked in `table`, that table's
    selection cleared too, and the message says so."""
    if table is not None:
        reset_selection(table)
        message += " Selection cleared."
    flash(message)


def selected_rows(key: str) -> list[int]:
    """Row positions selected in the st.dataframe with `key` (empty before any selection)."""
    state = st.session_state.get(key)
    if state is None:
        return []
    selection = state.get("selection", {}) if isinstance(state, dict) else state.selection
    rows = selection.get("rows", []) if isinstance(selection, dict) else selection.rows
    return list(rows)


def selected_ids(frame: pd.DataFrame, key: str) -> list[str]:
    rows = [r for r in selected_rows(key) if 0 <= r < len(frame)]
    return [str(frame["id"].iloc[r]) for r in rows]


def link_select(
    label: str,
    labels: dict[str, str],
    linked: Iterable[str],
    addable: Iterable[str] | None = None,
) -> list[str]:
    """A multiselect editing one link list: the `linked` ids that still exist (have a label)
    preselected, then `addable` as further options (every labelled id when None)."""
    current = [i for i in linked if i in labels]
    options = list(labels) if addable is None else views.union(current, addable)
    return st.multiselect(label, options, default=current, format_func=labels.get)


def flash(message: str, *, error: bool = False) -> None:
    """A message shown on the next run (after the st.rerun a write triggers): a success, or
    an error that must not vanish with that rerun."""
    st.session_state.setdefault("_flash", []).append((error, message))


def show_flash() -> None:
    messages = st.session_state.pop("_flash", [])
    st.session_state["_flash_shown"] = messages
    # One container whether or not there are messages: when a message goes, the elements below
    # keep their place, so an expander the user opened stays open instead of being redrawn.
    with st.container():
        for error, message in messages:
            if error:
                st.error(message, icon=":material/error:")
            else:
                st.success(message, icon=":material/check_circle:")


def rerun_keeping_flash() -> NoReturn:
    """A full rerun the user did not ask for (live status settling): the messages on screen
    stay, instead of vanishing a second after the write that announced them."""
    st.session_state["_flash"] = [
        *st.session_state.pop("_flash_shown", []),
        *st.session_state.get("_flash", []),
    ]
    st.rerun()


def bulk_and_rerun(
    conn: Connection,
    action: str,
    ids: Sequence[str],
    fn: Callable[[str], object],
    label: str,
    message: Callable[[list[str]], str],
    table: str | None = None,
) -> None:
    """Apply `fn` to each id with a progress bar; failures are collected, not fatal. If any
    succeeded: the loaders `action` makes stale are cleared, the selection of `table` (where
    the ids were picked) is reset, and a fresh run opens with `message(succeeded ids)` and
    each failure, so a partial failure is not wiped by that rerun. If none succeeded, the
    failures are shown here. Every bulk action clears its table's selection the same way and
    says so: a selection kept across actions gets acted on again by mistake."""
    done: list[str] = []
    problems: list[str] = []
    bar = st.progress(0.0, text=label)
    for index, item in enumerate(ids):
        try:
            fn(item)
            done.append(item)
        except ZentrikError as exc:
            problems.append(f"{item}: {exc}")
        bar.progress((index + 1) / len(ids), text=f"{label} {index + 1}/{len(ids)}")
    bar.empty()
    if not done:
        for problem in problems:
            st.error(problem)
        return
    invalidate_after(action, conn)
    announce(message(done), table)
    for problem in problems:
        flash(problem, error=True)
    st.rerun()


def open_confirm(flag: str) -> None:
    """Open the dialog `confirm_dialog` keeps open while `flag` is set (a button's on_click)."""
    st.session_state[flag] = True


def close_confirm(flag: str) -> None:
    """Close the dialog `confirm_dialog` keeps open while `flag` is set."""
    st.session_state.pop(flag, None)


def confirm_dialog(
    flag: str,
    title: str,
    body: Callable[[], None],
    label: str,
    act: Callable[[], None],
) -> None:
    """A confirmation dialog, open through reruns while the session flag `flag` is set (the
    button that offers it sets it), so its own buttons work on the next run. Cancel or
    dismissing closes it; `label` runs `act`, which closes it with `close_confirm(flag)` once
    it no longer needs it (a delete that failed keeps it open, with the error)."""
    if not st.session_state.get(flag):
        return

    @st.dialog(title, on_dismiss=lambda: close_confirm(flag))
    def confirm() -> None:
        body()
        left, right = st.columns(2)
        if left.button(label, type="primary", key=f"confirm:{flag}"):
            act()
        if right.button("Cancel", key=f"cancel:{flag}"):
            close_confirm(flag)
            st.rerun()

    confirm()


def confirm_delete(
    conn: Connection,
    resource: ResourceName,
    noun: str,
    item_id: str,
    name: str,
    delete: Callable[[str], object],
    table: str,
) -> None:
    """A delete button that opens a confirmation dialog naming what will be deleted.

    `resource` names the write for cache invalidation ("ideas" → "ideas.delete"); `table`
    names the selectable table the item was picked from (its selection is reset after the
    delete)."""
    flag = f"confirm_delete:{item_id}"

    def body() -> None:
        st.text(name)
        st.warning(f"This permanently deletes the {noun} and its links. It cannot be undone.")

    def delete_it() -> None:
        if write(conn, f"{resource}.delete", lambda: delete(item_id) or True):
            close_confirm(flag)
            reset_selection(table)
            flash(f"Deleted the {noun}.")
            st.rerun()

    st.button(
        f"Delete {noun}…",
        icon=":material/delete:",
        key=f"delete:{item_id}",
        on_click=lambda: open_confirm(flag),
    )
    confirm_dialog(flag, f"Delete this {noun}?", body, "Delete", delete_it)
