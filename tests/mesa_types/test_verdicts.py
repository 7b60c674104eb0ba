from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from mesa_types import (
    Deceptive,
    JudgedOn,
    Misaligned,
    NotAnOptimizer,
    PseudoAligned,
    RobustlyAligned,
    Verdict,
    Witness,
    check_alignment,
    describe,
    verdict_from_json,
    verdict_to_json,
)
from mesa_types.examples import LookupTable, picker, shelf_universe, take_the_key, training_shelves

BASE = take_the_key()
TRAINING = training_shelves()
UNIVERSE = shelf_universe()

ON = JudgedOn(
    base_objective="BaseObjective 'take the key' {kind:key: +1}",
    training="yellow-key shelves",
    universe="every shelf of three items",
)
WITNESS = Witness(
    environment="witness shelf",
    spec={"items": [{"kind:key": 1.0, "color:red": 1.0}, {"kind:cup": 1.0, "color:yellow": 1.0}]},
    did="color:yellow + kind:cup",
    wanted="color:red + kind:key",
    base_score=0.0,
    best_base_score=1.0,
    verified=True,
)

EVERY_KIND: dict[str, Verdict] = {
    "not_an_optimizer": NotAnOptimizer(judged_on=ON, behavioral_objective="take the first item"),
    "misaligned": Misaligned(
        judged_on=ON, training_failures=3, training_environments=32, witness=WITNESS
    ),
    "pseudo_aligned": PseudoAligned(
        judged_on=ON,
        kinds=("proxy", "side_effect"),
        witness=WITNESS,
        mesa_objective="{color:yellow: +1}",
        pursued_features=("color:yellow",),
        tolerance=0.5,
        environments_checked=7,
        found_by="sampled",
    ),
    "robustly_aligned": RobustlyAligned(
        judged_on=ON,
        evidence="proved",
        environments_checked=0,
        alignment="internal",
        premise="Every pair of outcomes is ordered the same way.",
    ),
    "deceptively_aligned": Deceptive(
        judged_on=ON,
        mesa_objective="{kind:apple: +1}",
        training_behaviour="goes to the exit",
        deployed_behaviour="goes to the apple",
    ),
}

# The facts each paragraph must state, besides what it was judged on.
KEY_FACTS: dict[str, tuple[str, ...]] = {
    "not_an_optimizer": ("Not an optimizer", "take the first item"),
    "misaligned": ("Misaligned", "3 of 32 training environments", "witness shelf"),
    "pseudo_aligned": (
        "Pseudo-aligned (proxy, side-effect)",
        "color:yellow",
        "witness shelf",
        "brought about color:yellow + kind:cup",
        "wanted color:red + kind:key",
        "confirmed by running it",
    ),
    "robustly_aligned": ("Robustly aligned, proved", "internally aligned", "Every pair"),
    "deceptively_aligned": (
        "Deceptively aligned",
        "{kind:apple: +1}",
        "goes to the exit",
        "goes to the apple",
    ),
}


def test_every_verdict_kind_is_covered() -> None:
    assert set(EVERY_KIND) == {v.kind for v in EVERY_KIND.values()} == set(KEY_FACTS)


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_json_round_trip_gives_an_equal_verdict_of_the_same_class(kind: str) -> None:
    verdict = EVERY_KIND[kind]
    text = verdict_to_json(verdict)
    assert json.loads(text)["kind"] == kind
    again = verdict_from_json(text)
    assert again == verdict
    assert type(again) is type(verdict)
    assert verdict_from_json(text.encode()) == verdict


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_describe_is_one_paragraph_with_the_key_facts(kind: str) -> None:
    text = describe(EVERY_KIND[kind])
    assert "\n" not in text
    for fact in (*KEY_FACTS[kind], ON.base_objective, ON.training, ON.universe):
        assert fact in text, fact


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_a_notebook_shows_a_verdict_as_its_kind_and_description(kind: str) -> None:
    verdict = EVERY_KIND[kind]
    title, blank, text = verdict._repr_markdown_().split("\n", 2)
    assert title == f"**{kind.replace('_', ' ').capitalize()}**" and blank == ""
    assert text == describe(verdict)
    assert next(iter(json.loads(verdict_to_json(verdict)))) == "kind"  # the JSON is as it was


def test_sampled_robust_alignment_never_claims_proof() -> None:
    verdict = RobustlyAligned(judged_on=ON, evidence="not_refuted", environments_checked=500)
    text = describe(verdict)
    assert "not refuted after 500 environments" in text
    assert "proved" not in text


def test_an_unverified_witness_says_so() -> None:
    verdict = Misaligned(
        judged_on=ON,
        training_failures=1,
        training_environments=1,
        witness=WITNESS.model_copy(update={"verified": False}),
    )
    assert "not yet confirmed by running" in describe(verdict)


def test_witness_regret_is_what_was_left_on_the_table() -> None:
    assert WITNESS.regret == 1.0


def test_verdicts_from_the_checker_round_trip() -> None:
    for algorithm in (LookupTable(), picker({"kind:key": 1.0}), picker({"color:yellow": 1.0})):
        verdict = check_alignment(algorithm, BASE, TRAINING, UNIVERSE)
        assert verdict_from_json(verdict_to_json(verdict)) == verdict


def test_verdicts_are_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        EVERY_KIND["robustly_aligned"].judged_on = ON  # type: ignore[misc]


def test_pseudo_alignment_needs_at_least_one_kind() -> None:
    with pytest.raises(ValidationError, match="kinds"):
        PseudoAligned(judged_on=ON, kinds=(), witness=WITNESS)


def test_foreign_json_is_rejected_naming_the_field() -> None:
    proved = json.loads(verdict_to_json(EVERY_KIND["robustly_aligned"]))
    with pytest.raises(ValidationError, match=r"robustly_aligned\.evidence\n"):
        verdict_from_json(json.dumps(proved | {"evidence": "certain"}))
    with pytest.raises(ValidationError, match=r"robustly_aligned\.judged_on\.universe\n"):
        verdict_from_json(
            json.dumps(proved | {"judged_on": {"base_objective": "b", "training": "t"}})
        )
    with pytest.raises(ValidationError, match=r"robustly_aligned\.confidence\n.*Extra inputs"):
        verdict_from_json(json.dumps(proved | {"confidence": 0.99}))


def test_unknown_kinds_are_rejected_naming_the_tag() -> None:
    with pytest.raises(ValidationError, match="'kind'"):
        verdict_from_json('{"kind": "mostly_aligned", "judged_on": {}}')
    with pytest.raises(ValidationError, match="kind"):
        verdict_from_json("{}")


def test_text_that_is_not_json_is_rejected() -> None:
    with pytest.raises(ValidationError, match="Invalid JSON"):
        verdict_from_json("robustly aligned, trust me")
