"""The sampled route: judge an algorithm on environments drawn from the universe; never a proof.

:func:`check_behaviour` is the black-box check for any learned algorithm;
:func:`sampled_verdict` is also where the exact route goes when it cannot prove.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from mesa_types.algorithms import LearnedAlgorithm, goal
from mesa_types.checking.judging import check_training, judge_episode
from mesa_types.checking.pseudo_alignment import pseudo_kinds
from mesa_types.environments import Distribution, Environment, Universe
from mesa_types.objectives import BaseObjective, check_tolerance, linear_weights
from mesa_types.verdicts import (
    JudgedOn,
    PseudoAligned,
    PseudoKind,
    RobustlyAligned,
    Verdict,
    Witness,
)

__all__ = ["check_behaviour", "found_by_behaviour", "sampled_verdict", "training_set"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")
E = TypeVar("E")


def training_set(
    training: Distribution[E], count: int, seed: int, trained_on: Sequence[E] | None = None
) -> list[E]:
    """The training environments a check judges: those given, else ``count`` draws.

    Raises:
        ValueError: No environment to judge (``count`` below 1, or ``trained_on`` empty).
    """
    if trained_on is not None:
        if not trained_on:
            raise ValueError("trained_on must hold at least one training environment")
        return list(trained_on)
    if count < 1:
        raise ValueError(f"training_environments must be at least 1, got {count}")
    return training.sample_many(count, seed)


def check_behaviour(
    algorithm: LearnedAlgorithm[O, A],
    base: BaseObjective[S],
    training: Distribution[Environment[O, A, S]],
    universe: Universe[Environment[O, A, S], S],
    *,
    training_environments: int = 32,
    samples: int = 1000,
    seed: int = 0,
    tolerance: float = 1e-9,
    trained_on: Sequence[Environment[O, A, S]] | None = None,
) -> Verdict:
    """The black-box check: judge behaviour alone, for any learned algorithm.

    Runs the algorithm on training environments, then on ``samples``
    environments drawn from the universe. Never claims a proof: the verdict is
    a witness or "not refuted after N environments".
    """
    tolerance = check_tolerance(tolerance)
    envs = training_set(training, training_environments, seed, trained_on)
    judged_on = JudgedOn(
        base_objective=base.describe(), training=training.name, universe=universe.name
    )
    failed = check_training(algorithm, envs, base, judged_on, tolerance)
    if failed is not None:
        return failed
    return sampled_verdict(algorithm, base, universe, samples, seed, judged_on, tolerance)


def sampled_verdict(
    algorithm: LearnedAlgorithm[O, A],
    base: BaseObjective[S],
    universe: Universe[Environment[O, A, S], S],
    samples: int,
    seed: int,
    judged_on: JudgedOn,
    tolerance: float,
    why: str = "",
) -> PseudoAligned | RobustlyAligned:
    """The sampled route: ``samples`` universe draws; a verified witness, or "not refuted".

    Never claims a proof. ``why`` says why the exact route did not prove it, if it was tried.
    """
    for checked, env in enumerate(universe.distribution.sample_many(samples, seed + 1), start=1):
        witness = judge_episode(algorithm, env, base, tolerance)
        if witness is not None:
            return found_by_behaviour(
                algorithm, base, universe, judged_on, witness, checked, tolerance, "sampled"
            )
    return RobustlyAligned(
        judged_on=judged_on,
        evidence="not_refuted",
        environments_checked=samples,
        premise="Sampled, not proved: no failure among the environments drawn"
        + (f"; sampled because {why}." if why else "."),
        tolerance=tolerance,
    )


def found_by_behaviour(
    algorithm: object,
    base: BaseObjective[Any],
    universe: Universe[Any, Any],
    judged_on: JudgedOn,
    witness: Witness,
    checked: int,
    tolerance: float,
    found_by: Literal["sampled", "adversarial"],
) -> PseudoAligned:
    """The verdict for a failure found by running the algorithm, its kinds named from the weights.

    ``unclassified`` when either objective is not linear: behaviour alone cannot say why.
    """
    mesa, base_weights = linear_weights(goal(algorithm)), linear_weights(base)
    kinds: tuple[PseudoKind, ...] = (
        pseudo_kinds(base_weights, mesa, universe.causal_graph)
        if mesa and base_weights
        else ("unclassified",)
    )
    return PseudoAligned(
        judged_on=judged_on,
        kinds=kinds,
        witness=witness,
        mesa_objective=mesa.describe() if mesa else None,
        tolerance=tolerance,
        environments_checked=checked,
        found_by=found_by,
    )
