"""A finite Markov decision process given by tables, and the optimal policy for a state reward.

The classic setting of inverse reinforcement learning (Ng & Russell, 2000): a
finite set of states and actions, the probability ``P[s, a, s']`` that action
``a`` in state ``s`` leads to ``s'``, a discount, and no reward. The reward is
what inverse RL is asked to find; forward, a reward given as one number per
state makes :func:`value_iteration` find what an optimal agent does.

Arrays are copied on the way in and made read-only, so a :class:`TabularMDP`
cannot change after it is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["OptimalPolicy", "TabularMDP", "value_iteration"]

_SUMS_TO_ONE = 1e-9
"""How far a row of transition probabilities may sum from 1."""


@dataclass(frozen=True, eq=False, init=False)
class TabularMDP:
    """A finite MDP without a reward: states, actions, transitions, state features, discount.

    Attributes:
        states: State names, in the order of every array's state axes.
        actions: Action names, in the order of the transitions' action axis;
            :func:`value_iteration` breaks ties between actions in this order.
        transitions: ``P[s, a, s']``, shape ``(states, actions, states)``; each
            ``P[s, a, :]`` is a probability distribution.
        discount: How much a step later is worth, in ``[0, 1)``.
        features: One row of features per state, shape ``(states, features)``;
            by default one indicator per state, so a linear reward over them
            is any state reward.
        feature_names: A name per feature column (by default ``state:<name>``).

    Raises:
        ValueError: A field is malformed; the message names it and what is allowed.

    Example:
        >>> stay_or_go = TabularMDP(
        ...     ("home", "away"), ("stay", "go"), [[[1, 0], [0, 1]], [[0, 1], [1, 0]]], 0.5
        ... )
        >>> stay_or_go.transitions.shape, stay_or_go.feature_names
        ((2, 2, 2), ('state:home', 'state:away'))
    """

    states: tuple[str, ...]
    actions: tuple[str, ...]
    transitions: NDArray[np.float64]
    discount: float
    features: NDArray[np.float64]
    feature_names: tuple[str, ...]

    def __init__(
        self,
        states: Sequence[str],
        actions: Sequence[str],
        transitions: ArrayLike,
        discount: float,
        features: ArrayLike | None = None,
        feature_names: Sequence[str] | None = None,
    ) -> None:
        names = _names("states", states)
        moves = _names("actions", actions)
        p = _transitions(transitions, names, moves)
        if not 0.0 <= discount < 1.0:
            raise ValueError(f"discount: must be in [0, 1), got {discount}")
        phi = np.eye(len(names)) if features is None else np.array(features, dtype=np.float64)
        if phi.ndim != 2 or phi.shape[0] != len(names) or not np.all(np.isfinite(phi)):
            raise ValueError(
                f"features: must be finite, shape (states, features) = ({len(names)}, F); "
                f"got shape {phi.shape}"
            )
        labels = (
            tuple(f"state:{s}" for s in names)
            if feature_names is None and features is None
            else _names("feature_names", feature_names or ())
        )
        if len(labels) != phi.shape[1]:
            raise ValueError(f"feature_names: {len(labels)} names for {phi.shape[1]} features")
        phi.flags.writeable = False
        for field, value in (
            ("states", names),
            ("actions", moves),
            ("transitions", p),
            ("discount", float(discount)),
            ("features", phi),
            ("feature_names", labels),
        ):
            object.__setattr__(self, field, value)

    def index(self, state: str) -> int:
        """The position of ``state`` on the state axes.

        Raises:
            ValueError: No state has that name.
        """
        if state not in self.states:
            raise ValueError(f"state: {state!r} is not one of the MDP's states")
        return self.states.index(state)

    def state_vector(self, values: Mapping[str, float]) -> NDArray[np.float64]:
        """One number per state, from the named ones (the others 0): a state reward, say.

        Raises:
            ValueError: A name is not a state.
        """
        vector = np.zeros(len(self.states))
        for state, value in values.items():
            vector[self.index(state)] = value
        return vector


def _names(field: str, names: Sequence[str]) -> tuple[str, ...]:
    found = tuple(names)
    if not found:
        raise ValueError(f"{field}: must name at least one")
    repeated = sorted({n for n in found if found.count(n) > 1})
    if repeated:
        raise ValueError(f"{field}: names {repeated} more than once")
    return found


def _transitions(
    transitions: ArrayLike, states: tuple[str, ...], actions: tuple[str, ...]
) -> NDArray[np.float64]:
    p = np.array(transitions, dtype=np.float64)
    shape = (len(states), len(actions), len(states))
    if p.shape != shape:
        raise ValueError(
            f"transitions: shape must be (states, actions, states) = {shape}, got {p.shape}"
        )
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError("transitions: probabilities must be finite and non-negative")
    sums = p.sum(axis=2)
    bad = np.argwhere(np.abs(sums - 1.0) > _SUMS_TO_ONE)
    if len(bad):
        s, a = (int(i) for i in bad[0])
        raise ValueError(
            f"transitions: P[{states[s]!r}, {actions[a]!r}, :] sums to {sums[s, a]:.6g}, not 1"
        )
    p.flags.writeable = False
    return p


@dataclass(frozen=True, slots=True)
class OptimalPolicy:
    """What an agent maximising a state reward does, and what each state is worth to it.

    Attributes:
        states: The MDP's states, in order.
        values: The optimal value of each state.
        actions: The action taken in each state: among actions within
            ``1e-9`` of the best, the first in the MDP's action order.
    """

    states: tuple[str, ...]
    values: tuple[float, ...]
    actions: tuple[str, ...]

    @property
    def policy(self) -> dict[str, str]:
        """The policy as state name -> action name."""
        return dict(zip(self.states, self.actions, strict=True))


def value_iteration(
    mdp: TabularMDP, reward: ArrayLike, *, tolerance: float = 1e-10, max_iterations: int = 100_000
) -> OptimalPolicy:
    """The optimal policy for a state reward: value iteration, then exact policy evaluation.

    The reward ``R[s]`` is received in state ``s``, so a state is worth
    ``V[s] = R[s] + discount * max_a sum_s' P[s, a, s'] V[s']``. Value iteration
    runs until successive values differ by less than ``tolerance``; then the
    greedy policy is evaluated exactly (a linear solve) and improved until it
    no longer changes, so the actions, and the ties among them, are judged on
    values accurate to rounding, not to the iteration's tolerance.

    Args:
        mdp: The MDP.
        reward: One number per state.
        tolerance: When to stop iterating.
        max_iterations: A bound on the iterations.

    Raises:
        ValueError: ``reward`` has the wrong length or is not finite.
        RuntimeError: Value iteration did not converge within ``max_iterations``.
    """
    r = _reward(mdp, reward)
    values = np.zeros(len(mdp.states))
    for _ in range(max_iterations):
        updated = r + mdp.discount * np.max(mdp.transitions @ values, axis=1)
        if np.max(np.abs(updated - values)) < tolerance:
            break
        values = updated
    else:
        raise RuntimeError(f"value iteration did not converge in {max_iterations} iterations")
    chosen = _greedy(mdp, r, updated)
    while True:
        values = policy_values(mdp, r, chosen)
        improved = _greedy(mdp, r, values)
        if np.array_equal(improved, chosen):
            break
        chosen = improved
    return OptimalPolicy(
        mdp.states, tuple(values.tolist()), tuple(mdp.actions[a] for a in chosen.tolist())
    )


def policy_values(
    mdp: TabularMDP, reward: NDArray[np.float64], chosen: NDArray[np.int64]
) -> NDArray[np.float64]:
    """``V = (I - discount * P_pi)^-1 R``: the value of each state under a deterministic policy."""
    p_pi = mdp.transitions[np.arange(len(mdp.states)), chosen]
    values = np.linalg.solve(np.eye(len(mdp.states)) - mdp.discount * p_pi, reward)
    return np.asarray(values, dtype=np.float64)


def _greedy(
    mdp: TabularMDP, reward: NDArray[np.float64], values: NDArray[np.float64]
) -> NDArray[np.int64]:
    q = reward[:, None] + mdp.discount * (mdp.transitions @ values)
    near_best = q >= q.max(axis=1, keepdims=True) - 1e-9
    first: NDArray[np.int64] = np.argmax(near_best, axis=1).astype(np.int64)
    return first  # argmax of booleans: the first action near the best


def _reward(mdp: TabularMDP, reward: ArrayLike) -> NDArray[np.float64]:
    r = np.array(reward, dtype=np.float64)
    if r.shape != (len(mdp.states),) or not np.all(np.isfinite(r)):
        raise ValueError(
            f"reward: must be {len(mdp.states)} finite numbers, one per state; got shape {r.shape}"
        )
    return r
