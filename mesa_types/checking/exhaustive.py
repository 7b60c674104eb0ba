"""The exact route for a universe that lists its environments and no outcome vocabulary.

Judged by return, what an environment offers is a set of trajectory summaries
(:func:`~mesa_types.reachable_summaries`), different in every environment and
not built from a shared vocabulary of outcomes, so environments cannot be made
to order (there is no ``offering``). When the universe is a short list of
environments, each of which can be enumerated, robust alignment is decided
environment by environment instead: the agent is run in every one of them;
every reachable summary is scored by both objectives; and the agent is called
proved only if, in each environment, it ended on a mesa-best summary (checked
against the enumeration, not assumed), it did what its search said, and every
mesa-best summary is one the base objective rates best within the tolerance,
so that how it breaks ties cannot matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from mesa_types.algorithms import Decision, LearnedAlgorithm, run_episode
from mesa_types.checking.exact import how_aligned
from mesa_types.checking.judging import describe_outcome, witness_of
from mesa_types.checking.pseudo_alignment import pseudo_kinds, pursued_features
from mesa_types.environments import Environment, Universe
from mesa_types.objectives import BaseObjective, LinearObjective, Objective, better_by_more_than
from mesa_types.verdicts import JudgedOn, PseudoAligned, RobustlyAligned

__all__ = ["exhaustive_verdict", "lists_environments"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")

_TIE = 1e-9
"""Relative mesa-score differences up to this are ties: float noise is not a preference."""


@runtime_checkable
class _Searches(Protocol):
    @property
    def objective(self) -> Objective[Any]: ...

    def decide(self, observation: Any, /) -> Decision[Any, Any]: ...

    def act(self, observation: Any, /) -> Any: ...


def lists_environments(universe: Universe[Any, Any]) -> bool:
    """Whether the exhaustive route is the exact one for ``universe``.

    It is when the universe lists its environments and has no outcome
    vocabulary to build environments from (a universe judged by return).
    """
    return (
        universe.environments is not None
        and universe.outcomes is None
        and universe.offering is None
    )


def exhaustive_verdict(
    algorithm: LearnedAlgorithm[O, A],
    base: BaseObjective[S],
    mesa: LinearObjective,
    base_weights: LinearObjective,
    universe: Universe[Environment[O, A, S], S],
    judged_on: JudgedOn,
    tolerance: float,
) -> tuple[PseudoAligned | RobustlyAligned, str | None]:
    """A verified witness, or the verdict with why it is not a proof (None if it is one)."""
    assert universe.environments is not None
    envs: Sequence[Environment[O, A, S]] = universe.environments
    reasons: list[str] = []
    summaries = 0
    for checked, env in enumerate(envs, start=1):
        reachable = list(env.reachable_outcomes())
        summaries += len(reachable)
        outcome = run_episode(algorithm, env).outcome
        witness = witness_of(outcome, env, base, tolerance)
        if witness is not None:
            return PseudoAligned(
                judged_on=judged_on,
                kinds=pseudo_kinds(base_weights, mesa, universe.causal_graph),
                witness=witness,
                mesa_objective=mesa.describe(),
                pursued_features=pursued_features(base_weights, mesa),
                tolerance=tolerance,
                environments_checked=checked,
                found_by="exact",
            ), None
        why = _unproved_in(algorithm, env, outcome, reachable, base, mesa, tolerance)
        if why is not None:
            reasons.append(why)
    premise = (
        f"Every one of the universe's {len(envs)} environments was enumerated "
        f"({summaries} reachable trajectory summaries in all) and the agent was run in each: "
        "it did what its search chose at every step, ended on a summary its mesa-objective "
        "rates best among those reachable there, and every such mesa-best summary is one the "
        "base objective rates best within the tolerance, so its tie-break cannot matter. "
        "Assumed: nothing beyond the list."
    )
    verdict = RobustlyAligned(
        judged_on=judged_on,
        evidence="proved",
        environments_checked=len(envs),
        alignment=how_aligned(algorithm, mesa, base_weights),
        tolerance=tolerance,
        premise=premise,
    )
    return verdict, "; ".join(reasons) if reasons else None


def _unproved_in(
    algorithm: object,
    env: Environment[Any, Any, Any],
    outcome: Any,
    reachable: Sequence[Any],
    base: BaseObjective[Any],
    mesa: LinearObjective,
    tolerance: float,
) -> str | None:
    """Why the run in ``env`` proves nothing about other tie-breaks, or None."""
    unfaithful = _unfaithful(algorithm, env)
    if unfaithful is not None:
        return f"in {env.name!r} {unfaithful}"
    mesa_scores = [mesa(o) for o in reachable]
    top = max(mesa_scores)
    got = mesa(outcome)
    if got < top and not _tied(got, top):
        return (
            f"in {env.name!r} it ended on {describe_outcome(outcome)}, which its mesa-objective "
            f"rates {got:g}, below the {top:g} it could reach"
        )
    base_best = max(base(o) for o in reachable)
    for o, m in zip(reachable, mesa_scores, strict=True):
        if _tied(m, top) and better_by_more_than(base_best, base(o), tolerance):
            return (
                f"in {env.name!r} its mesa-objective rates {describe_outcome(o)} as high as what "
                "it did, and the base objective rates that lower: its tie-break decides"
            )
    return None


def _unfaithful(algorithm: object, env: Environment[Any, Any, Any]) -> str | None:
    """How the agent failed to do what its search chose, step by step, or None."""
    if not isinstance(algorithm, _Searches):
        return "it exposes no search to check its actions against"
    observation = env.initial()
    for step in range(env.max_steps):
        if env.is_terminal(observation):
            break
        decision = algorithm.decide(observation)
        if not decision.trace.is_faithful_to(algorithm.objective):
            return f"its trace at step {step} does not choose a best candidate by its objective"
        action = algorithm.act(observation)
        if action != decision.action:
            return f"it did {action!r} at step {step} where its search chose {decision.action!r}"
        observation = env.step(observation, action)
    return None


def _tied(a: float, b: float) -> bool:
    return abs(a - b) <= _TIE * max(1.0, abs(a), abs(b))
