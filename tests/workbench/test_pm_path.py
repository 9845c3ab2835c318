"""A product manager's path through Settings and the Inbox (issue 13, items 1 and 2), through
AppTest against the live local server. Only 127.0.0.1 is contacted: a `.invalid` host fails
in the local resolver."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import free_port
from tests.workbench.conftest import Workbench, problems, texts
from zentrik_ui.config import SESSION_STATE_KEY

KEPT = "Not connected: this session keeps its previous connection."


def connect(at: AppTest, url: str, key: str) -> None:
    next(t for t in at.text_input if t.label == "API URL").input(url)
    next(t for t in at.text_input if t.label == "API key").input(key)
    next(b for b in at.form_submit_button if b.label == "Connect").click()
    at.run()


def errors(at: AppTest) -> list[str]:
    """Error boxes as read on screen (markdown escapes and code spans' backticks removed)."""
    return [re.sub(r"\\(.)|`", lambda m: m[1] or "", e.value) for e in at.error]


def server_line(at: AppTest) -> str:
    return next(str(t.value) for t in at.text if str(t.value).startswith("A Zentrik workspace"))


class TestConnectChecksBeforeSwitching:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            (
                "https://api.zentrik.invalid",
                "Could not reach the Zentrik server at https://api.zentrik.invalid: the host "
                "name 'api.zentrik.invalid' could not be found. Check the API URL.",
            ),
            (
                "not a url",
                "'not a url' is not a web address: it contains spaces. Enter the API URL, "
                "e.g. https://api.zentrik.com.",
            ),
            (
                "https://-api-.zentrik.invalid",
                "'https://-api-.zentrik.invalid' has no valid host name "
                "('-api-.zentrik.invalid'). Enter the API URL, e.g. https://api.zentrik.com.",
            ),
        ],
    )
    def test_a_url_that_leads_nowhere_is_refused_on_settings(
        self, workbench: Workbench, live_server, url: str, expected: str
    ) -> None:
        at = workbench.open("settings")
        before = server_line(at)
        connect(at, url, workbench.key)
        assert errors(at) == [f"{expected}\n\n{KEPT}"]
        origin = f"A Zentrik workspace at {live_server.base_url} (from the environment)."
        assert server_line(at) == before == origin
        assert "Connected" not in texts(at)

    def test_a_refused_port_is_named(self, workbench: Workbench) -> None:
        port = free_port()  # bound and released: nothing listens there
        at = workbench.open("settings")
        connect(at, f"http://127.0.0.1:{port}", workbench.key)
        assert errors(at) == [
            f"Could not reach the Zentrik server at http://127.0.0.1:{port}: nothing is "
            f"listening at 127.0.0.1:{port}. Is the server running, and is the port right?"
            f"\n\n{KEPT}"
        ]

    def test_a_wrong_key_is_refused(self, workbench: Workbench, live_server) -> None:
        at = workbench.open("settings")
        connect(at, live_server.base_url, "zk_this-key-was-never-issued")
        assert errors(at) == [
            f"The server at {live_server.base_url} refused the API key (HTTP 401): it is "
            f"mistyped, revoked, or from another Zentrik server.\n\n{KEPT}"
        ]

    def test_a_key_without_the_read_scope_is_named(
        self, workbench: Workbench, live_server, make_key
    ) -> None:
        at = workbench.open("settings")
        connect(at, live_server.base_url, make_key(scopes=["insights:read"]))
        assert errors(at) == [
            "The API key is valid but may not read signals (HTTP 403): use a key with the "
            f"signals:read scope.\n\n{KEPT}"
        ]

    def test_a_server_that_is_not_a_zentrik_api(self, workbench: Workbench, live_server) -> None:
        url = f"{live_server.base_url}/healthz"
        at = workbench.open("settings")
        connect(at, url, workbench.key)
        assert errors(at) == [
            f"The server at {url} answered, but it is not a Zentrik API: it has no "
            "/external/v1/signals (HTTP 404). Enter the API's address, e.g. "
            f"https://api.zentrik.com.\n\n{KEPT}"
        ]

    def test_a_failed_connect_keeps_the_workspace_connected_before(
        self, workbench: Workbench, live_server, make_key
    ) -> None:
        other_key = make_key()
        at = workbench.open("settings")
        connect(at, live_server.base_url, other_key)
        assert problems(at) == []
        assert f"Connected for this session to {live_server.base_url}" in texts(at)

        connect(at, "https://api.zentrik.invalid", "zk_another")
        assert errors(at)[0].endswith(KEPT)
        assert "for this browser session only" in server_line(at)
        assert at.session_state[SESSION_STATE_KEY].api_key == other_key


INTERVIEW = (
    "Interviewer: How do exports work for you at month-end?\n"
    "[00:41] Sam: They are painfully slow and time out for large files.\n"
    "Interviewer: What do you do then?\n"
    "[01:10] Sam: I split the export by quarter and run it four times."
)


def add_signal(at: AppTest) -> None:
    next(b for b in at.form_submit_button if b.label == "Add signal").click()
    at.run()


class TestInboxGuessesTheType:
    def test_an_interview_pasted_with_the_type_left_alone_is_a_transcript(
        self, workbench: Workbench
    ) -> None:
        at = workbench.open()
        at.text_area(key="paste_text").input(INTERVIEW)
        at.run()
        selector = at.selectbox(key="paste_type")
        assert selector.format_func(selector.value) == "Guess from the text"
        assert (
            "Guessed from the text: Interview transcript (turns of two or more speakers) — "
            "change it if wrong." in texts(at)
        )
        add_signal(at)
        assert problems(at) == []
        (signal,) = workbench.client.signals.list()
        assert signal.signal_type == "transcript"

    def test_the_users_choice_wins_over_the_guess(self, workbench: Workbench) -> None:
        at = workbench.open()
        at.text_area(key="paste_text").input(INTERVIEW)
        at.run()
        at.selectbox(key="paste_type").select("discovery_report")
        at.run()
        assert "Guessed from the text" not in texts(at)
        at.text_area(key="paste_text").input(INTERVIEW + "\nInterviewer: Thanks, Sam.")
        at.run()
        assert at.selectbox(key="paste_type").value == "discovery_report"
        add_signal(at)
        (signal,) = workbench.client.signals.list()
        assert signal.signal_type == "discovery_report"

        # The next paste starts from a guess again.
        at.text_area(key="paste_text").input("★★☆☆☆ The app logs me out every day.")
        at.run()
        assert "Guessed from the text: Review (star ratings)" in texts(at)
        add_signal(at)
        assert sorted(s.signal_type for s in workbench.client.signals.list()) == [
            "discovery_report",
            "review",
        ]
