"""Try the engine on a file: `python -m zentrik_server.extraction FILE [--type TYPE]`.

Prints the extraction as JSON (the signal type, guessed from the text's shape when --type is
left out; context, engine, insights with their aiSuggestions).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zentrik_server.config import ConfigurationError, load_settings

from . import extract, guess_signal_type
from .segment import SIGNAL_TYPES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zentrik_server.extraction")
    parser.add_argument("file", type=Path, help="a text file; '-' reads standard input")
    parser.add_argument(
        "--type",
        dest="signal_type",
        choices=SIGNAL_TYPES,
        help="the signal type (guessed from the text when left out)",
    )
    parser.add_argument("--context", help="additional context, e.g. 'interviewer: Priya'")
    args = parser.parse_args(argv)
    try:
        llm = load_settings().llm  # ZENTRIK_LLM_*: the model is tried first when set
    except ConfigurationError as error:
        print(error, file=sys.stderr)
        return 2
    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    signal_type = args.signal_type or guess_signal_type(text)
    result = extract(text, signal_type, args.context, llm)
    payload = {
        "signalType": signal_type,
        "context": result.context,
        "engine": result.engine,
        "insights": [
            {
                "name": insight.name,
                "type": insight.type,
                "description": insight.description,
                "aiSuggestions": insight.ai_suggestions(),
            }
            for insight in result.insights
        ],
    }
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
