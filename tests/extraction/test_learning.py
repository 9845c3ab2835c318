"""Learning from a workspace's triage: the exact interface other tools measure, a model that
stores as data, the engine left as it was by too few or one-sided decisions, and a workspace's
own phrase learned from its decisions."""

from __future__ import annotations

import inspect
import pickle

import numpy as np
import pytest

from zentrik_server.extraction import extract
from zentrik_server.extraction.learning import Example, WorkspaceModel, train
from zentrik_server.extraction.learning_fit import choose_weight

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
    stored = model.to_json()
    for copy in (pickle.loads(pickle.dumps(model)), WorkspaceModel.from_json(stored)):
        assert copy.scores("The sync dot went grey", ()) == pytest.approx(
            model.scores("The sync dot went grey", ())
        )
    assert '"format"' in stored and len(stored) < 200_000
    with pytest.raises(ValueError):
        WorkspaceModel.from_json('{"format": 1, "scorers": {"rm -rf": {}}}')
    with pytest.raises(ValueError):
        WorkspaceModel.from_json("[1, 2]")


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
    (found,) = extract(text, "review", workspace_model=model).insights
    assert found.kind == "bug"
    (quote,) = found.quotes
    assert quote.start is not None and quote.end is not None
    assert text[quote.start : quote.end] == quote.text == found.evidence[0]
    assert "kiosk’s" in quote.text


def test_a_scorer_that_would_drop_published_drafts_nearly_as_often_as_archived_ones_is_unused() -> (
    None
):
    # Out-of-fold, the workspace's scorer calls 5 of 30 archived drafts and 4 of 40 published
    # ones "not this kind"; 20 it missed and 40 texts of other kinds it scores low.
    published, archived, missed, others = 40, 30, 20, 40
    y = np.array([True] * published + [False] * archived + [True] * missed + [False] * others)
    engine = np.array([1.0] * (published + archived) + [0.0] * (missed + others))
    unlike = [0.05] * 4 + [0.95] * (published - 4) + [0.05] * 5 + [0.95] * (archived - 5)
    probability = np.array(unlike + [0.3] * missed + [0.05] * others)
    # Dropping those 9 drafts keeps 5 wrong ones out and loses 4 the PM wanted: a worse set of
    # drafts for the PM, though more of the decisions agree with it.
    assert choose_weight(y, engine, probability, [step / 20 for step in range(21)]) == 0.0


def test_remembered_words_are_bounded_and_change_no_score(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream of new words cannot grow a model's memory without bound, and a word scored
    from memory scores as it did when first looked up."""
    from zentrik_server.extraction import learning

    model = train(GREY_DOT + OTHERS)
    first = model.probabilities(TEXTS)
    monkeypatch.setattr(learning, "_REMEMBERED_WORDS", 8)
    stream = [f"word{i} sync dot grey" for i in range(50)]
    for text in stream:
        model.probabilities([text])
        assert len(model._word_rows) <= 8
    assert model.probabilities(TEXTS) == first
    assert model.probabilities([]) == []
