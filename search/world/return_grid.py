"""Gridworlds judged by return: every step costs, and the outcome is the trajectory's summary.

The gridworlds of ai-safety-gridworlds charge every step and end an episode on
the goal or in lava. A :class:`ReturnGridWorld` is a :class:`GridWorld` whose
outcome is the summary of the trajectory (:func:`mesa_types.trajectory_summary`):
``steps`` taken, ``passed:<feature>`` for each pickup collected on the way and
the features of the object it ended on, so that a
:class:`~mesa_types.ReturnObjective` scores it with its linear form. It has
the four moves only (a move into a wall is a step spent in place) and no way
to stop: an episode ends on an object or at the step limit.

Pickups are objects that pay without ending the episode (coins): stepping on
one collects it once, and the tile is plain floor afterwards. The state then
carries what was collected (:attr:`GridState.collected`), so planners search
(tile, collected) pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from pydantic import JsonValue, model_validator

from mesa_types import STEPS, FeatureVector, passed, reachable_summaries
from search.world.grid import STEPS as FOUR_MOVES
from search.world.grid import Cell, GridState, GridWorld, Move, Thing

__all__ = ["ReturnGridWorld"]


class ReturnGridWorld(GridWorld):
    """A gridworld whose outcomes are trajectory summaries: ``steps`` and the final object.

    The outcome of a state that has not ended is what waiting there brings
    about, a summary of ``max_steps`` steps, the pickups collected and no
    object: an episode that never reaches an object ends so. ``Move.STAY``,
    which is not among its actions, waits a step in place if an agent asks for
    it (a planner that finds nothing worth going to does).

    Args:
        pickups: Objects that pay ``passed:<feature>`` once when first entered
            and do not end the episode; one per tile, not on the start or an
            object. Everything else as for :class:`GridWorld`.

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

    pickups: tuple[Thing, ...] = ()

    @model_validator(mode="after")
    def _pickups_on_free_floor(self) -> ReturnGridWorld:
        taken = {self.start, *self.thing_at}
        for i, pickup in enumerate(self.pickups):
            self._check_floor(f"pickups[{i}] ({pickup.kind})", pickup.position)
            if pickup.position in taken:
                raise ValueError(f"pickups[{i}] ({pickup.kind}) shares tile {pickup.position}")
            taken.add(pickup.position)
        return self

    @cached_property
    def pickup_at(self) -> dict[Cell, Thing]:
        """The pickups by position."""
        return {p.position: p for p in self.pickups}

    def actions(self, observation: GridState) -> Sequence[Move]:
        """The four moves; there is no stopping."""
        return FOUR_MOVES

    def step(self, observation: GridState, action: Move) -> GridState:
        """A move (into a wall: a step in place); ``STAY`` waits a step."""
        if self.is_terminal(observation):
            return observation
        if action is Move.STAY:
            return GridState(
                self, observation.position, observation.time + 1, collected=observation.collected
            )
        moved = super().step(observation, action)
        collected = observation.collected
        if moved.position in self.pickup_at and moved.position not in collected:
            collected = collected | {moved.position}
        return GridState(self, moved.position, moved.time, collected=collected)

    def outcome(self, observation: GridState) -> FeatureVector:
        """The summary: the object stood on, pickups and steps taken; ``max_steps`` if going on."""
        collected = [self.pickup_at[c] for c in sorted(observation.collected)]
        thing = self.thing_at.get(observation.position)
        if thing is not None:
            return self.ending_on(thing, observation.time, collected)
        return self.ending_on(None, self.max_steps, collected)

    def ending_on(
        self, thing: Thing | None, steps: int, collected: Sequence[Thing] = ()
    ) -> FeatureVector:
        """The summary of an episode ending on ``thing`` (None: on no object) after ``steps``,
        having collected the pickups ``collected`` on the way."""
        totals = dict(thing.features) if thing is not None else {}
        for pickup in collected:
            for name, value in pickup.features.items():
                key = passed(name)
                totals[key] = totals.get(key, 0.0) + value
        totals[STEPS] = float(steps)
        return FeatureVector(totals)

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every summary an episode can end on, found by enumerating (position, time)."""
        return self.end_summaries

    @cached_property
    def end_summaries(self) -> tuple[FeatureVector, ...]:
        """What :meth:`reachable_outcomes` returns, enumerated once per world."""
        return reachable_summaries(self)

    def with_things(self, things: Sequence[Thing], name: str | None = None) -> ReturnGridWorld:
        """The same maze and pickups with other objects (validated again)."""
        return type(self)(
            rows=self.rows,
            start=self.start,
            things=tuple(things),
            pickups=self.pickups,
            max_steps=self.max_steps,
            name=name or self.name,
        )

    def spec(self) -> JsonValue:
        """This world as JSON; ``ReturnGridWorld.model_validate(spec)`` rebuilds it.

        ``pickups`` is left out when there are none, so a world without them
        has the same spec as before pickups existed.
        """
        data: JsonValue = self.model_dump(
            mode="json", exclude=set() if self.pickups else {"pickups"}
        )
        return data
