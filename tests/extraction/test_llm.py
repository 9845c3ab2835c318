"""The optional LLM engine against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from zentrik_server.config import LLMSettings
from zentrik_server.extraction import extract

TEXT = "The export to CSV times out on big reports.\nPlease add dark mode."
GOOD = {
    "context": "bug_report",
    "insights": [
        {
            "kind": "bug",
            "name": "CSV export times out on big reports",
            "description": 'Export fails: "The export to CSV times out on big reports."',
            "severity": "high",
            "sentiment": -0.4,
            "evidence": [{"text": "The export to CSV times out on big reports.", "speaker": None}],
        },
        {
            "kind": "feature_request",
            "name": "Invented request",
            "description": "Not in the text",
            "severity": "low",
            "sentiment": 0.1,
            "evidence": [{"text": "Please add a teleporter.", "speaker": None}],
        },
    ],
}


class FakeLLM(BaseHTTPRequestHandler):
    mode: ClassVar[str] = "good"
    requests: ClassVar[list[dict]] = []
    # What the server passes to `extract` when ZENTRIK_LLM_* point at this fake.
    settings: ClassVar[LLMSettings]

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        if FakeLLM.mode == "500":
            self.send_response(500)
            self.end_headers()
            return
        if FakeLLM.mode == "slow":
            time.sleep(1.5)
        content = (
            "not json {" if FakeLLM.mode == "bad" else "```json\n" + json.dumps(GOOD) + "\n```"
        )
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """The slow mode's client hangs up early by design; no traceback for that."""


@pytest.fixture
def fake_llm() -> Iterator[type[FakeLLM]]:
    server = QuietServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    FakeLLM.settings = LLMSettings(
        base_url=f"http://127.0.0.1:{server.server_port}/v1",
        model="fake-model",
        api_key="sk-test-secret",
        timeout=0.5,
    )
    FakeLLM.mode, FakeLLM.requests = "good", []
    yield FakeLLM
    server.shutdown()
    server.server_close()


def test_a_good_answer_is_used_and_invented_quotes_are_dropped(fake_llm: type[FakeLLM]) -> None:
    result = extract(TEXT, "review", additional_context="Q3 survey", llm=fake_llm.settings)
    assert result.engine == "llm:fake-model"
    assert [i.name for i in result.insights] == ["CSV export times out on big reports"]
    insight = result.insights[0]
    assert insight.type == "feedback" and insight.kind == "bug"
    assert insight.ai_suggestions()["engine"] == "llm:fake-model"
    request = fake_llm.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test-secret"
    assert request["body"]["model"] == "fake-model"
    assert "Q3 survey" in request["body"]["messages"][1]["content"]


@pytest.mark.parametrize("mode", ["bad", "slow", "500"])
def test_any_failure_falls_back_to_the_offline_engine(
    fake_llm: type[FakeLLM], mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake_llm.mode = mode
    result = extract(TEXT, "review", llm=fake_llm.settings)
    assert result.engine == "offline"
    assert {i.kind for i in result.insights} == {"bug", "feature_request"}
    assert "sk-test-secret" not in caplog.text


def test_unreachable_server_falls_back() -> None:
    unreachable = LLMSettings(base_url="http://127.0.0.1:9/v1", model="fake-model")
    assert extract(TEXT, "review", llm=unreachable).engine == "offline"
