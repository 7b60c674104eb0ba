"""Tabular MDPs: validated tables that cannot change, and the optimal policy for a state reward."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from mesa_types import TabularMDP, noisy_gridworld, value_iteration

# From home, staying keeps you home and going takes you away; from away, the other way round.
HOME, AWAY = [[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]
STAY_OR_GO = TabularMDP(("home", "away"), ("stay", "go"), [HOME, AWAY], 0.5)


def test_staying_home_is_optimal_when_only_home_pays() -> None:
    best = value_iteration(STAY_OR_GO, [1.0, 0.0])
    assert best.policy == {"home": "stay", "away": "go"}
    # V(home) = 1 / (1 - 0.5); V(away) = 0 + 0.5 V(home).
    assert best.values == pytest.approx((2.0, 1.0), abs=1e-12)


def test_ties_between_actions_go_to_the_first_in_the_mdps_order() -> None:
    indifferent = value_iteration(STAY_OR_GO, [0.0, 0.0])
    assert indifferent.actions == ("stay", "stay")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"states": ("a", "a")}, "states: names ['a'] more than once"),
        ({"actions": ()}, "actions: must name at least one"),
        ({"transitions": [HOME]}, "transitions: shape must be (states, actions, states)"),
        (
            {"transitions": [HOME, [[0.5, 0.0], [1.0, 0.0]]]},
            "transitions: P['away', 'stay', :] sums to 0.5",
        ),
        ({"transitions": [HOME, [[-1.0, 2.0], [1.0, 0.0]]]}, "transitions: probabilities must"),
        ({"discount": 1.0}, "discount: must be in [0, 1), got 1.0"),
        ({"features": [[1.0, 2.0]]}, "features: must be finite, shape (states, features)"),
        ({"features": np.eye(2), "feature_names": ("x",)}, "feature_names: 1 names for 2"),
    ],
)
def test_a_malformed_field_is_named_in_the_error(change: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = {
        "states": ("home", "away"),
        "actions": ("stay", "go"),
        "transitions": [HOME, AWAY],
        "discount": 0.5,
    }
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        TabularMDP(**(fields | change))


def test_the_tables_cannot_change_after_the_mdp_is_built() -> None:
    source = np.array([HOME, AWAY])
    mdp = TabularMDP(("home", "away"), ("stay", "go"), source, 0.5)
    source[0, 0, 0] = 0.0  # the MDP holds its own copy
    assert mdp.transitions[0, 0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        mdp.transitions[0, 0, 0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        mdp.features[0, 0] = 5.0


def test_a_reward_of_the_wrong_length_is_rejected() -> None:
    with pytest.raises(ValueError, match="reward: must be 2 finite numbers"):
        value_iteration(STAY_OR_GO, [1.0])
    with pytest.raises(ValueError, match="state: 'garden' is not one of the MDP's states"):
        STAY_OR_GO.state_vector({"garden": 1.0})


def test_the_noisy_gridworld_moves_as_it_says() -> None:
    grid = noisy_gridworld()
    assert np.allclose(grid.transitions.sum(axis=2), 1.0)
    up, right = grid.actions.index("up"), grid.actions.index("right")
    centre = grid.transitions[grid.index("2,2"), up]
    assert {grid.states[s]: round(float(p), 12) for s, p in enumerate(centre) if p} == {
        "2,3": 0.7,
        "3,2": 0.1,
        "2,1": 0.1,
        "1,2": 0.1,
    }
    # In the corner, up and right both bump into a wall unless the move goes astray.
    corner = grid.index("4,4")
    assert grid.transitions[corner, up, corner] == grid.transitions[corner, right, corner]
    assert grid.transitions[corner, up, corner] == pytest.approx(0.8)
    with pytest.raises(ValueError, match="success: must be in"):
        noisy_gridworld(success=1.5)
