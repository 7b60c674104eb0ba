"""LP inverse RL with a reward linear in state features, on Ng & Russell's 5x5 gridworld."""

from __future__ import annotations

import numpy as np
import pytest

from mesa_types import (
    LinearObjective,
    TabularMDP,
    lp_irl,
    lp_irl_features,
    noisy_gridworld,
    value_iteration,
)

GRID = noisy_gridworld(size=5, success=0.7, discount=0.9)
FEATURES = np.array(
    [[s == "4,4", s.endswith(",4"), s.startswith("4,")] for s in GRID.states], dtype=np.float64
)
NAMED = TabularMDP(GRID.states, GRID.actions, GRID.transitions, GRID.discount, FEATURES,
                   ("corner", "top row", "right column"))  # fmt: skip
DEMONSTRATOR = value_iteration(NAMED, FEATURES @ np.array([1.0, 0.0, 0.0]))


def test_with_enough_l1_the_recovered_weights_are_the_corner_alone_and_make_the_same_policy() -> (
    None
):
    recovered = lp_irl_features(NAMED, DEMONSTRATOR.policy, l1=5.0)
    assert recovered.objective == LinearObjective(
        features=("corner", "top row", "right column"), weights=(1.0, 0.0, 0.0)
    )
    assert value_iteration(NAMED, recovered.rewards).policy == DEMONSTRATOR.policy
    assert sum(recovered.margins) == pytest.approx(5.2539, abs=1e-4)


def test_margins_alone_weigh_the_top_row_a_little_and_still_explain_every_action() -> None:
    recovered = lp_irl_features(NAMED, DEMONSTRATOR.policy, l1=0.0)
    weights = recovered.objective.as_dict()
    assert weights["corner"] == pytest.approx(1.0)
    assert weights["top row"] == pytest.approx(0.0384, abs=1e-4)
    assert weights["right column"] == pytest.approx(-0.0297, abs=1e-4)
    assert min(recovered.margins) >= -1e-9
    assert sum(recovered.margins) == pytest.approx(5.3997, abs=1e-4)


def test_with_one_indicator_per_state_it_is_the_per_state_program() -> None:
    policy = value_iteration(GRID, GRID.state_vector({"4,4": 1.0})).policy
    per_state = lp_irl(GRID, policy, l1=3.0)
    by_features = lp_irl_features(GRID, policy, l1=3.0)
    assert by_features.rewards == pytest.approx(per_state.rewards, abs=1e-9)
    assert by_features.objective.features == GRID.feature_names


def test_bad_settings_are_rejected_with_the_field_named() -> None:
    with pytest.raises(ValueError, match="l1: must be >= 0"):
        lp_irl_features(NAMED, DEMONSTRATOR.policy, l1=-1.0)
    with pytest.raises(ValueError, match="w_max: must be > 0"):
        lp_irl_features(NAMED, DEMONSTRATOR.policy, w_max=0.0)
    with pytest.raises(ValueError, match="policy: no action for states"):
        lp_irl_features(NAMED, {})
