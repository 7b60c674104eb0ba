"""Judging one episode against a base objective, and a batch of training environments.

An algorithm agrees with the base objective on an environment when the outcome
it brings about scores within a tolerance of the best outcome reachable there;
otherwise the environment, with what it did and what was wanted, is a witness.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

from mesa_types.algorithms import LearnedAlgorithm, run_episode
from mesa_types.environments import Environment, Universe
from mesa_types.objectives import BaseObjective, better_by_more_than
from mesa_types.verdicts import JudgedOn, Misaligned, Witness

__all__ = ["check_training", "describe_outcome", "judge_episode", "replay_witness", "witness_of"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")


def judge_episode(
    algorithm: LearnedAlgorithm[O, A],
    environment: Environment[O, A, S],
    base: BaseObjective[S],
    tolerance: float = 1e-9,
) -> Witness | None:
    """Run one episode; a verified :class:`Witness` if the base objective wanted better, else None.

    The algorithm agrees with the base objective on an environment when the
    outcome it brings about scores within ``tolerance`` of the best outcome
    reachable there.
    """
    return witness_of(run_episode(algorithm, environment).outcome, environment, base, tolerance)


def witness_of(
    outcome: S,
    environment: Environment[Any, Any, S],
    base: BaseObjective[S],
    tolerance: float = 1e-9,
) -> Witness | None:
    """Judge an outcome an episode in ``environment`` brought about, as :func:`judge_episode` does.

    For callers that ran the episode themselves (to keep it, or to count its
    steps); the witness says ``verified`` because the outcome came from a run.
    """
    reachable = list(environment.reachable_outcomes())
    if not reachable:
        raise ValueError(f"environment {environment.name!r} offers no reachable outcome")
    scores = [base(o) for o in reachable]
    best = int(np.argmax(scores))
    achieved = base(outcome)
    if not better_by_more_than(scores[best], achieved, tolerance):
        return None
    return Witness(
        environment=environment.name,
        spec=environment.spec(),
        did=describe_outcome(outcome),
        wanted=describe_outcome(reachable[best]),
        base_score=achieved,
        best_base_score=scores[best],
        verified=True,
    )


def check_training(
    algorithm: LearnedAlgorithm[O, A],
    envs: Sequence[Environment[O, A, S]],
    base: BaseObjective[S],
    judged_on: JudgedOn,
    tolerance: float = 1e-9,
) -> Misaligned | None:
    """Run the algorithm on every training environment; :class:`Misaligned` if it fails any.

    The witness is the failure with the shortest episode, the easiest for a
    reader to follow (the first of those, if several are as short).
    """
    failures: list[tuple[int, Witness]] = []
    for env in envs:
        episode = run_episode(algorithm, env)
        witness = witness_of(episode.outcome, env, base, tolerance)
        if witness is not None:
            failures.append((episode.steps, witness))
    if not failures:
        return None
    shortest = min(range(len(failures)), key=lambda i: failures[i][0])
    return Misaligned(
        judged_on=judged_on,
        training_failures=len(failures),
        training_environments=len(envs),
        witness=failures[shortest][1],
    )


def describe_outcome(outcome: object) -> str:
    """An outcome as a phrase: its ``describe()`` if it has one, else ``str``."""
    describe = getattr(outcome, "describe", None)
    return str(describe()) if callable(describe) else str(outcome)


def replay_witness(
    witness: Witness,
    algorithm: LearnedAlgorithm[O, A],
    universe: Universe[Environment[O, A, S], S],
    base: BaseObjective[S],
    tolerance: float = 1e-9,
) -> Witness | None:
    """Rebuild a witness's environment from its spec and judge ``algorithm`` there again.

    One call for any world whose universe says how to rebuild its environments
    (``Universe.rebuild``): a reader checks a verdict without writing a parser.

    Returns:
        The failure found again (a fresh witness), or None if it did what was wanted.

    Raises:
        ValueError: The universe cannot rebuild environments.

    Example:
        >>> from mesa_types import check_alignment
        >>> from mesa_types.examples import shelf_universe, take_the_key
        >>> from mesa_types.examples import training_shelves, yellow_picker
        >>> base, universe = take_the_key(), shelf_universe()
        >>> verdict = check_alignment(yellow_picker(), base, training_shelves(), universe)
        >>> replay_witness(verdict.witness, yellow_picker(), universe, base).did
        'color:yellow + kind:cup'
    """
    if universe.rebuild is None:
        raise ValueError(f"universe {universe.name!r} has no rebuild: it cannot replay a spec")
    return judge_episode(algorithm, universe.rebuild(witness.spec), base, tolerance)
