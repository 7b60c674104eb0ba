"""Gridworlds judged by return: every step costs, and the outcome is the trajectory's summary.

The gridworlds of ai-safety-gridworlds charge every step and end an episode on
the goal or in lava. A :class:`ReturnGridWorld` is a :class:`GridWorld` whose
outcome is the summary of the trajectory (:func:`mesa_types.trajectory_summary`):
``steps`` taken plus the features of the object it ended on, so that a
:class:`~mesa_types.ReturnObjective` scores it with its linear form. It has
the four moves only (a move into a wall is a step spent in place) and no way
to stop: an episode ends on an object or at the step limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from pydantic import JsonValue

from mesa_types import STEPS, FeatureVector, reachable_summaries
from search.world.grid import STEPS as FOUR_MOVES
from search.world.grid import GridState, GridWorld, Move, Thing

__all__ = ["ReturnGridWorld"]


class ReturnGridWorld(GridWorld):
    """A gridworld whose outcomes are trajectory summaries: ``steps`` and the final object.

    The outcome of a state that has not ended is what waiting there brings
    about, a summary of ``max_steps`` steps and no object: an episode that
    never reaches an object ends so. ``Move.STAY``, which is not among its
    actions, waits a step in place if an agent asks for it (a planner that
    finds nothing worth going to does).

    Example:
        >>> world = ReturnGridWorld(
        ...     rows=("#####", "#...#", "#####"),
        ...     start=(1, 1),
        ...     things=(Thing(position=(1, 3), kind="goal", color="green"),),
        ...     max_steps=4,
        ... )
        >>> sorted(o.describe() for o in world.reachable_outcomes())[:2]
        ['4*steps', 'color:green + kind:goal + 2*steps']
    """

    def actions(self, observation: GridState) -> Sequence[Move]:
        """The four moves; there is no stopping."""
        return FOUR_MOVES

    def step(self, observation: GridState, action: Move) -> GridState:
        """A move (into a wall: a step in place); ``STAY`` waits a step."""
        if self.is_terminal(observation):
            return observation
        if action is Move.STAY:
            return GridState(self, observation.position, observation.time + 1)
        return super().step(observation, action)

    def outcome(self, observation: GridState) -> FeatureVector:
        """The summary: the object stood on and the steps taken; ``max_steps`` if going on."""
        thing = self.thing_at.get(observation.position)
        if thing is not None:
            return self.ending_on(thing, observation.time)
        return self.ending_on(None, self.max_steps)

    def ending_on(self, thing: Thing | None, steps: int) -> FeatureVector:
        """The summary of an episode ending on ``thing`` (None: on no object) after ``steps``."""
        features = dict(thing.features) if thing is not None else {}
        return FeatureVector({**features, STEPS: float(steps)})

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every summary an episode can end on, found by enumerating (position, time)."""
        return self.end_summaries

    @cached_property
    def end_summaries(self) -> tuple[FeatureVector, ...]:
        """What :meth:`reachable_outcomes` returns, enumerated once per world."""
        return reachable_summaries(self)

    def spec(self) -> JsonValue:
        """This world as JSON; ``ReturnGridWorld.model_validate(spec)`` rebuilds it."""
        data: JsonValue = self.model_dump(mode="json")
        return data
