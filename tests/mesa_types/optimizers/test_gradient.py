"""Gradient descent on the softmax relaxation: the closed-form gradient, seeds, bad settings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesa_types import ChoiceSet, GradientConfig, expected_value, softmax_descent


def _sets(seed: int) -> list[ChoiceSet]:
    rng = np.random.default_rng(seed)
    return [ChoiceSet(rng.normal(size=(k, 3)), rng.normal(size=k)) for k in (1, 2, 4)]


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(0, 10_000), st.floats(0.1, 2.0))
def test_the_closed_form_gradient_equals_finite_differences(seed: int, temperature: float) -> None:
    sets = _sets(seed)
    weights = np.random.default_rng(seed + 1).normal(size=3)
    _, gradient = expected_value(weights, sets, temperature)
    h = 1e-6
    for f in range(3):
        step = np.zeros(3)
        step[f] = h
        up, _ = expected_value(weights + step, sets, temperature)
        down, _ = expected_value(weights - step, sets, temperature)
        assert gradient[f] == pytest.approx((up - down) / (2 * h), abs=1e-6)


def test_a_seed_fixes_the_run_and_training_climbs() -> None:
    sets = _sets(3)
    a = softmax_descent(sets, 3, GradientConfig(steps=30), seed=7)
    assert a == softmax_descent(sets, 3, GradientConfig(steps=30), seed=7)
    assert a != softmax_descent(sets, 3, GradientConfig(steps=30), seed=8)
    assert a.history[-1] > a.history[0]
    assert len(a.history) == 30


def test_the_better_candidate_gets_the_larger_weight() -> None:
    one = ChoiceSet(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 0.0]))
    run = softmax_descent([one], 2, GradientConfig(steps=50), seed=0)
    assert run.weights[0] > run.weights[1]


@pytest.mark.parametrize("field", ["learning_rate", "temperature", "initial_scale"])
def test_bad_settings_name_the_field(field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        GradientConfig.model_validate({field: 0.0})


def test_bad_choice_sets_are_refused() -> None:
    with pytest.raises(ValueError, match=r"features must be \(candidates, features\)"):
        ChoiceSet(np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="at least one training environment"):
        softmax_descent([], 3, GradientConfig(), seed=0)
    with pytest.raises(ValueError, match="every choice set must have 4 features"):
        softmax_descent(_sets(0), 4, GradientConfig(), seed=0)
