"""Inverse RL on a tabular MDP by linear programming (Ng & Russell, 2000, section 3).

Given an MDP without a reward and a policy said to be optimal, which state
rewards make it so? A reward ``R`` (one number per state) makes the policy
``pi`` optimal exactly when, in every state ``s`` and for every other action
``a``, ``(P[s, pi(s)] - P[s, a]) (I - discount * P_pi)^-1 R >= 0`` (Ng &
Russell's theorem 3). ``R = 0`` satisfies that for any policy, so among those
rewards the program picks one that makes the demonstrated action win by as
much as possible: it maximises, summed over states, the margin of the
demonstrated action over the next-best one, minus ``l1`` times ``sum |R|``
(a preference for simple rewards), with ``|R[s]| <= r_max``.

Like every behavioral objective this is one member of a set: the rewards
that make the policy optimal form a cone, and the penalty and the bound
choose in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types.mdp.tabular import TabularMDP

__all__ = ["RecoveredReward", "lp_irl"]


@dataclass(frozen=True, slots=True)
class RecoveredReward:
    """The state reward inverse RL recovered, and how firmly it explains the policy.

    Attributes:
        states: The MDP's states, in order.
        rewards: The recovered reward of each state.
        margins: In each state, by how much the demonstrated action's value
            beats the next-best action's under the recovered reward (0 where
            they tie), as ``(P[s, pi(s)] - P[s, a]) V``, without the discount factor.
        l1: The weight of the ``sum |R|`` penalty it was found with.
        r_max: The bound on ``|R[s]|`` it was found with.
    """

    states: tuple[str, ...]
    rewards: tuple[float, ...]
    margins: tuple[float, ...]
    l1: float
    r_max: float

    @property
    def reward(self) -> dict[str, float]:
        """The reward as state name -> number."""
        return dict(zip(self.states, self.rewards, strict=True))

    @property
    def best_state(self) -> str:
        """The state with the highest recovered reward (the first, if several)."""
        return self.states[int(np.argmax(self.rewards))]


def lp_irl(
    mdp: TabularMDP, policy: Mapping[str, str], *, l1: float = 0.0, r_max: float = 1.0
) -> RecoveredReward:
    """A state reward under which ``policy`` is optimal, by Ng & Russell's linear program.

    Maximise ``sum_s min_{a != pi(s)} (P[s, pi(s)] - P[s, a]) V - l1 * sum_s |R[s]|``
    over ``R``, where ``V = (I - discount * P_pi)^-1 R``, subject to every such
    margin being ``>= 0`` and ``|R[s]| <= r_max``.

    Args:
        mdp: The MDP (its features are not used: the reward is one number per state).
        policy: The demonstrated action of every state, by name.
        l1: Weight of the L1 penalty; 0 keeps only the margins.
        r_max: Bound on each state's reward; positive.

    Returns:
        The recovered reward, with each state's margin.

    Raises:
        ValueError: ``policy`` misses a state or names an unknown action, or
            ``l1`` is negative, or ``r_max`` is not positive.
        RuntimeError: The linear program failed (it should not: ``R = 0`` is feasible).
    """
    if l1 < 0:
        raise ValueError(f"l1: must be >= 0, got {l1}")
    if r_max <= 0:
        raise ValueError(f"r_max: must be > 0, got {r_max}")
    rewards, margins = margin_program(mdp, policy, np.eye(len(mdp.states)), l1, r_max)
    return RecoveredReward(
        mdp.states,
        tuple((rewards + 0.0).tolist()),
        tuple((margins + 0.0).tolist()),
        float(l1),
        float(r_max),
    )


def margin_program(
    mdp: TabularMDP,
    policy: Mapping[str, str],
    basis: NDArray[np.float64],
    l1: float,
    bound: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Ng & Russell's program for a reward ``basis @ w``: the weights and each state's margin.

    It maximises the sum over states of the demonstrated action's smallest
    margin over another action, minus ``l1`` times the L1 norm of ``w``, with
    the demonstrated action at least as good as every other and ``|w_i| <=
    bound``. One indicator per state (the identity) is the classic form.
    """
    chosen = _policy_indices(mdp, policy)
    gaps, owner = _advantage_rows(mdp, chosen)
    rows = gaps @ basis  # each margin, as a linear function of the weights
    n, k = len(mdp.states), basis.shape[1]
    # Variables: w (k), t (n: each state's margin), u (k: u >= |w|).
    cost = np.concatenate([np.zeros(k), -np.ones(n), np.full(k, l1)])
    picks = np.zeros((len(rows), n))
    picks[np.arange(len(rows)), owner] = 1.0
    a_ub = np.vstack(
        [
            np.hstack([-rows, picks, np.zeros((len(rows), k))]),  # t_s <= each margin
            np.hstack([-rows, np.zeros((len(rows), n + k))]),  # the demonstrated action is best
            np.hstack([np.eye(k), np.zeros((k, n)), -np.eye(k)]),  # w <= u
            np.hstack([-np.eye(k), np.zeros((k, n)), -np.eye(k)]),  # -w <= u
        ]
    )
    bounds = [(-bound, bound)] * k + [(None, None)] * n + [(0.0, None)] * k
    weights = _solve(cost, a_ub, np.zeros(len(a_ub)), bounds)[:k] + 0.0
    margins = np.full(n, np.inf)
    np.minimum.at(margins, owner, rows @ weights)
    margins[np.isinf(margins)] = 0.0  # a state with one action has no rival
    return weights, margins


def _policy_indices(mdp: TabularMDP, policy: Mapping[str, str]) -> NDArray[np.int64]:
    missing = [s for s in mdp.states if s not in policy]
    if missing:
        raise ValueError(f"policy: no action for states {missing[:5]}")
    unknown = sorted(set(policy) - set(mdp.states))
    if unknown:
        raise ValueError(f"policy: names states the MDP lacks: {unknown[:5]}")
    bad = {s: a for s, a in policy.items() if a not in mdp.actions}
    if bad:
        raise ValueError(f"policy: actions not in {list(mdp.actions)}: {bad}")
    return np.array([mdp.actions.index(policy[s]) for s in mdp.states], dtype=np.int64)


def _advantage_rows(
    mdp: TabularMDP, chosen: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """One row ``(P[s, pi(s)] - P[s, a]) (I - discount P_pi)^-1`` per state and other action."""
    n = len(mdp.states)
    p_pi = mdp.transitions[np.arange(n), chosen]
    inverse = np.linalg.inv(np.eye(n) - mdp.discount * p_pi)
    rows, owner = [], []
    for s in range(n):
        for a in range(len(mdp.actions)):
            if a != chosen[s]:
                rows.append((p_pi[s] - mdp.transitions[s, a]) @ inverse)
                owner.append(s)
    gaps = np.array(rows, dtype=np.float64).reshape(len(rows), n)
    return gaps, np.array(owner, dtype=np.int64)


def _solve(
    cost: NDArray[np.float64],
    a_ub: NDArray[np.float64],
    b_ub: NDArray[np.float64],
    bounds: Sequence[tuple[float | None, float | None]],
) -> NDArray[np.float64]:
    from scipy.optimize import linprog  # lazily: ``import mesa_types`` must not load scipy

    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if result.x is None:
        raise RuntimeError(f"the inverse-RL linear program failed: {result.message}")
    return np.asarray(result.x, dtype=np.float64)
