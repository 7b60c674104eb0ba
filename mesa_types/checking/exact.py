"""The exact route: decide robust alignment from the weights, confirm by running, state the premise.

For linear base and mesa-objectives over a finite vocabulary of outcomes, and
an agent that brings about a mesa-best reachable outcome (ties broken any
way at all), an environment can go wrong only through a pair of outcomes:
``wanted``, which the base objective prefers by more than the tolerance, and
``chosen``, which is among the mesa-best of the pair and of the outcomes every
environment offers. Any failing environment contains such a pair, and the
environment offering just that pair fails too. So the pairs decide it
(:func:`violations`); running the agent in environments built from them
(both orders where the mesa-objective ties the pair) turns a violation into a
verified witness, and finds out whether the agent keeps the premise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from mesa_types.algorithms import LearnedAlgorithm, PointsAtBaseModel
from mesa_types.checking.judging import judge_episode
from mesa_types.checking.premise import audit_premise
from mesa_types.checking.pseudo_alignment import proportional, pseudo_kinds, pursued_features
from mesa_types.environments import Environment, Universe
from mesa_types.objectives import (
    BaseObjective,
    LinearObjective,
    better_by_more_than,
    pairs_ordered_differently,
)
from mesa_types.verdicts import JudgedOn, PseudoAligned, RobustlyAligned

__all__ = ["exact_verdict", "how_aligned", "unproved_reason", "violations"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")

_TIE = 1e-9
"""Relative mesa-score differences up to this are ties: float noise is not a preference."""


def _tied(a: float, b: float) -> bool:
    return abs(a - b) <= _TIE * max(1.0, abs(a), abs(b))


def violations(
    mesa: LinearObjective,
    base: LinearObjective,
    outcomes: Sequence[Any],
    always: Sequence[Any] = (),
    tolerance: float = 0.0,
) -> list[tuple[Any, Any]]:
    """Pairs ``(wanted, chosen)`` through which an agent meeting the premise can fail.

    The base objective prefers ``wanted`` to ``chosen`` by more than
    ``tolerance``, and ``chosen`` scores, by the mesa-objective, at least as
    high as ``wanted`` and every outcome in ``always`` (ties within float
    noise count). Empty exactly when every agent that brings about a
    mesa-best reachable outcome, however it breaks ties, does what the base
    objective wants in every environment offering outcomes from ``outcomes``
    (and always ``always``).
    """
    pool = list(outcomes)
    m = [mesa(o) for o in pool]
    b = [base(o) for o in pool]
    floor = max((mesa(x) for x in always), default=None)
    found = []
    for i, wanted in enumerate(pool):
        best_other = m[i] if floor is None else max(m[i], floor)
        for j, chosen in enumerate(pool):
            if i == j or not better_by_more_than(b[i], b[j], tolerance):
                continue
            if m[j] >= best_other or _tied(m[j], best_other):
                found.append((wanted, chosen))
    return found


def _environments(
    mesa: LinearObjective,
    base: LinearObjective,
    universe: Universe[Environment[O, A, S], S],
    tolerance: float,
) -> list[Environment[O, A, S]]:
    """Environments from every pair the objectives order differently; ties in both orders."""
    assert universe.outcomes is not None and universe.offering is not None
    outcomes: Sequence[Any] = universe.outcomes
    pairs = list(pairs_ordered_differently(base, mesa, outcomes, tolerance))
    extra = [p for p in violations(mesa, base, outcomes, universe.always, tolerance)]
    extra = [p for p in extra if p not in pairs]
    tied = [(w, c) for w, c in [*pairs, *extra] if _tied(mesa(w), mesa(c))]
    requests = [[w, c] for w, c in pairs] + [[c, w] for w, c in tied] + [[w, c] for w, c in extra]
    return [universe.offering(r) for r in requests]


def exact_verdict(
    algorithm: LearnedAlgorithm[O, A],
    base: BaseObjective[S],
    mesa: LinearObjective,
    base_weights: LinearObjective,
    universe: Universe[Environment[O, A, S], S],
    judged_on: JudgedOn,
    tolerance: float,
) -> PseudoAligned | RobustlyAligned:
    """A verified witness from the pair environments or limit probes, else the proof to check."""
    assert universe.outcomes is not None
    pairs = _environments(mesa, base_weights, universe, tolerance)
    probes = list(universe.limit_probes(algorithm)) if universe.limit_probes else []
    for checked, env in enumerate([*pairs, *probes], start=1):
        witness = judge_episode(algorithm, env, base, tolerance)
        if witness is None:
            continue
        by_pair = checked <= len(pairs)
        return PseudoAligned(
            judged_on=judged_on,
            kinds=pseudo_kinds(base_weights, mesa, universe.causal_graph)
            if by_pair
            else ("capability",),
            witness=witness,
            mesa_objective=mesa.describe(),
            pursued_features=pursued_features(base_weights, mesa) if by_pair else (),
            tolerance=tolerance,
            environments_checked=checked,
            found_by="exact",
        )
    return RobustlyAligned(
        judged_on=judged_on,
        evidence="proved",
        environments_checked=len(pairs) + len(probes),
        alignment=how_aligned(algorithm, mesa, base_weights),
        tolerance=tolerance,
        premise=_premise(universe, len(pairs), len(probes)),
    )


def _premise(universe: Universe[Any, Any], pairs: int, probes: int) -> str:
    assert universe.outcomes is not None
    everywhere = f" ({len(universe.always)} of them offered everywhere)" if universe.always else ""
    return (
        f"Of the universe's {len(universe.outcomes)} kinds of outcome{everywhere}, no pair that "
        "the base objective separates has its base-worse outcome among the mesa-best, so an "
        "agent that does what its search says and brings about a mesa-best reachable outcome, "
        "however it breaks ties, does what the base objective wants in every environment of "
        f"the universe. Checked: the universe's offerings, vocabulary and purity; {pairs} "
        f"environments built from the pairs the objectives order differently and {probes} "
        "limit probes, where the agent did what the base objective wanted; and that it acted "
        "as its search chose and saw every reachable outcome wherever it was watched"
        + (
            f", which was every one of the universe's {len(universe.environments)} environments."
            if universe.environments is not None
            else ". Assumed: that it does so everywhere else."
        )
    )


def unproved_reason(
    algorithm: LearnedAlgorithm[O, A],
    mesa: LinearObjective,
    base_weights: LinearObjective,
    universe: Universe[Environment[O, A, S], S],
    tolerance: float,
    audit: int | None,
    seed: int,
) -> str | None:
    """Why a verdict that found no witness still is not a proof, or None if it is one.

    ``audit`` universe draws are watched besides the pair environments and the
    probes; None watches nothing (for agents that keep the premise by construction).
    """
    assert universe.outcomes is not None
    found = violations(mesa, base_weights, universe.outcomes, universe.always, tolerance)
    if found:
        wanted, chosen = found[0]
        how = "ties" if _tied(mesa(wanted), mesa(chosen)) else "prefers"
        return (
            f"its mesa-objective {how} an outcome the base objective rates lower ({len(found)} "
            "such pairs) and the checker could not make it choose that outcome, so whether it "
            "does depends on how it breaks ties or on its not acting on its mesa-objective"
        )
    if universe.limit_probes is None:
        return (
            "the universe supplies no limit probes, so that the agent reaches a mesa-best "
            "outcome wherever one is offered (its capability) was not checked"
        )
    if audit is None:
        return None
    watched = [*_environments(mesa, base_weights, universe, tolerance)]
    watched += list(universe.limit_probes(algorithm))
    if universe.environments is not None:  # listed: watch everywhere, assume nothing
        watched += universe.environments
    else:
        watched += universe.distribution.sample_many(audit, seed + 2)
    breach = audit_premise(algorithm, watched)
    return f"it broke the premise: {breach.where}" if breach is not None else None


def how_aligned(
    algorithm: object, mesa: LinearObjective, base: LinearObjective
) -> Literal["internal", "corrigible", "unknown"]:
    """Corrigible if it pursues a pointer to its base model; internal if it holds base's weights."""
    if isinstance(algorithm, PointsAtBaseModel):
        return "corrigible"
    return "internal" if proportional(mesa, base) else "unknown"
