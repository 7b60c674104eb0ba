from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mesa_types import (
    BaseObjective,
    BehavioralObjective,
    FeatureVector,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    Objective,
    compare_orderings,
    linear_weights,
    pairs_ordered_differently,
)
from mesa_types.examples import VOCABULARY, item

KEY_YELLOW, CUP_YELLOW = item("key", "yellow"), item("cup", "yellow")
KEY_RED, CUP_RED = item("key", "red"), item("cup", "red")
WANTS_KEY = LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY)
WANTS_YELLOW = LinearObjective.from_weights({"color:yellow": 1.0}, VOCABULARY)
Role = Callable[[Objective[FeatureVector], str], Objective[FeatureVector]]
ROLES: tuple[Role, ...] = (IntendedObjective, BaseObjective, MesaObjective, BehavioralObjective)


# --- LinearObjective -------------------------------------------------------------


def test_scores_are_the_weighted_sum_over_its_vocabulary() -> None:
    objective = LinearObjective.from_weights({"kind:key": 2.0, "color:red": -0.5})
    assert objective(KEY_RED) == 1.5
    assert objective(CUP_YELLOW) == 0.0
    assert objective(FeatureVector({"kind:key": 3.0, "elsewhere": 9.0})) == 6.0


def test_from_weights_lays_weights_out_in_vocabulary_order() -> None:
    objective = LinearObjective.from_weights({"color:red": 1.0, "kind:key": 2.0}, VOCABULARY)
    assert objective.features == VOCABULARY
    assert objective.weight("kind:key") == 2.0
    assert objective.weight("kind:cup") == 0.0
    assert objective.weight("not in vocabulary") == 0.0
    assert objective.support() == frozenset({"color:red", "kind:key"})
    assert objective.as_dict()["color:red"] == 1.0
    assert list(objective.vector(["kind:key", "color:red", "other"])) == [2.0, 1.0, 0.0]


def test_describe_shows_only_nonzero_weights() -> None:
    objective = LinearObjective.from_weights({"kind:key": 1.0, "color:red": -0.25}, VOCABULARY)
    assert objective.describe() == "{kind:key: +1, color:red: -0.25}"


def test_json_round_trip_gives_an_equal_objective() -> None:
    objective = LinearObjective.from_weights({"kind:key": 1.0, "color:red": -0.25}, VOCABULARY)
    again = LinearObjective.model_validate_json(objective.model_dump_json())
    assert again == objective
    assert hash(again) == hash(objective)
    assert again(KEY_RED) == objective(KEY_RED)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_weights_are_rejected_naming_the_field(bad: float) -> None:
    with pytest.raises(ValidationError) as raised:
        LinearObjective(features=("a", "b"), weights=(1.0, bad))
    message = str(raised.value)
    assert "weights" in message
    assert "entries [1] are NaN or infinite" in message


def test_unknown_feature_names_are_rejected_listing_the_allowed_ones() -> None:
    with pytest.raises(ValueError) as raised:
        LinearObjective.from_weights({"kind:key": 1.0, "kind:hat": 1.0}, VOCABULARY)
    message = str(raised.value)
    assert message.startswith("weights: unknown feature names ['kind:hat']")
    assert "'kind:key'" in message  # the allowed names are listed


def test_empty_features_are_rejected_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"features\n.*must name at least one feature"):
        LinearObjective(features=(), weights=())
    with pytest.raises(ValidationError, match="features"):
        LinearObjective.from_weights({})


def test_repeated_features_are_rejected_naming_them() -> None:
    with pytest.raises(ValidationError, match=r"features\n.*more than once: \['a'\]"):
        LinearObjective(features=("a", "b", "a"), weights=(1.0, 2.0, 3.0))


def test_empty_feature_names_are_rejected() -> None:
    with pytest.raises(ValidationError, match=r"features\n.*non-empty"):
        LinearObjective(features=("a", ""), weights=(1.0, 2.0))


def test_length_mismatch_is_rejected_naming_both_fields() -> None:
    with pytest.raises(ValidationError, match="weights has 1 entries but features has 2"):
        LinearObjective(features=("a", "b"), weights=(1.0,))


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match=r"feature\n.*Extra inputs are not permitted"):
        LinearObjective.model_validate({"feature": ["a"], "features": ["a"], "weights": [1.0]})


def test_linear_objectives_are_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        WANTS_KEY.weights = (2.0,)  # type: ignore[misc]


# --- roles --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_role_scores_as_the_function_it_wraps(role: Role) -> None:
    wrapped = role(WANTS_KEY, "keys")
    assert wrapped(KEY_RED) == 1.0
    assert wrapped(CUP_RED) == 0.0
    assert linear_weights(wrapped) is WANTS_KEY


