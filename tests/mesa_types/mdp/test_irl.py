"""Ng & Russell's linear-programming inverse RL, on their 5x5 stochastic gridworld."""

from __future__ import annotations

import numpy as np
import pytest

from mesa_types import OptimalPolicy, lp_irl, noisy_gridworld, value_iteration

GRID = noisy_gridworld(size=5, success=0.7, discount=0.9)
TRUE_REWARD = GRID.state_vector({"4,4": 1.0})
ARROWS = {"up": "^", "right": ">", "down": "v", "left": "<"}


def _demonstrator() -> OptimalPolicy:
    return value_iteration(GRID, TRUE_REWARD)


def _picture(actions: tuple[str, ...]) -> list[str]:
    """Rows top to bottom, an arrow per cell."""
    return [" ".join(ARROWS[actions[c + 5 * r]] for c in range(5)) for r in reversed(range(5))]


def test_the_demonstrator_heads_for_the_rewarded_corner_breaking_ties_upwards() -> None:
    # On the diagonal, up and right are exactly as good; the demonstrator takes up, the
    # first move in the MDP's order.
    assert _picture(_demonstrator().actions) == [
        "> > > > ^",
        "> > > ^ ^",
        "^ > ^ ^ ^",
        "^ ^ ^ ^ ^",
        "^ > > ^ ^",
    ]


def test_the_recovered_reward_is_the_rewarded_corner_and_makes_the_same_policy() -> None:
    demonstrator = _demonstrator()
    recovered = lp_irl(GRID, demonstrator.policy, l1=3.0, r_max=1.0)
    assert recovered.best_state == "4,4"
    assert recovered.rewards == pytest.approx(tuple(TRUE_REWARD), abs=1e-9)
    assert value_iteration(GRID, recovered.rewards).policy == demonstrator.policy
    assert min(recovered.margins) == pytest.approx(0.0, abs=1e-9)  # the diagonal's ties
    assert sum(recovered.margins) == pytest.approx(5.2539, abs=1e-4)


@pytest.mark.parametrize("l1", [0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 6.0])
def test_any_recovered_reward_makes_every_demonstrated_action_a_best_one(l1: float) -> None:
    demonstrator = _demonstrator()
    recovered = lp_irl(GRID, demonstrator.policy, l1=l1)
    assert min(recovered.margins) >= -1e-9
    assert max(abs(r) for r in recovered.rewards) <= 1.0 + 1e-9


def test_the_l1_weight_chooses_within_the_set_of_rewards_that_explain_the_policy() -> None:
    demonstrator = _demonstrator()
    # Margins alone (l1 = 0) pick a busier reward whose best state is not the corner, and
    # whose own optimal policy breaks two ties the other way; past the margins the true
    # reward earns (about 5.25), the penalty wins and the reward is 0 everywhere.
    busy = lp_irl(GRID, demonstrator.policy, l1=0.0)
    assert busy.best_state != "4,4"
    assert value_iteration(GRID, busy.rewards).policy != demonstrator.policy
    assert lp_irl(GRID, demonstrator.policy, l1=6.0).rewards == pytest.approx((0.0,) * 25)


def test_a_policy_that_misses_a_state_or_names_no_action_is_rejected() -> None:
    policy = _demonstrator().policy
    with pytest.raises(ValueError, match=r"policy: no action for states \['4,4'\]"):
        lp_irl(GRID, {s: a for s, a in policy.items() if s != "4,4"})
    with pytest.raises(ValueError, match="policy: actions not in"):
        lp_irl(GRID, policy | {"0,0": "jump"})
    with pytest.raises(ValueError, match="l1: must be >= 0"):
        lp_irl(GRID, policy, l1=-1.0)
    with pytest.raises(ValueError, match="r_max: must be > 0"):
        lp_irl(GRID, policy, r_max=0.0)
    assert np.isfinite(lp_irl(GRID, policy).rewards).all()
