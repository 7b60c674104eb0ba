"""The behavioral objective: the linear objective that best explains what an algorithm does.

The paper's behavioral objective is read off from outside, by inverse
reinforcement learning; here it is posed as a linear program. Each observed
episode is a revealed preference: the outcome the algorithm brought about must
score at least a margin ``t`` above every other outcome it could have brought
about there. Weights are bounded to ``[-1, 1]``, the margin is maximised, and
among weights reaching that margin the smallest (in sum of absolute values)
are kept, so features the behaviour says nothing about weigh 0.

Ties. An agent indifferent between two outcomes takes the nearer (one that
values time does). So passing up a *nearer* outcome shows a strict preference
and gets the margin, while passing up one *as near or farther* shows only "at
least as good" and gets margin 0. An agent that takes whichever of two tied
outcomes is nearer is then explained by an objective that ties them, and a
world where every outcome is one step away (a shelf to pick from) gives weak
evidence only.

A margin above 0 means some non-trivial objective explains every choice. A
margin of 0 or less means none does: choices contradict one another (a fixed
rule that always goes the same way), and the recovery reports the trivial
objective, which scores everything 0 and so is consistent with any behaviour.

What counts as "could have brought about": every outcome an episode within
the step limit can end with, found in the world model (:func:`observe_choices`).
An agent whose own search looks less far never rejected what lay beyond it:
watch it where everything lies near, or build :class:`Choice` records with its
horizon and call :func:`fit_choices`. Alternatives with the same features (in
the vocabulary) as the chosen outcome are no evidence either way.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from mesa_types.algorithms import LearnedAlgorithm, run_episode
from mesa_types.environments import Environment
from mesa_types.features import FeatureVector
from mesa_types.objectives import BehavioralObjective, LinearObjective, linear_weights

__all__ = ["BehavioralFit", "Choice", "fit_choices", "observe_choices", "recover_objective"]

O = TypeVar("O", bound=Hashable)
A = TypeVar("A")

_EPSILON = 1e-9
"""Margins up to this are numerical noise: no objective separates the choices."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One observed episode: what was brought about, and what could have been instead.

    Distances count steps until the outcome was brought about (see
    :func:`observe_choices`); a world may count its own way, as long as the
    chosen outcome and its alternatives are measured alike.

    Attributes:
        chosen: The outcome brought about.
        distance: Steps it took to bring it about (0 for one held from the start).
        alternatives: Each other outcome it could have brought about, with the
            fewest steps to bring it about.
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
            strict (passed up a nearer outcome) and weak (one as near or farther).
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


def recover_objective(
    algorithm: LearnedAlgorithm[O, A],
    environments: Sequence[Environment[O, A, FeatureVector]],
    vocabulary: Sequence[str],
) -> BehavioralFit:
    """The behavioral objective of ``algorithm``, from its behaviour in ``environments``.

    Works for any world whose outcomes are feature vectors: see
    :func:`observe_choices` for what is observed and :func:`fit_choices` for
    the linear program.

    Args:
        algorithm: Any learned algorithm for these environments.
        environments: Where to watch it; small worlds, since every episode the
            world model allows within the step limit is searched.
        vocabulary: The features the objective may weigh.

    Returns:
        The fit: the behavioral objective, its margin, and what it rests on.
    """
    return fit_choices(observe_choices(algorithm, environments), vocabulary)


def observe_choices(
    algorithm: LearnedAlgorithm[O, A],
    environments: Sequence[Environment[O, A, FeatureVector]],
) -> list[Choice]:
    """Run ``algorithm`` in each environment and record what it chose among what it could have.

    An episode ends on a terminal observation or at the step limit with the
    outcome of the observation it ends on, brought about at the step from which
    every observation showed it (0 if it held from the start, as nothing does
    in a maze where the agent stays put). The chosen outcome is the episode's;
    the alternatives are every other outcome an episode can end with, each at
    the earliest step one brings it about, found by breadth-first search
    through the world model within the step limit. Nothing else is added: an
    outcome no episode ends with (an empty one, say) is no alternative.

    Args:
        algorithm: Any learned algorithm for these environments.
        environments: Where to watch it. Observations must be hashable: the
            search keeps each distinct one once per depth.

    Returns:
        One :class:`Choice` per environment, in order.
    """
    choices = []
    for environment in environments:
        episode = run_episode(algorithm, environment)
        step = episode.steps
        while step > 0 and environment.outcome(episode.observations[step - 1]) == episode.outcome:
            step -= 1
        nearest = _earliest(environment)
        alternatives = tuple((o, d) for o, d in nearest.items() if o != episode.outcome)
        choices.append(Choice(episode.outcome, step, alternatives))
    return choices


def _earliest(environment: Environment[O, A, FeatureVector]) -> dict[FeatureVector, int]:
    """Every outcome an episode can end with, and the earliest step an episode brings it about.

    The search holds, for each observation at the current depth, the earliest
    step from which the outcome it shows has held on some path to it. It keeps
    observations once per depth rather than once overall: an episode cut off
    by the step limit ends where it happens to be, so the same observation
    reached later can end differently.
    """
    nearest: dict[FeatureVector, int] = {}
    frontier = {environment.initial(): 0}  # dicts keep the world's action order: runs repeat
    for depth in range(environment.max_steps + 1):
        following: dict[O, int] = {}
        for observation, since in frontier.items():
            outcome = environment.outcome(observation)
            if depth == environment.max_steps or environment.is_terminal(observation):
                nearest[outcome] = min(since, nearest.get(outcome, since))
                continue
            for action in environment.actions(observation):
                after = environment.step(observation, action)
                held = since if environment.outcome(after) == outcome else depth + 1
                following[after] = min(held, following.get(after, held))
        frontier = following
        if not frontier:
            break
    return nearest


def fit_choices(choices: Sequence[Choice], vocabulary: Sequence[str]) -> BehavioralFit:
    """Solve the linear program for ``choices``: maximise the margin, then minimise the weights.

    Args:
        choices: The observed episodes, from :func:`observe_choices` or a
            world's own observer.
        vocabulary: The features the objective may weigh.

    Returns:
        The fit; the trivial objective when no episode passed up a nearer
        outcome, or when no non-trivial objective explains every choice.

    Raises:
        RuntimeError: A linear program failed (it should not: both are feasible).
    """
    vocab = tuple(vocabulary)
    strict, weak = _comparisons(choices, vocab)
    count = len(strict) + len(weak)
    if len(strict) == 0:  # no episode passed up a nearer outcome: no margin to win
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
    from scipy.optimize import linprog  # lazily: ``import mesa_types`` must not load scipy

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
