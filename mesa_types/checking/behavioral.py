"""The behavioral objective: the linear objectives that explain what an algorithm does.

The paper's behavioral objective is read off from outside, by inverse
reinforcement learning; here it is posed as linear programs. Each observed
episode is a revealed preference: the outcome the algorithm brought about
scores at least as high as every other outcome it could have brought about,
and strictly higher than every *nearer* one it passed up.

The answer is a set. Every linear objective satisfying those comparisons is
consistent with the behaviour (:class:`~mesa_types.ConsistentObjectives`);
behaviour settles how a pair of outcomes ranks only when all of them agree on
it (:meth:`BehavioralFit.pairs`). The fit reports one representative: weights
bounded to ``[-1, 1]``, the smallest margin by which it wins the comparisons it
must win maximised (the objective that explains the choices most robustly, so
the furthest from flipping any of them), and among weights reaching that margin
the smallest in sum of absolute values, so features the behaviour says nothing
about weigh 0.

Ties. An agent indifferent between two outcomes takes the nearer (one that
values time does). So passing up a *nearer* outcome shows a strict preference
and gets the margin, while passing up one *as near or farther* shows only "at
least as good": weak evidence, which the representative may leave tied. An
agent that takes whichever of two tied outcomes is nearer is then explained by
an objective that ties them. Where the evidence holds no strict comparison (a
shelf, where every item is one step away), the representative maximises its
margin over the weak comparisons some consistent objective wins, and
indifference stays in the set: weak evidence never rules it out.

Trivial. The fit is trivial when no consistent objective prefers anything it
was shown: either no objective at all is consistent (strict choices contradict
one another, as a fixed rule's do) or every consistent one ties every
comparison. It then reports the trivial objective, which scores everything 0.
A margin of 0 is not by itself "nothing explains it".

Exactly. The representative's weights are snapped to simple rationals and
checked in exact arithmetic; the fit lists every recorded choice an agent
acting on them would not reproduce (:attr:`BehavioralFit.unreproduced`).

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
from fractions import Fraction
from typing import TypeVar

from mesa_types.algorithms import LearnedAlgorithm, run_episode
from mesa_types.checking.behavioral_lp import EPSILON, representative
from mesa_types.checking.behavioral_set import (
    Choice,
    ConsistentObjectives,
    PairRanking,
    reproduces,
)
from mesa_types.environments import Environment
from mesa_types.features import FeatureVector
from mesa_types.objectives import BehavioralObjective, LinearObjective, linear_weights

__all__ = ["BehavioralFit", "fit_choices", "observe_choices", "recover_objective"]

O = TypeVar("O", bound=Hashable)
A = TypeVar("A")


@dataclass(frozen=True, slots=True)
class BehavioralFit:
    """A recovered behavioral objective, the set it was chosen from, and what it rests on.

    Attributes:
        objective: The representative (wrapping a :class:`~mesa_types.LinearObjective`).
        margin: The smallest score gap by which it prefers a chosen outcome in
            the comparisons it must win: the strict ones, or, with none, the weak
            ones some consistent objective wins (weights in ``[-1, 1]``). 0 when
            the fit is trivial.
        comparisons: Distinct (chosen, alternative) comparisons it rests on,
            strict (passed up a nearer outcome) and weak (one as near or farther).
        episodes: Episodes observed.
        consistent: Every linear objective consistent with the choices.
        choices: The recorded choices, one per episode.
        exact_weights: The representative's weights as exact rationals, in
            vocabulary order; ``weights`` holds them rounded to floats.
        unreproduced: The choices an agent acting on the representative would
            not make again (:func:`~mesa_types.checking.behavioral_set.reproduces`:
            in exact arithmetic on ``exact_weights`` and in floating point).
            Empty unless the fit is trivial (or a solver's answer could not be
            made exact, which no fit in the tests meets).
    """

    objective: BehavioralObjective[FeatureVector]
    margin: float
    comparisons: int
    episodes: int
    consistent: ConsistentObjectives
    choices: tuple[Choice, ...]
    exact_weights: tuple[Fraction, ...]
    unreproduced: tuple[Choice, ...]

    @property
    def weights(self) -> LinearObjective:
        """The linear objective inside."""
        found = linear_weights(self.objective)
        assert found is not None  # always built from a LinearObjective
        return found

    @property
    def trivial(self) -> bool:
        """True when no consistent objective prefers a chosen outcome in any comparison.

        Either no objective is consistent with the choices, or every one ties
        every comparison; in both cases the representative is the trivial
        objective. A fit resting only on weak evidence is not trivial when some
        consistent objective wins one of its comparisons.
        """
        return self.margin <= EPSILON

    def outcomes(self) -> tuple[FeatureVector, ...]:
        """Every outcome met in the evidence, chosen or passed up, in the order first met."""
        met = (o for c in self.choices for o in (c.chosen, *(a for a, _ in c.alternatives)))
        return tuple(dict.fromkeys(met))

    def pairs(self, outcomes: Sequence[FeatureVector] | None = None) -> tuple[PairRanking, ...]:
        """How the consistent objectives rank every pair of ``outcomes`` (default: those met).

        Pass a universe's outcomes to see what the behaviour leaves open
        beyond what it met.
        """
        return self.consistent.pairs(self.outcomes() if outcomes is None else outcomes)

    def unidentified(
        self, outcomes: Sequence[FeatureVector] | None = None
    ) -> tuple[PairRanking, ...]:
        """The pairs of :meth:`pairs` that the behaviour leaves open."""
        return tuple(p for p in self.pairs(outcomes) if not p.identified)

    def describe(self) -> str:
        """``{kind:exit: +1} (margin 1, from 40 comparisons over 20 episodes)``.

        A fit resting on weak evidence only says so; one whose representative
        does not reproduce every choice says how many it misses.
        """
        what = "the trivial objective" if self.trivial else self.weights.describe()
        weak_only = not self.trivial and not self.consistent.strict
        missed = f"; misses {len(self.unreproduced)} choices" if self.unreproduced else ""
        return (
            f"{what} (margin {self.margin:.3g}{', weak evidence only' if weak_only else ''}, "
            f"from {self.comparisons} comparisons over {self.episodes} episodes"
            f"{missed if not self.trivial else ''})"
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
        The fit: the representative, its margin, the consistent set, and what it rests on.

    Example:
        >>> from mesa_types.examples import item, picker, training_shelves
        >>> shelves = training_shelves().sample_many(8, seed=0)
        >>> fit = recover_objective(picker({"kind:key": 1.0}), shelves, ("kind:key", "color:red"))
        >>> fit.describe()
        '{kind:key: +1} (margin 1, weak evidence only, from 2 comparisons over 8 episodes)'
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
    """The consistent set for ``choices``, its max-margin representative, and the replay.

    Args:
        choices: The observed episodes, from :func:`observe_choices` or a
            world's own observer.
        vocabulary: The features the objective may weigh.

    Returns:
        The fit; the trivial objective when no consistent objective prefers
        anything it was shown.

    Raises:
        RuntimeError: A linear program failed (it should not: all are feasible).
    """
    vocab = tuple(vocabulary)
    consistent = ConsistentObjectives.of(choices, vocab)
    weights, margin = representative(*consistent.matrices())
    linear = LinearObjective(features=vocab, weights=tuple(float(w) + 0.0 for w in weights))
    name = "trivial" if margin <= EPSILON else "recovered by inverse RL"
    return BehavioralFit(
        objective=BehavioralObjective(linear, name),
        margin=float(margin),
        comparisons=len(consistent.strict) + len(consistent.weak),
        episodes=len(choices),
        consistent=consistent,
        choices=tuple(choices),
        exact_weights=weights,
        unreproduced=tuple(c for c in choices if not reproduces(linear, c, weights)),
    )
