"""The behavioral objective: the linear objective that best explains what an algorithm does.

Inverse reinforcement learning posed as a linear program. Each observed
episode is a revealed preference: the outcome the algorithm brought about must
score at least a margin ``t`` above every other outcome it could have brought
about there. Weights are bounded to ``[-1, 1]``, the margin is maximised, and
among weights reaching that margin the smallest (in sum of absolute values)
are kept, so features the behaviour says nothing about weigh 0.

Ties. An agent indifferent between two outcomes takes the nearer (the
search-tree agent does; so would anything that values time). So passing up a
*nearer* outcome (or staying put, which is nearest of all) shows a strict
preference and gets the margin, while passing up a *farther* one shows only
"at least as good" and gets margin 0. An agent that takes whichever of two
tied outcomes is nearer is then explained by an objective that ties them.

A margin above 0 means some non-trivial objective explains every choice. A
margin of 0 or less means none does: choices contradict one another (a fixed
rule that goes to whatever lies down and to the right), and the recovery
reports the trivial objective, which scores everything 0 and so is consistent
with any behaviour.

What counts as "could have brought about". An agent that searches only
``depth`` moves ahead never rejected an outcome beyond that; treating it as
rejected would read a limitation as a preference. With white-box access to a
:class:`~search.agents.tree_search.TreeSearchAgent` the alternatives are therefore the
outcomes within its depth (and the step limit); for any other algorithm, every
outcome reachable within the step limit, so observe it in mazes where
everything lies near. Alternatives with the same features (in the vocabulary)
as the chosen outcome are no evidence either way and are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import (
    BehavioralObjective,
    FeatureVector,
    LearnedAlgorithm,
    LinearObjective,
    linear_weights,
    run_episode,
)
from search.agents.tree_search import TreeSearchAgent
from search.batched.population import NOTHING, compile_mazes, genome_arrays, population_choices
from search.world.grid import Cell, GridState, GridWorld, Move

__all__ = ["BehavioralFit", "Choice", "fit_choices", "observe", "recover_objective"]

_EPSILON = 1e-9
"""Margins up to this are numerical noise: no objective separates the choices."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One observed episode: what was brought about, and what could have been instead.

    Attributes:
        chosen: The outcome brought about.
        distance: Moves from the start to it (0 for staying put).
        alternatives: Each other outcome it could have brought about, with the
            fewest moves to reach it.
    """

    chosen: FeatureVector
    distance: int
    alternatives: tuple[tuple[FeatureVector, int], ...]


@dataclass(frozen=True, slots=True)
class BehavioralFit:
    """A recovered behavioral objective and how firmly the observations support it.

    Attributes:
        objective: The behavioral objective (wrapping a :class:`~mesa_types.LinearObjective`).
        margin: By how much every chosen outcome beats every alternative under
            it (weights in ``[-1, 1]``); 0 or less means no non-trivial
            objective explains the behaviour.
        comparisons: Distinct (chosen, alternative) comparisons it rests on,
            strict (passed up a nearer outcome) and weak (a farther one).
        episodes: Episodes observed.
    """

    objective: BehavioralObjective[FeatureVector]
    margin: float
    comparisons: int
    episodes: int

    @property
    def weights(self) -> LinearObjective:
        """The linear objective inside."""
        found = linear_weights(self.objective)
        assert found is not None  # always built from a LinearObjective
        return found

    @property
    def trivial(self) -> bool:
        """True when no non-trivial objective explains the behaviour."""
        return self.margin <= _EPSILON

    def describe(self) -> str:
        """``{kind:exit: +1} (margin 1, from 40 comparisons over 20 episodes)``."""
        what = "the trivial objective" if self.trivial else self.weights.describe()
        return (
            f"{what} (margin {self.margin:.3g}, from {self.comparisons} comparisons "
            f"over {self.episodes} episodes)"
        )


def observe(
    algorithm: LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    *,
    white_box: bool = True,
) -> list[Choice]:
    """Run ``algorithm`` in each world and record what it chose among what it could have.

    A :class:`~search.agents.tree_search.TreeSearchAgent` is run on the population path
    (the same choices, computed in one batch); with ``white_box`` its
    alternatives are limited to its search depth.
    """
    horizon = (
        algorithm.genome.depth if white_box and isinstance(algorithm, TreeSearchAgent) else None
    )
    choices = []
    for world, end in zip(worlds, _ends(algorithm, worlds), strict=True):
        limit = world.max_steps if horizon is None else min(horizon, world.max_steps)
        dist = world.distances_from(world.start)
        nearest: dict[FeatureVector, int] = {FeatureVector(): 0}
        for thing in world.things:
            d = dist.get(thing.position, limit + 1)
            if d <= limit:
                nearest[thing.features] = min(d, nearest.get(thing.features, d))
        chosen = world.outcome(GridState(world, end))
        alternatives = tuple((o, d) for o, d in nearest.items() if o != chosen)
        choices.append(Choice(chosen, dist[end] if chosen else 0, alternatives))
    return choices


def _ends(algorithm: LearnedAlgorithm[GridState, Move], worlds: Sequence[GridWorld]) -> list[Cell]:
    """Where each episode ends."""
    if type(algorithm) is not TreeSearchAgent or not worlds:
        return [run_episode(algorithm, world).observations[-1].position for world in worlds]
    vocabulary = algorithm.genome.objective.features
    batch = compile_mazes(worlds, vocabulary)
    weights, depths = genome_arrays([algorithm.genome], vocabulary)
    picks = population_choices(weights, depths, batch)[0]
    return [
        world.start if k == NOTHING else batch.things[m][k].position
        for m, (world, k) in enumerate(zip(worlds, picks.tolist(), strict=True))
    ]


def recover_objective(
    algorithm: LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    vocabulary: Sequence[str],
    *,
    white_box: bool = True,
) -> BehavioralFit:
    """The behavioral objective of ``algorithm``, from its behaviour in ``worlds``.

    Args:
        algorithm: Any learned algorithm for gridworlds.
        worlds: Where to watch it.
        vocabulary: The features the objective may weigh.
        white_box: Use a tree-search agent's depth to limit its alternatives.

    Example:
        >>> from mesa_types.optimizers.genome import Genome
        >>> from search.scenarios.paper import green_exit
        >>> s = green_exit()
        >>> agent = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, s.vocabulary, 64))
        >>> fit = recover_objective(agent, s.training.sample_many(5, 0), s.vocabulary)
        >>> fit.weights.describe()
        '{kind:exit: +1, color:green: +1}'
    """
    return fit_choices(observe(algorithm, worlds, white_box=white_box), vocabulary)


def fit_choices(choices: Sequence[Choice], vocabulary: Sequence[str]) -> BehavioralFit:
    """Solve the linear program for ``choices``: maximise the margin, then minimise the weights."""
    vocab = tuple(vocabulary)
    strict, weak = _comparisons(choices, vocab)
    count = len(strict) + len(weak)
    if len(strict) == 0:  # nothing was ever passed up for something farther: no margin to win
        return _fit(np.zeros(len(vocab)), vocab, 0.0, count, len(choices))
    margin = _solve(strict, weak)
    if margin <= _EPSILON:
        return _fit(np.zeros(len(vocab)), vocab, margin + 0.0, count, len(choices))
    weights = _solve_smallest(strict, weak, margin * (1 - 1e-7))
    weights[np.abs(weights) < 1e-9] = 0.0
    achieved = float(np.min(strict @ weights)) + 0.0  # no "-0" in reports
    return _fit(weights, vocab, achieved, count, len(choices))


def _comparisons(
    choices: Sequence[Choice], vocab: tuple[str, ...]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Distinct non-zero ``features(chosen) - features(alternative)`` rows: strict, then weak.

    A row is strict when some episode passed up a nearer alternative for it.
    """
    strict: dict[tuple[float, ...], None] = {}
    weak: dict[tuple[float, ...], None] = {}
    for choice in choices:
        chosen = np.array([choice.chosen.get(f, 0.0) for f in vocab])
        for other, distance in choice.alternatives:
            row = chosen - np.array([other.get(f, 0.0) for f in vocab])
            if np.any(row != 0.0):
                (strict if distance < choice.distance else weak)[tuple(row.tolist())] = None
    weak = {row: None for row in weak if row not in strict}
    return _matrix(strict, len(vocab)), _matrix(weak, len(vocab))


