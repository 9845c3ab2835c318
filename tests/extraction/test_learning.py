"""Learning from a workspace's triage: the exact interface other tools measure, a model that
stores as data, the engine left as it was by too few or one-sided decisions, a workspace's own
phrase learned from its decisions, and what its archive teaches."""

from __future__ import annotations

import inspect
import json
import pickle
import threading

import pytest

from zentrik_server.extraction import extract
from zentrik_server.extraction.learning import Example, WorkspaceModel, train
from zentrik_server.extraction.model import SHIPPED, active_model, model_replaced

PLACES = ["laptop", "phone", "tablet", "desktop", "work PC", "kiosk", "TV app", "watch"]
ASKS = ["dark mode", "CSV export", "a calendar view", "SSO", "tags", "bulk edit", "reminders"]
# A phrase the engine cannot know: in this workspace a grey sync dot is the product failing.
GREY_DOT = [
    Example(f"The sync dot went grey on the {place} {when}.", "bug")
    for place in PLACES
    for when in ("this morning", "after lunch", "again", "twice today", "since Friday", "today")
]
OTHERS = [
    Example(f"Please add {ask} to the {place}.", "feature_request")
    for ask in ASKS
    for place in PLACES[:4]
] + [
    Example(f"I love the {ask} on the {place}, great work.", "praise")
    for ask in ASKS
    for place in PLACES[:3]
]
TEXTS = [
    "The app crashes every time I open the calendar. Please add a dark mode!",
    "Love it, best tracker I have used.",
    "Sync keeps failing on my phone and I lose my notes.",
]


def _stored(idf: float = 1.0, weight: float = 1.0) -> str:
    classes = list(SHIPPED.classes)
    correction = {
        "classes": classes,
        "idf": {"crash": idf},
        "weights": {"crash": [weight] * len(classes)},
        "intercept": [0.0] * len(classes),
    }
    return json.dumps({"format": 2, "decisions": 9, "strength": 1.0, "correction": correction})


def kinds(text: str, model: WorkspaceModel | None = None) -> list[tuple[str, str]]:
    return [(i.kind, i.name) for i in extract(text, "review", workspace_model=model).insights]