def test_role_describe_names_role_name_and_weights() -> None:
    assert BaseObjective(WANTS_KEY, "take the key").describe() == (
        "BaseObjective 'take the key' {kind:key: +1}"
    )

    def anything(outcome: FeatureVector) -> float:
        return 0.0

    assert MesaObjective(anything).describe() == "MesaObjective 'objective'"
    assert linear_weights(MesaObjective(anything)) is None


def test_the_same_function_in_two_roles_is_two_different_values() -> None:
    as_mesa: object = MesaObjective(WANTS_KEY)  # mypy already rejects comparing the two
    assert BaseObjective(WANTS_KEY) != as_mesa
    assert BaseObjective(WANTS_KEY) == BaseObjective(WANTS_KEY)


finite = st.floats(min_value=-100, max_value=100, allow_nan=False, allow_infinity=False)
weights = st.dictionaries(st.sampled_from(VOCABULARY), finite, min_size=1)
outcomes = st.lists(
    st.dictionaries(st.sampled_from(VOCABULARY), finite).map(FeatureVector), max_size=8
)


@given(weights=weights, pool=outcomes, role=st.sampled_from(ROLES))
def test_a_role_preserves_the_ordering_of_the_objective_it_wraps(
    weights: dict[str, float], pool: list[FeatureVector], role: Role
) -> None:
    objective = LinearObjective.from_weights(weights, VOCABULARY)
    wrapped = role(objective, "any")
    assert [wrapped(o) for o in pool] == [objective(o) for o in pool]
    assert compare_orderings(objective, wrapped, pool).agree
    assert list(pairs_ordered_differently(objective, wrapped, pool)) == []


# --- comparing orderings ----------------------------------------------------------------


def test_compare_orderings_names_the_first_pair_ordered_differently() -> None:
    result = compare_orderings(WANTS_KEY, WANTS_YELLOW, [KEY_RED, CUP_YELLOW, CUP_RED])
    assert not result.agree
    # WANTS_KEY ranks the red key first; WANTS_YELLOW prefers the yellow cup.
    assert result.pair == (KEY_RED, CUP_YELLOW)
    assert result.outcomes_compared == 3


def test_compare_orderings_puts_the_first_objectives_favourite_first() -> None:
    result = compare_orderings(WANTS_KEY, WANTS_YELLOW, [CUP_YELLOW, KEY_RED])
    assert result.pair == (KEY_RED, CUP_YELLOW)


def test_compare_orderings_agrees_when_orders_match() -> None:
    doubled = LinearObjective.from_weights({"kind:key": 2.0, "color:blue": 0.5}, VOCABULARY)
    result = compare_orderings(WANTS_KEY, doubled, [KEY_RED, CUP_RED, KEY_YELLOW])
    assert result.agree
    assert result.pair is None
    assert result.outcomes_compared == 3


def test_compare_orderings_treats_close_scores_as_tied() -> None:
    nudged = LinearObjective.from_weights({"kind:key": 1.0, "color:red": 0.01}, VOCABULARY)
    # Strictly, nudged breaks the tie between the keys that WANTS_KEY leaves.
    assert not compare_orderings(WANTS_KEY, nudged, [KEY_RED, KEY_YELLOW]).agree
    assert compare_orderings(WANTS_KEY, nudged, [KEY_RED, KEY_YELLOW], tolerance=0.05).agree


def test_pairs_ordered_differently_lists_exactly_the_dangerous_pairs() -> None:
    pool = [KEY_YELLOW, CUP_YELLOW, KEY_RED, CUP_RED]
    pairs = list(pairs_ordered_differently(WANTS_KEY, WANTS_YELLOW, pool))
    # (wanted, chosen): the base objective wants the first, the mesa-objective rates
    # the second at least as high. The yellow key beats the red cup on both counts.
    assert pairs == [(KEY_YELLOW, CUP_YELLOW), (KEY_RED, CUP_YELLOW), (KEY_RED, CUP_RED)]


def test_pairs_ordered_differently_ignores_base_preferences_within_tolerance() -> None:
    pool = [KEY_YELLOW, CUP_YELLOW, KEY_RED, CUP_RED]
    assert list(pairs_ordered_differently(WANTS_KEY, WANTS_YELLOW, pool, tolerance=1.0)) == []


def test_identical_objectives_have_no_dangerous_pairs() -> None:
    pool = [item(k, c) for k in ("key", "cup") for c in ("red", "yellow")]
    assert list(pairs_ordered_differently(WANTS_KEY, WANTS_KEY, pool)) == []