def _matrix(rows: dict[tuple[float, ...], None], width: int) -> NDArray[np.float64]:
    return np.array(list(rows), dtype=np.float64).reshape(len(rows), width)


def _solve(strict: NDArray[np.float64], weak: NDArray[np.float64]) -> float:
    """``max t`` subject to ``strict @ w >= t``, ``weak @ w >= 0``, ``-1 <= w <= 1``."""
    from scipy.optimize import linprog

    f = strict.shape[1]
    cost = np.zeros(f + 1)
    cost[-1] = -1.0
    a_ub = np.vstack(
        [
            np.hstack([-strict, np.ones((len(strict), 1))]),
            np.hstack([-weak, np.zeros((len(weak), 1))]),
        ]
    )
    bounds = [(-1.0, 1.0)] * f + [(None, None)]
    result = linprog(cost, A_ub=a_ub, b_ub=np.zeros(len(a_ub)), bounds=bounds, method="highs")
    if result.x is None:
        raise RuntimeError(f"the margin linear program failed: {result.message}")
    return float(result.x[-1])


def _solve_smallest(
    strict: NDArray[np.float64], weak: NDArray[np.float64], margin: float
) -> NDArray[np.float64]:
    """``min sum |w|`` subject to ``strict @ w >= margin``, ``weak @ w >= 0``, ``|w| <= 1``."""
    from scipy.optimize import linprog

    f = strict.shape[1]
    rows = np.vstack([strict, weak])
    floor = np.concatenate([np.full(len(strict), margin), np.zeros(len(weak))])
    cost = np.concatenate([np.zeros(f), np.ones(f)])  # variables: w, then u >= |w|
    eye = np.eye(f)
    a_ub = np.vstack(
        [np.hstack([-rows, np.zeros_like(rows)]), np.hstack([eye, -eye]), np.hstack([-eye, -eye])]
    )
    b_ub = np.concatenate([-floor, np.zeros(2 * f)])
    bounds = [(-1.0, 1.0)] * f + [(0.0, 1.0)] * f
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if result.x is None:
        raise RuntimeError(f"the smallest-weights linear program failed: {result.message}")
    return np.asarray(result.x[:f], dtype=np.float64)


def _fit(
    weights: NDArray[np.float64],
    vocab: tuple[str, ...],
    margin: float,
    comparisons: int,
    episodes: int,
) -> BehavioralFit:
    linear = LinearObjective(features=vocab, weights=tuple(float(w) for w in weights))
    name = "trivial" if margin <= _EPSILON else "recovered by inverse RL"
    return BehavioralFit(BehavioralObjective(linear, name), margin, comparisons, episodes)
