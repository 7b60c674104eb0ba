"""Any environment judged by return: its outcomes become trajectory summaries.

:class:`Trajectories` wraps an environment whose outcomes are features (the
features of the state the agent is in) and makes each state carry the summary
of the trajectory that reached it (:func:`~mesa_types.trajectory_summary`):
steps taken, features met on the way, terminal features. Its outcome is that
summary, so a :class:`~mesa_types.ReturnObjective` scores it with its linear
form and every checker judges the environment by return. Nothing about the
wrapped environment changes; a world that is not wrapped keeps its final outcomes.

:func:`reachable_summaries` enumerates every summary an environment can end
on, for "what was wanted". It is finite because episodes are bounded by
``max_steps``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import JsonValue

from mesa_types.environments import Environment, WorldModel
from mesa_types.features import FeatureVector
from mesa_types.returns import STEPS, _check_discount, passed

__all__ = ["Trajectories", "TrajectoryState", "reachable_summaries"]

O = TypeVar("O", bound=Hashable)
A = TypeVar("A")
S = TypeVar("S")

MAX_STATES = 1_000_000
"""The most (state, summary) pairs :func:`reachable_summaries` visits before it gives up."""


@dataclass(frozen=True, slots=True)
class TrajectoryState(Generic[O]):
    """A state of the wrapped environment, with the summary of how it was reached."""

    observation: O
    steps: int = 0
    summary: FeatureVector = field(default_factory=FeatureVector)
    ended: bool = False


@dataclass(frozen=True)
class Trajectories(Generic[O, A]):
    """``inner`` judged by return: ``Environment[TrajectoryState[O], A, FeatureVector]``.

    Args:
        inner: An environment whose outcome is the features of the current state.
        discount: Weighs step ``t`` by ``discount ** t`` in the summary; 1 for none.

    Example:
        >>> from mesa_types.examples import TreeEnvironment
        >>> a, b = FeatureVector(["f:a"]), FeatureVector(["f:b"])
        >>> env = Trajectories(TreeEnvironment(((a, b), b)))
        >>> [s.describe() for s in env.reachable_outcomes()]
        ['f:b + steps', 'f:a + 2*steps', 'f:b + 2*steps']
    """

    inner: Environment[O, A, FeatureVector]
    discount: float = 1.0

    def __post_init__(self) -> None:
        _check_discount(self.discount)

    @property
    def name(self) -> str:
        """The wrapped environment's name."""
        return self.inner.name

    @property
    def max_steps(self) -> int:
        """The wrapped environment's step limit."""
        return self.inner.max_steps

    def initial(self) -> TrajectoryState[O]:
        """The wrapped start, no step taken."""
        start = self.inner.initial()
        return TrajectoryState(start, ended=self.inner.is_terminal(start))

    def actions(self, observation: TrajectoryState[O]) -> Sequence[A]:
        """The wrapped environment's actions."""
        return self.inner.actions(observation.observation)

    def step(self, observation: TrajectoryState[O], action: A) -> TrajectoryState[O]:
        """The wrapped step, with the state entered added to the summary."""
        if self.is_terminal(observation):
            return observation
        entered = self.inner.step(observation.observation, action)
        ended = self.inner.is_terminal(entered)
        weight = self.discount**observation.steps
        totals = dict(observation.summary)
        totals[STEPS] = totals.get(STEPS, 0.0) + weight
        for name, value in self.inner.outcome(entered).items():
            key = name if ended else passed(name)
            totals[key] = totals.get(key, 0.0) + weight * value
        return TrajectoryState(entered, observation.steps + 1, FeatureVector(totals), ended)

    def is_terminal(self, observation: TrajectoryState[O]) -> bool:
        """Ended in the wrapped environment, or out of steps."""
        return observation.ended or observation.steps >= self.max_steps

    def outcome(self, observation: TrajectoryState[O]) -> FeatureVector:
        """The summary of the trajectory so far."""
        return observation.summary

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every summary an episode can end on."""
        return reachable_summaries(self)

    def spec(self) -> JsonValue:
        """The wrapped spec, with the discount."""
        return {"returns": {"discount": self.discount}, "environment": self.inner.spec()}


def reachable_summaries(
    model: WorldModel[Any, Any, S], max_steps: int | None = None
) -> tuple[S, ...]:
    """The outcomes of every state an episode can end in, each once, in breadth-first order.

    An episode ends on a terminal state, or on any state once ``max_steps``
    (default: the model's own) steps are taken. States must be hashable and
    each is expanded once, so a state must carry whatever its future depends
    on (the time, when the step limit matters).

    Raises:
        ValueError: More than :data:`MAX_STATES` states are reachable.
    """
    limit = max_steps if max_steps is not None else getattr(model, "max_steps", None)
    start = model.initial()
    depth: dict[Any, int] = {start: 0}
    queue = deque([start])
    found: dict[S, None] = {}
    while queue:
        state = queue.popleft()
        if model.is_terminal(state) or (limit is not None and depth[state] >= limit):
            found.setdefault(model.outcome(state), None)
            continue
        for action in model.actions(state):
            child = model.step(state, action)
            if child not in depth:
                if len(depth) >= MAX_STATES:
                    raise ValueError(f"more than {MAX_STATES} states are reachable; too many")
                depth[child] = depth[state] + 1
                queue.append(child)
    return tuple(found)
