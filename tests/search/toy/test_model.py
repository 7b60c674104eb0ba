"""The training-process model: validation, closed form, exact optimum, the informed agent."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from search.toy import (
    DefectionOptimum,
    Destination,
    TrainingModel,
    TrainingSchedule,
    best_defection_exact,
    expected_apples,
    maximize_on_unit_interval,
    planner_apples,
    planner_plan,
    play,
)

A, B = Destination.APPLE, Destination.EXIT
F = Fraction
TOY = TrainingModel()


@pytest.mark.parametrize(
    ("field", "value", "interval"),
    [
        ("modification", F(3, 2), "[0, 1]"),
        ("modification", F(-1, 10), "[0, 1]"),
        ("discount", F(0), "(0, 1]"),
        ("discount", F(11, 10), "(0, 1]"),
        ("training_weight", F(-1), "[0, inf)"),
        ("deployment_weight", F(-1, 2), "[0, inf)"),
    ],
)
def test_a_parameter_out_of_range_is_refused_naming_the_field_and_range(
    field: str, value: Fraction, interval: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        TrainingModel.model_validate({field: value})
    error = caught.value.errors()[0]
    assert error["loc"] == (field,)
    assert f"{field} must be in {interval}, got {value}" in error["msg"]


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), "often"])
def test_a_parameter_that_is_not_a_number_is_refused(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        TrainingModel.model_validate({"modification": value})
    assert caught.value.errors()[0]["loc"] == ("modification",)


def test_the_model_is_frozen_forbids_extra_fields_and_reads_decimals_as_written() -> None:
    with pytest.raises(ValidationError, match="extra"):
        TrainingModel.model_validate({"temperature": 1})
    with pytest.raises(ValidationError):
        TOY.discount = F(1, 2)  # type: ignore[misc]
    model = TrainingModel.model_validate({"discount": 0.9, "modification": "9/10"})
    assert (model.discount, model.modification) == (F(9, 10), F(9, 10))
    assert TrainingModel.model_validate_json(model.model_dump_json()) == model


def test_the_toys_rule_is_the_default_and_gives_five_ninths() -> None:
    described = "2 training + 3 deployment episodes; q = 1, gamma = 1, w_T = 1, w_D = 1"
    assert TOY.describe() == described
    best = TOY.best_defection()
    assert (best.probability, best.expected_apples, best.exact) == (F(5, 9), F(275, 243), True)
    assert best.describe() == "p = 5/9 = 0.5556, 275/243 = 1.1317 expected apples"


def test_with_the_toys_rule_the_model_agrees_with_the_existing_closed_form() -> None:
    for n, m in itertools.product(range(8), range(8)):
        schedule = TrainingSchedule(training=n, deployment=m)
        model = TrainingModel(schedule=schedule)
        p, e = best_defection_exact(schedule)
        assert model.closed_form() == p, (n, m)
        assert model.best_defection().probability == p, (n, m)
        assert model.expected_apples(p) == e, (n, m)


def _walk(model: TrainingModel, p: Fraction) -> Fraction:
    """Expected weighted apples by walking every history: defect or not, modified or not."""
    total = F(0)
    frontier: list[tuple[int, bool, Fraction]] = [(0, True, F(1))]
    while frontier:
        episode, intact, chance = frontier.pop()
        if episode == model.episodes or not intact:
            continue  # a replaced agent goes to the exit: no more apples
        comply, defect = chance * (1 - p), chance * p
        frontier.append((episode + 1, True, comply))
        total += defect * model.weight(episode)
        if model.is_training(episode):
            frontier.append((episode + 1, False, defect * model.modification))
            frontier.append((episode + 1, True, defect * (1 - model.modification)))
        else:
            frontier.append((episode + 1, True, defect))
    return total


def _evaluate(coefficients: tuple[Fraction, ...], p: Fraction) -> Fraction:
    return sum((c * p**k for k, c in enumerate(coefficients)), F(0))


def _times(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    product = [F(0)] * (len(a) + len(b) - 1)
    for (i, x), (j, y) in itertools.product(enumerate(a), enumerate(b)):
        product[i + j] += x * y
    return tuple(product)


fractions = st.fractions(min_value=0, max_value=1, max_denominator=12)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 4),
    st.integers(0, 4),
    fractions,
    fractions.filter(lambda x: x > 0),
    st.fractions(min_value=0, max_value=3, max_denominator=6),
    st.fractions(min_value=0, max_value=3, max_denominator=6),
    fractions,
)
def test_expected_apples_and_its_polynomial_equal_the_walk_over_histories(
    n: int, m: int, q: Fraction, gamma: Fraction, w_t: Fraction, w_d: Fraction, p: Fraction
) -> None:
    model = TrainingModel(
        schedule=TrainingSchedule(training=n, deployment=m),
        modification=q,
        discount=gamma,
        training_weight=w_t,
        deployment_weight=w_d,
    )
    walked = _walk(model, p)
    assert model.expected_apples(p) == walked
    assert _evaluate(model.polynomial(), p) == walked


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 5),
    st.integers(0, 5),
    fractions,
    st.fractions(min_value=0, max_value=3, max_denominator=6),
    st.fractions(min_value=0, max_value=3, max_denominator=6),
)
def test_without_discount_the_exact_optimum_is_the_closed_form(
    n: int, m: int, q: Fraction, w_t: Fraction, w_d: Fraction
) -> None:
    model = TrainingModel(
        schedule=TrainingSchedule(training=n, deployment=m),
        modification=q,
        training_weight=w_t,
        deployment_weight=w_d,
    )
    best = model.best_defection()
    assert best.exact
    assert best.probability == model.closed_form()


@pytest.mark.parametrize("gamma", [F(1, 2), F(9, 10), F(19, 20), F(99, 100)])
@pytest.mark.parametrize("q", [F(1), F(3, 4)])
def test_with_discount_no_probability_on_a_fine_grid_beats_the_exact_optimum(
    gamma: Fraction, q: Fraction
) -> None:
    model = TrainingModel(modification=q, discount=gamma)
    best = model.best_defection()
    assert model.closed_form() is None
    grid = max(model.expected_apples(F(i, 2000)) for i in range(2001))
    assert grid <= best.expected_apples + F(1, 10**15)
    assert abs(model.expected_apples(best.probability) - best.expected_apples) < F(1, 10**20)


def test_an_irrational_optimum_is_bracketed_by_a_root_of_the_slope() -> None:
    best = TrainingModel(discount=F(19, 20)).best_defection()
    assert not best.exact
    assert best.describe() == "p ≈ 0.5953 (irrational), ≈ 1.0752 expected apples"
    bracket = best.maximum
    assert bracket.root_of is not None
    assert bracket.upper - bracket.lower < F(1, 2**96)
    low, high = (_evaluate(bracket.root_of, x) for x in (bracket.lower, bracket.upper))
    assert low * high < 0
    assert DefectionOptimum.model_validate_json(best.model_dump_json()) == best  # fractions as text


def test_rational_roots_are_found_exactly_and_irrational_ones_closely() -> None:
    # (p - 2/7)^2 (3 - p) is largest on [0, 1] at 1, and its slope has the root 2/7
    # (a minimum); minus it is largest at the rational 2/7.
    dip = _times(_times((F(-2, 7), F(1)), (F(-2, 7), F(1))), (F(3), F(-1)))
    assert maximize_on_unit_interval(dip).argmax == 1
    found = maximize_on_unit_interval(tuple(-c for c in dip))
    assert (found.argmax, found.exact, found.value) == (F(2, 7), True, F(0))
    cubic = maximize_on_unit_interval((F(0), F(1), F(0), F(-1)))  # p - p^3, best at 1/sqrt(3)
    assert not cubic.exact
    assert abs(float(cubic.argmax) - 3**-0.5) < 1e-15
    assert maximize_on_unit_interval(()).argmax == 0  # everything ties: the smallest
    assert maximize_on_unit_interval((F(0), F(-1))).argmax == 0


def test_caring_only_about_deployment_is_a_training_weight_of_zero() -> None:
    model = TrainingModel(training_weight=F(0))
    deployment_only = expected_apples(model.schedule, "deployment-only")
    for i in range(11):
        p = F(i, 10)
        assert float(model.expected_apples(p)) == pytest.approx(float(deployment_only(float(p))))
    assert model.best_defection().probability == F(1, 3)


def test_the_informed_agent_replays_the_toys_planner() -> None:
    for n, m in itertools.product(range(6), range(6)):
        schedule = TrainingSchedule(training=n, deployment=m)
        model = TrainingModel(schedule=schedule)
        assert model.informed_values()[0] == planner_apples(schedule), (n, m)
        assert play(schedule, model.informed_policy()).played == planner_plan(schedule), (n, m)


def test_the_informed_agent_defects_in_training_when_modification_is_unlikely() -> None:
    assert TOY.informed_policy() == (B, B, A, A, A)
    unlikely = TrainingModel(modification=F(1, 4))
    assert unlikely.informed_policy() == (A, A, A, A, A)
    # Intact after each training apple with probability 3/4: 1 + 3/4 (1 + 3/4 * 3).
    assert unlikely.informed_values()[0] == 1 + F(3, 4) * (1 + F(3, 4) * 3)


def test_knowing_the_episode_beats_random_defection_which_beats_always_defecting() -> None:
    for q in (F(1), F(9, 10), F(1, 2)):
        model = TrainingModel(modification=q)
        informed = model.informed_values()[0]
        random_ = model.best_defection().expected_apples
        assert informed >= random_ >= model.expected_apples(F(1))


def test_the_stake_is_what_a_defection_risks_in_apples_of_that_episode() -> None:
    assert [TOY.stake(t) for t in range(5)] == [3, 3, 0, 0, 0]
    halved = TrainingModel(modification=F(1, 2), discount=F(1, 2))
    # In episode 1 an apple is worth 1/2; intact, the rest is worth 1/4 + 1/8 + 1/16.
    assert halved.stake(1) == F(1, 2) * F(7, 16) / F(1, 2)
    for model in (TOY, halved, TrainingModel(modification=F(1, 4))):
        policy = model.informed_policy()
        for t in range(model.schedule.training):
            assert (policy[t] is B) == (model.stake(t) > 1), (model.describe(), t)


def test_no_stake_in_apples_when_a_training_apple_is_worth_nothing() -> None:
    with pytest.raises(ValueError, match="worth nothing"):
        TrainingModel(training_weight=F(0)).stake(0)
