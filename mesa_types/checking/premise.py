"""Checking the premise of a proof on the episodes the checker runs: does the agent do what it says?

The exact check proves robust alignment for an agent that does what its
search says and whose search sees what there is. Neither can be read off the
agent's claims; both can be watched. :func:`audit_premise` runs an optimizer
in environments and checks, step by step, that

- what it does is what its search chose (``act`` is ``decide``'s action), and
  each trace scores its candidates with the agent's own objective and picks a
  best one;
- its first search in an environment scored only outcomes that are really
  reachable there, and every one of them (it saw what there was to see);
- the episode ends on an outcome as good, by its own objective, as the one its
  first search chose (it carried out its plan).

A violation is returned as a sentence naming the environment; the checker
then refuses to call the agent proved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

from mesa_types.algorithms import Decision
from mesa_types.checking.judging import describe_outcome
from mesa_types.environments import Environment
from mesa_types.objectives import Objective

__all__ = ["Breach", "audit_premise"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")

_TIE = 1e-9
"""Relative score differences up to this are float noise, not a preference."""


@dataclass(frozen=True, slots=True)
class Breach:
    """How an agent broke the premise, and where.

    Attributes:
        where: A sentence naming the environment and what happened.
        fabricated: Its search scored outcomes the environment does not offer, or
            it did not carry out what its search chose: its traces are no record
            of a real search, so it is not shown to be an optimizer at all.
    """

    where: str
    fabricated: bool


@runtime_checkable
class _Searches(Protocol):
    @property
    def objective(self) -> Objective[Any]: ...

    def decide(self, observation: Any, /) -> Decision[Any, Any]: ...

    def act(self, observation: Any, /) -> Any: ...


def audit_premise(agent: object, environments: Iterable[Environment[Any, Any, S]]) -> Breach | None:
    """The first way ``agent`` breaks the proof's premise in ``environments``, or None.

    Args:
        agent: An optimizer: an explicit ``objective``, ``decide`` with traces, ``act``.
        environments: Where to watch it; each is run once, to its end.

    Returns:
        Where and how the premise failed, or None if it held everywhere.
    """
    if not isinstance(agent, _Searches):
        return Breach("it exposes no objective and search to check its actions against", True)
    for env in environments:
        found = _audit_episode(agent, env)
        if found is not None:
            return Breach(f"in {env.name!r} {found.where}", found.fabricated)
    return None


def _audit_episode(agent: _Searches, env: Environment[Any, Any, Any]) -> Breach | None:
    observation = env.initial()
    first = agent.decide(observation)
    problem = _first_search(first, env)
    if problem is not None:
        return problem
    for step in range(env.max_steps):
        if env.is_terminal(observation):
            break
        decision = first if step == 0 else agent.decide(observation)
        if not decision.trace.is_faithful_to(agent.objective):
            where = f"its trace at step {step} does not choose a best candidate by its objective"
            return Breach(where, False)
        action = agent.act(observation)
        if action != decision.action:
            where = f"it did {action!r} at step {step} where its search chose {decision.action!r}"
            return Breach(where, False)
        observation = env.step(observation, action)
    return _carried_out(agent, first, env.outcome(observation))


def _first_search(decision: Decision[Any, Any], env: Environment[Any, Any, Any]) -> Breach | None:
    scored = set(decision.trace.candidates)
    reachable = set(env.reachable_outcomes())
    if not scored <= reachable:
        fabricated = sorted(describe_outcome(o) for o in scored - reachable)
        where = f"its search scored outcomes that are not reachable there: {', '.join(fabricated)}"
        return Breach(where, True)
    if not reachable <= scored:
        unseen = sorted(describe_outcome(o) for o in reachable - scored)
        where = f"its search did not see every reachable outcome: it missed {', '.join(unseen)}"
        return Breach(where, False)
    return None


def _carried_out(agent: _Searches, decision: Decision[Any, Any], outcome: object) -> Breach | None:
    trace = decision.trace
    planned = trace.scores[trace.chosen]
    got = agent.objective(outcome)
    if got < planned - _TIE * max(1.0, abs(planned)):
        where = (
            f"it ended on {describe_outcome(outcome)} (score {got:g}) although its search chose "
            f"{describe_outcome(trace.candidates[trace.chosen])} (score {planned:g})"
        )
        return Breach(where, True)
    return None