def test_interface_is_exact() -> None:
    assert [(p.name, p.default) for p in inspect.signature(Example).parameters.values()] == [
        ("text", inspect.Parameter.empty),
        ("kind", inspect.Parameter.empty),
        ("accepted", True),
    ]
    parameter = inspect.signature(extract).parameters["workspace_model"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is None
    assert isinstance(train([Example("Export fails", "bug")]), WorkspaceModel)


def test_model_pickles_and_stores_as_data() -> None:
    model = train(GREY_DOT + OTHERS)
    assert model.learned
    stored = model.to_json()
    text = "The sync dot went grey"
    for copy in (pickle.loads(pickle.dumps(model)), WorkspaceModel.from_json(stored)):
        assert copy.tuned(SHIPPED).probabilities(text) == pytest.approx(
            model.tuned(SHIPPED).probabilities(text), abs=1e-3
        )
        assert kinds(text, copy) == kinds(text, model)
    assert '"format"' in stored and len(stored) < 200_000


@pytest.mark.parametrize(
    "stored",
    [
        "[1, 2]",
        '{"format": 3, "decisions": 1}',
        '{"format": 2, "decisions": 1, "strength": 1, "correction": {"classes": ["rm -rf"]}}',
        '{"format": 2, "decisions": 1, "strength": "NaN", "correction": null}',
        '{"format": 2, "decisions": 1e400}',  # inf as an int
        '{"format": 2, "decisions": 1, "strength": 1' + "0" * 400 + "}",  # too large a float
        "[" * 100_000 + "]" * 100_000,  # deeper than the parser goes
        '{"format": 2, "decisions": 1, "counts": {"bug": Infinity}}',
        '{"format": 2, "decisions": 1, "strength": -1, "correction": null}',
        '{"format": 2, "decisions": 1, "estimated_f1": 1e300}',
        _stored(idf=0),  # 0/0 in the logits
        _stored(weight=1e300),  # overflows the logits
    ],
)
def test_a_stored_model_that_is_not_numbers_and_kinds_is_refused(stored: str) -> None:
    with pytest.raises(ValueError):
        WorkspaceModel.from_json(stored)


def test_a_model_of_the_first_format_reads_as_learning_nothing_until_retrained() -> None:
    old = '{"format": 1, "idf": {}, "scorers": {}, "decisions": 60, "estimated_f1": 0.8}'
    model = WorkspaceModel.from_json(old)
    assert (model.decisions, model.learned, model.estimated_f1) == (60, False, 0.8)
    assert kinds(TEXTS[0], model) == kinds(TEXTS[0])


@pytest.mark.parametrize(
    "examples",
    [
        [],
        [Example("The export is slow", "bug", accepted=False)],
        [Example(f"Ticket {n}: the export is slow", "bug") for n in range(40)],  # one-sided
        GREY_DOT[:3] + OTHERS[:3],  # too few each way
    ],
    ids=["none", "one", "one-sided", "tiny"],
)
def test_few_or_one_sided_decisions_leave_the_engine_as_it_was(examples: list[Example]) -> None:
    model = train(examples)
    for text in [*TEXTS, "The sync dot went grey on the fridge."]:
        assert kinds(text, model) == kinds(text)


def test_decisions_on_texts_without_a_term_train_a_model_that_changes_nothing() -> None:
    marks = ["!!!", "???", "...", "!?", "--", "***", "~~", ";;", "::", "//", "<>", "[]"]
    examples = [Example(mark, "bug" if n % 2 else "praise") for n, mark in enumerate(marks)]
    model = train(examples)
    assert not model.learned
    assert not WorkspaceModel.from_json(model.to_json()).learned
    for text in TEXTS:
        assert kinds(text, model) == kinds(text)


def test_learns_a_workspace_phrase() -> None:
    model = train(GREY_DOT + OTHERS)
    text = "The sync dot went grey on my laptop this morning."
    assert kinds(text) == []
    assert [kind for kind, _ in kinds(text, model)] == ["bug"]


def test_archived_drafts_teach_what_is_not_a_kind() -> None:
    archived = [
        Example(f"Please add {ask} to the {place}.", "feature_request", accepted=False)
        for ask in ASKS
        for place in PLACES
    ]
    published = [
        Example(f"We need {ask} on the {place} for our team account.", "feature_request")
        for ask in ASKS
        for place in PLACES[:3]
    ]
    model = train(archived + published)
    text = "Please add a map to the kiosk."
    assert [kind for kind, _ in kinds(text)] == ["feature_request"]
    assert kinds(text, model) == []


def test_a_draft_quoting_typographic_apostrophes_is_not_found_a_second_time() -> None:
    model = train(GREY_DOT + OTHERS)
    text = "The sync dot went grey on the kiosk’s screen and then the app crashed."
    assert [kind for kind, _ in kinds(text)] == ["bug"]
    assert [kind for kind, _ in kinds(text, model)] == ["bug"]


def test_a_draft_the_workspace_finds_quotes_the_signal_verbatim_with_offsets() -> None:
    model = train(GREY_DOT + OTHERS)
    text = "Loving it so far.\nThe sync dot went grey on the kiosk’s screen this morning."
    (found,) = [
        i for i in extract(text, "review", workspace_model=model).insights if i.kind == "bug"
    ]
    (quote,) = found.quotes
    assert quote.start is not None and quote.end is not None
    assert text[quote.start : quote.end] == quote.text == found.evidence[0]
    assert "kiosk’s" in quote.text


def test_a_workspace_model_judges_only_in_the_thread_that_uses_it() -> None:
    # A worker processes several workspaces' signals at once, one thread each.
    tuned = train(GREY_DOT + OTHERS).tuned(SHIPPED)
    seen: list[object] = []
    inside, looked = threading.Event(), threading.Event()

    def other_workspace() -> None:
        inside.wait(5)
        seen.append(active_model())
        looked.set()

    thread = threading.Thread(target=other_workspace)
    thread.start()
    with model_replaced(tuned):
        inside.set()
        looked.wait(5)
        assert active_model() is tuned
    thread.join()
    assert seen == [SHIPPED]


def test_one_huge_decision_does_not_leave_the_others_unjudged() -> None:
    from zentrik_server.extraction.learning_fit import _JUDGED_CHARS, _sample

    texts = ["x" * (_JUDGED_CHARS + 1)] + [f"short text {n}" for n in range(50)]
    assert _sample(texts) == set(texts[1:])


def test_decisions_that_only_agree_with_the_engine_leave_it_as_it_was() -> None:
    # Every draft published as the engine made it: nothing to learn, so nothing may move.
    agreed = [
        Example(f"The app crashes when I open the {place} screen.", "bug") for place in PLACES
    ] + [Example(f"Please add {ask} to the settings page.", "feature_request") for ask in ASKS]
    for example in agreed:
        assert [kind for kind, _ in kinds(example.text)] == [example.kind]
    model = train(agreed)
    assert not model.learned
    assert model.estimated_f1 == model.base_f1
    for text in [*TEXTS, "Sync keeps failing on my tablet.", "Please add tags to the kiosk."]:
        assert kinds(text, model) == kinds(text)
