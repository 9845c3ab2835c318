"""The contract other parts rely on: input errors, output shape, purity."""

import json
from pathlib import Path

import pytest

from zentrik_server.extraction import ExtractedInsight, Extraction, ExtractionInputError, extract


@pytest.mark.parametrize("bad", ["", "   \n\t ", None, b"bytes", 42])
def test_empty_or_non_text_input_is_a_clear_error(bad: object) -> None:
    with pytest.raises(ExtractionInputError):
        extract(bad, "review")  # type: ignore[arg-type]
    assert issubclass(ExtractionInputError, ValueError)


def test_output_fields_have_the_documented_types() -> None:
    result = extract("The export keeps crashing.\nPlease add dark mode.", "review")
    assert isinstance(result, Extraction)
    assert result.engine == "offline"
    assert isinstance(result.context, str) and result.context
    assert result.insights
    for insight in result.insights:
        assert isinstance(insight, ExtractedInsight)
        assert insight.kind in {"bug", "pain_point", "feature_request", "praise", "question"}
        assert len(insight.name) <= 90
        assert insight.type == "feedback"
        assert insight.severity in {"high", "medium", "low"}
        assert -1.0 <= insight.sentiment <= 1.0
        assert insight.evidence and all(span in insight.description for span in insight.evidence)
        suggestions = json.loads(json.dumps(insight.ai_suggestions()))
        assert suggestions["kind"] == insight.kind
        assert suggestions["engine"] == "offline"
        assert suggestions["evidence"][0]["text"] == insight.evidence[0]


def test_same_input_gives_the_same_output() -> None:
    text = "Sync fails after the update. I love the sleep charts."
    first, second = extract(text, None), extract(text, None)
    assert [i.name for i in first.insights] == [i.name for i in second.insights]


def test_unknown_signal_type_is_guessed_from_the_text() -> None:
    result = extract(
        "Interviewer: How is it going?\nSam: The login page times out every morning.\n"
        "Interviewer: Why?\nSam: No idea, it just spins.",
        "something-else",
    )
    assert result.insights[0].type == "user-interview"


def test_the_command_line_prints_the_extraction_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zentrik_server.extraction.__main__ import main

    path = tmp_path / "ticket.txt"
    path.write_text("Subject: Login fails\n\nError 401 after the update.", encoding="utf-8")
    assert main([str(path), "--type", "support_ticket"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["insights"][0]["aiSuggestions"]["kind"] == "bug"
    assert printed["insights"][0]["type"] == "support-ticket"
