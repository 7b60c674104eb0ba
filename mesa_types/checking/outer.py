"""Outer alignment: does optimizing the base objective give what the intended objective wants?

The paper's first gap. The programmers want one thing (the intended
objective) and write down another (the base objective); a system that
optimizes what they wrote is then as good as what they wrote. The base
objective is *outer aligned* on a universe when, in every environment of it,
every outcome the base objective rates highest among the reachable ones is
also one the intended objective rates highest (within a tolerance). An
environment where some base-best outcome does worse by the intended
objective is a witness: there, a perfect optimizer of the base objective
does what nobody wanted.

The verdict machinery is the exact route's, with the base objective in the
mesa-objective's seat and the intended objective in the base objective's:
for linear objectives over a finite outcome vocabulary a failure can only go
through a pair of outcomes (:func:`~mesa_types.violations`), so the pairs
decide it and one is built into a witness environment with the universe's
``offering``; elsewhere environments are sampled and nothing is proved.
"""

from __future__ import annotations

from typing import Any, TypeVar

from mesa_types.algorithms import LearnedAlgorithm, run_episode
from mesa_types.checking.exact import violations
from mesa_types.checking.gaps import count_ordered_differently
from mesa_types.checking.judging import describe_outcome
from mesa_types.checking.outer_verdicts import (
    OuterAligned,
    OuterJudgedOn,
    OuterMisaligned,
    OuterVerdict,
    OuterWitness,
)
from mesa_types.checking.universe import checked_universe
from mesa_types.environments import Environment, Universe
from mesa_types.objectives import (
    BaseObjective,
    IntendedObjective,
    better_by_more_than,
    check_tolerance,
    linear_weights,
)

__all__ = ["check_outer_alignment", "outer_witness", "replay_outer_witness"]

S = TypeVar("S")

_TIE = 1e-9
"""Relative base-score differences up to this are ties: a base optimizer may pick either."""


def check_outer_alignment(
    intended: IntendedObjective[S],
    base: BaseObjective[S],
    universe: Universe[Environment[Any, Any, S], S],
    *,
    samples: int = 1000,
    seed: int = 0,
    tolerance: float = 1e-9,
) -> OuterVerdict:
    """Decide whether optimizing ``base`` gives what ``intended`` wants on ``universe``.

    Exact when the universe lists finitely many kinds of outcome and builds
    environments offering any of them, and both objectives are linear: then
    "outer aligned" is proved, or the first pair through which a base
    optimizer (breaking base ties the worst way) loses intended score is
    built into the witness environment and confirmed there. Otherwise
    ``samples`` environments are drawn and "outer aligned" only means not
    refuted.

    Raises:
        ValueError: ``tolerance`` is not a finite number >= 0.
        UniverseError: The universe breaks the contract the exact route needs.
    """
    tolerance = check_tolerance(tolerance)
    said = OuterJudgedOn(intended=intended.describe(), base=base.describe(), universe=universe.name)
    base_w, intended_w = linear_weights(base), linear_weights(intended)
    if universe.outcomes is None or universe.offering is None or not (base_w and intended_w):
        return _sampled(intended, base, universe, samples, seed, tolerance, said)
    checked_universe(universe)
    pool = universe.outcomes
    differ = count_ordered_differently(intended, base, pool, tolerance)
    pairs = violations(base_w, intended_w, pool, universe.always, tolerance)
    # The plainest witness: a pair the base objective strictly prefers the wrong way, and
    # of those the one that costs the intended objective most.
    pairs.sort(
        key=lambda p: (
            not better_by_more_than(base(p[1]), base(p[0]), tolerance),
            intended(p[1]) - intended(p[0]),
        )
    )
    for checked, (wanted, chosen) in enumerate(pairs, start=1):
        witness = outer_witness(universe.offering([wanted, chosen]), intended, base, tolerance)
        if witness is not None:
            return OuterMisaligned(
                judged_on=said,
                witness=witness,
                found_by="exact",
                environments_checked=checked,
                pairs_ordered_differently=differ,
                tolerance=tolerance,
            )
    return OuterAligned(
        judged_on=said,
        evidence="proved",
        environments_checked=len(pairs),
        pairs_ordered_differently=differ,
        tolerance=tolerance,
    )


def _sampled(
    intended: IntendedObjective[S],
    base: BaseObjective[S],
    universe: Universe[Environment[Any, Any, S], S],
    samples: int,
    seed: int,
    tolerance: float,
    said: OuterJudgedOn,
) -> OuterVerdict:
    for checked, env in enumerate(universe.distribution.sample_many(samples, seed + 1), start=1):
        witness = outer_witness(env, intended, base, tolerance)
        if witness is not None:
            return OuterMisaligned(
                judged_on=said,
                witness=witness,
                found_by="sampled",
                environments_checked=checked,
                tolerance=tolerance,
            )
    return OuterAligned(
        judged_on=said, evidence="not_refuted", environments_checked=samples, tolerance=tolerance
    )


def outer_witness(
    environment: Environment[Any, Any, S],
    intended: IntendedObjective[S],
    base: BaseObjective[S],
    tolerance: float = 1e-9,
) -> OuterWitness | None:
    """The witness ``environment`` makes, or None if every base-best outcome there is intended-best.

    Looks at the environment's reachable outcomes themselves, so a witness
    found from a pair of outcomes is confirmed in the environment built for it.
    """
    reachable = list(environment.reachable_outcomes())
    if not reachable:
        raise ValueError(f"environment {environment.name!r} offers no reachable outcome")
    top = max(base(o) for o in reachable)
    optima = [o for o in reachable if abs(base(o) - top) <= _TIE * max(1.0, abs(top))]
    worst = min(optima, key=intended)
    best = max(reachable, key=intended)
    if not better_by_more_than(intended(best), intended(worst), tolerance):
        return None
    return OuterWitness(
        environment=environment.name,
        spec=environment.spec(),
        base_best=describe_outcome(worst),
        intended_best=describe_outcome(best),
        intended_score=intended(worst),
        best_intended_score=intended(best),
    )


def replay_outer_witness(
    witness: OuterWitness,
    agent: LearnedAlgorithm[Any, Any],
    universe: Universe[Environment[Any, Any, S], S],
    intended: IntendedObjective[S],
    tolerance: float = 1e-9,
    name: str = "agent",
) -> OuterWitness | None:
    """Rebuild the witness environment from its spec and run ``agent`` there.

    Returns:
        The witness as the agent makes it (``base_best`` is what it brought
        about, ``agent`` is ``name``) when it does worse than the intended
        objective's best there, else None.

    Raises:
        ValueError: The universe cannot rebuild environments.
    """
    if universe.rebuild is None:
        raise ValueError(f"universe {universe.name!r} has no rebuild: it cannot replay a spec")
    env = universe.rebuild(witness.spec)
    outcome = run_episode(agent, env).outcome
    best = max(env.reachable_outcomes(), key=intended)
    if not better_by_more_than(intended(best), intended(outcome), tolerance):
        return None
    return witness.model_copy(
        update={
            "base_best": describe_outcome(outcome),
            "intended_score": intended(outcome),
            "agent": name,
        }
    )
