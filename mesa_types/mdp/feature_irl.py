"""Inverse RL on a tabular MDP with a reward linear in state features, by linear programming.

Ng & Russell (2000) write the reward of a large MDP as a weighted sum of
state features, ``R = features @ w``, and ask the same question as
:func:`~mesa_types.lp_irl` does of one reward per state: which weights make
the demonstrated policy optimal? Substituting ``R = features @ w`` into the
optimality condition keeps it linear in ``w``, so the same program applies:
maximise, summed over states, the margin of the demonstrated action over the
next-best one, minus ``l1 * sum |w|``, with ``|w_i| <= w_max``. With the
default features (one indicator per state) it is :func:`~mesa_types.lp_irl`.

The answer is a linear objective over the MDP's feature names, so it can be
compared with a base objective by :func:`~mesa_types.compare_orderings` or
shown among the four objectives. Like every behavioral objective it is one
member of a set: the weights making the policy optimal form a cone, and the
penalty and the bound choose in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mesa_types.mdp.irl import margin_program
from mesa_types.mdp.tabular import TabularMDP
from mesa_types.objectives import LinearObjective

__all__ = ["RecoveredWeights", "lp_irl_features"]


@dataclass(frozen=True, slots=True)
class RecoveredWeights:
    """The feature weights inverse RL recovered, and how firmly they explain the policy.

    Attributes:
        objective: The recovered reward as a linear objective over the MDP's
            feature names (a state's reward is its features weighed by it).
        rewards: The reward of each state that the weights give, in state order.
        margins: In each state, by how much the demonstrated action's value beats
            the next-best action's under that reward (0 where they tie).
        l1: The weight of the ``sum |w|`` penalty it was found with.
        w_max: The bound on each ``|w_i|`` it was found with.
    """

    objective: LinearObjective
    rewards: tuple[float, ...]
    margins: tuple[float, ...]
    l1: float
    w_max: float


def lp_irl_features(
    mdp: TabularMDP, policy: Mapping[str, str], *, l1: float = 0.0, w_max: float = 1.0
) -> RecoveredWeights:
    """Feature weights under which ``policy`` is optimal, by Ng & Russell's linear program.

    Maximise ``sum_s min_{a != pi(s)} (P[s, pi(s)] - P[s, a]) V - l1 * sum_i |w_i|``
    over ``w``, where ``V = (I - discount * P_pi)^-1 features w``, subject to every
    such margin being ``>= 0`` and ``|w_i| <= w_max``.

    Args:
        mdp: The MDP; its ``features`` and ``feature_names`` define the reward's form.
        policy: The demonstrated action of every state, by name.
        l1: Weight of the L1 penalty on the weights; 0 keeps only the margins.
        w_max: Bound on each weight; positive.

    Raises:
        ValueError: ``policy`` misses a state or names an unknown action, or
            ``l1`` is negative, or ``w_max`` is not positive.
        RuntimeError: The linear program failed (it should not: ``w = 0`` is feasible).
    """
    if l1 < 0:
        raise ValueError(f"l1: must be >= 0, got {l1}")
    if w_max <= 0:
        raise ValueError(f"w_max: must be > 0, got {w_max}")
    weights, margins = margin_program(mdp, policy, mdp.features, l1, w_max)
    return RecoveredWeights(
        LinearObjective(features=mdp.feature_names, weights=tuple(weights.tolist())),
        tuple((mdp.features @ weights + 0.0).tolist()),
        tuple((margins + 0.0).tolist()),
        float(l1),
        float(w_max),
    )
