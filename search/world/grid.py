"""Gridworlds: mazes of walls and floor with coloured objects on some floor tiles.

A :class:`GridWorld` is immutable data (validated on the way in, JSON out) and
also a pure world model: ``step`` returns a new :class:`GridState` and never
changes anything, so planners search it directly. Stepping onto an object ends
the episode with that object's features as the outcome; choosing to stay ends
it with nothing (the world is static, so a deterministic agent that stays once
stays for ever).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

from mesa_types import FeatureVector

__all__ = [
    "MAX_EPISODE_STEPS",
    "MAX_SIZE",
    "MIN_SIZE",
    "Cell",
    "GridState",
    "GridWorld",
    "Move",
    "Thing",
]

Cell = tuple[int, int]
"""A tile's (row, column)."""

MIN_SIZE = 3
"""The smallest number of rows or columns a grid may have."""

MAX_SIZE = 512
"""The most rows or columns a grid may have (validating a 512x512 grid takes about a second)."""

MAX_EPISODE_STEPS = 1_000_000
"""The longest episode a world may allow (more than any path through a grid of :data:`MAX_SIZE`)."""

WALL, FLOOR = "#", "."


class Move(Enum):
    """The agent's actions: a step in one of four directions, or staying put."""

    UP = (-1, 0)
    DOWN = (1, 0)
    LEFT = (0, -1)
    RIGHT = (0, 1)
    STAY = (0, 0)

    def apply(self, cell: Cell) -> Cell:
        """The cell this move leads to from ``cell``, walls not considered."""
        dr, dc = _DELTAS[self]
        return cell[0] + dr, cell[1] + dc


_DELTAS: dict[Move, Cell] = {move: move.value for move in Move}
"""Each move's (row, column) change; a plain dict is faster than ``Enum.value`` on hot paths."""

_NOTHING = FeatureVector()
"""The outcome of ending anywhere but on an object, shared rather than rebuilt per state."""

STEPS: tuple[Move, ...] = (Move.UP, Move.DOWN, Move.LEFT, Move.RIGHT)
"""The four moves that change position, in the order planners try them."""


class Thing(BaseModel):
    """An object on a floor tile: a kind, a colour and optional extra features.

    Kinds, colours and extra features are free strings, so a user adds new ones
    without touching the library. Its features are ``kind:<kind>``,
    ``color:<color>`` and each extra name. An object has one kind and one
    colour, so an extra name may not start with ``kind:`` or ``color:``.

    Raises:
        pydantic.ValidationError: A kind or colour is empty, or an extra name
            is empty, repeated, or starts with ``kind:`` or ``color:``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    position: Cell
    kind: str = Field(min_length=1)
    color: str = Field(min_length=1)
    extra: tuple[str, ...] = ()

    @field_validator("extra")
    @classmethod
    def _plain_extra_names(cls, extra: tuple[str, ...]) -> tuple[str, ...]:
        for i, name in enumerate(extra):
            if not name:
                raise ValueError(f"extra[{i}] is empty; a feature needs a name")
            if name.startswith(("kind:", "color:")):
                raise ValueError(
                    f"extra[{i}] {name!r} would give the object a second kind or colour; "
                    "set kind or color instead"
                )
        repeated = sorted({n for n in extra if extra.count(n) > 1})
        if repeated:
            raise ValueError(f"extra names a feature more than once: {repeated}")
        return extra

    @cached_property
    def features(self) -> FeatureVector:
        """The features that hold when the agent ends on this object."""
        return FeatureVector([f"kind:{self.kind}", f"color:{self.color}", *self.extra])

    def describe(self) -> str:
        """``green exit at (13, 13)``."""
        return f"{self.color} {self.kind} at {self.position}"


@dataclass(frozen=True, slots=True)
class GridState:
    """Where the agent is in a world, and when. Also what the agent observes.

    ``collected`` holds the tiles of the pickups taken so far, in worlds that
    have pickups (:class:`~search.ReturnGridWorld`); elsewhere it stays empty.
    """

    world: GridWorld = field(compare=False, repr=False)
    position: Cell
    time: int = 0
    stopped: bool = False
    collected: frozenset[Cell] = frozenset()


class GridWorld(BaseModel):
    """One maze: an :class:`~mesa_types.Environment` of ``GridState``, ``Move``, ``FeatureVector``.

    Args:
        rows: The grid, one string per row: ``#`` for wall, ``.`` for floor.
        start: The agent's starting tile.
        things: The objects on floor tiles, at most one per tile, none on ``start``.
        max_steps: The episode ends after this many moves at the latest.
        name: A short name for reports.

    Raises:
        pydantic.ValidationError: The grid is ragged, smaller than
            :data:`MIN_SIZE` or larger than :data:`MAX_SIZE`, or has other
            characters; ``start`` or an object is off the grid or in a wall; two
            objects share a tile; an exit cannot be reached from the start
            without stepping on another object; or ``max_steps`` is not in
            ``[1, MAX_EPISODE_STEPS]``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rows: tuple[str, ...]
    start: Cell
    things: tuple[Thing, ...] = ()
    max_steps: int = Field(default=400, ge=1, le=MAX_EPISODE_STEPS)
    name: str = "maze"

    @field_validator("rows")
    @classmethod
    def _rectangular(cls, rows: tuple[str, ...]) -> tuple[str, ...]:
        if len(rows) < MIN_SIZE or any(len(r) < MIN_SIZE for r in rows):
            raise ValueError(f"a grid needs at least {MIN_SIZE} rows and {MIN_SIZE} columns")
        if len(rows) > MAX_SIZE or any(len(r) > MAX_SIZE for r in rows):
            raise ValueError(f"a grid may have at most {MAX_SIZE} rows and {MAX_SIZE} columns")
        if len({len(r) for r in rows}) != 1:
            raise ValueError("every row must have the same length")
        bad = set("".join(rows)) - {WALL, FLOOR}
        if bad:
            raise ValueError(f"rows may hold only {WALL!r} and {FLOOR!r}, found {sorted(bad)}")
        return rows

    @model_validator(mode="after")
    def _placed_on_floor(self) -> GridWorld:
        self._check_floor("start", self.start)
        seen: set[Cell] = {self.start}
        for i, thing in enumerate(self.things):
            self._check_floor(f"things[{i}] ({thing.kind})", thing.position)
            if thing.position in seen:
                raise ValueError(f"things[{i}] ({thing.kind}) shares tile {thing.position}")
            seen.add(thing.position)
        distances = self.distances_from(self.start)
        for i, thing in enumerate(self.things):
            # An object's one kind is its ``kind``: extra names cannot add ``kind:exit``.
            if thing.kind == "exit" and thing.position not in distances:
                raise ValueError(f"things[{i}]: the exit at {thing.position} cannot be reached")
        return self

    def _check_floor(self, what: str, cell: Cell) -> None:
        if not self.on_grid(cell):
            raise ValueError(f"{what} {cell} is off the {self.height}x{self.width} grid")
        if not self.is_floor(cell):
            raise ValueError(f"{what} {cell} is in a wall")

    @property
    def height(self) -> int:
        """Number of rows."""
        return len(self.rows)

    @property
    def width(self) -> int:
        """Number of columns."""
        return len(self.rows[0])

    def on_grid(self, cell: Cell) -> bool:
        """Whether ``cell`` lies inside the grid."""
        return 0 <= cell[0] < self.height and 0 <= cell[1] < self.width

    def is_floor(self, cell: Cell) -> bool:
        """Whether ``cell`` is an open tile inside the grid."""
        return cell in self.floor

    @cached_property
    def floor(self) -> frozenset[Cell]:
        """Every open tile."""
        return frozenset(
            [(r, c) for r, row in enumerate(self.rows) for c, ch in enumerate(row) if ch == FLOOR]
        )

    @cached_property
    def thing_at(self) -> dict[Cell, Thing]:
        """The objects by position."""
        return {t.position: t for t in self.things}

    @cached_property
    def pickup_at(self) -> dict[Cell, Thing]:
        """Pickups (objects that pay on the way) by position: none here, some in a return world."""
        return {}

    def neighbours(self, cell: Cell) -> Iterator[tuple[Move, Cell]]:
        """The floor tiles one move from ``cell``, in planning order."""
        for move in STEPS:
            nxt = move.apply(cell)
            if self.is_floor(nxt):
                yield move, nxt

    def distances_from(self, source: Cell) -> dict[Cell, int]:
        """Shortest move counts from ``source`` to every tile reachable without ending on the way.

        Objects end the episode, so the search does not pass through them.
        """
        floor, things = self.floor, self.thing_at
        dist = {source: 0}
        queue = deque([source])
        while queue:
            cell = queue.popleft()
            if cell != source and cell in things:
                continue
            r, c = cell
            d = dist[cell] + 1
            # The cells of :data:`STEPS` in order, without building a Move per step.
            for nxt in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if nxt in floor and nxt not in dist:
                    dist[nxt] = d
                    queue.append(nxt)
        return dist

    # --- the world model -------------------------------------------------------------

    def initial(self) -> GridState:
        """The agent at the start, at time 0."""
        return GridState(self, self.start)

    def actions(self, observation: GridState) -> Sequence[Move]:
        """All five moves; a step into a wall leaves the agent where it is."""
        return tuple(Move)

    def step(self, observation: GridState, action: Move) -> GridState:
        """The state after ``action``; terminal states do not change."""
        if self.is_terminal(observation):
            return observation
        if action is Move.STAY:
            return GridState(self, observation.position, observation.time + 1, stopped=True)
        nxt = action.apply(observation.position)
        position = nxt if self.is_floor(nxt) else observation.position
        return GridState(self, position, observation.time + 1)

    def is_terminal(self, observation: GridState) -> bool:
        """On an object, stopped, or out of time."""
        return (
            observation.stopped
            or observation.position in self.thing_at
            or observation.time >= self.max_steps
        )

    def outcome(self, observation: GridState) -> FeatureVector:
        """The features of the object the agent stands on; empty if none."""
        thing = self.thing_at.get(observation.position)
        return thing.features if thing is not None else _NOTHING

    def ending_on(
        self, thing: Thing | None, steps: int, collected: Sequence[Thing] = ()
    ) -> FeatureVector:
        """The outcome of an episode that ends on ``thing`` (None: on no object) after ``steps``.

        Here the object's features alone: a final outcome counts neither steps
        nor pickups (``collected``, which only a world judged by return has).
        The population path asks this, so a world judged by return
        (:class:`~search.ReturnGridWorld`) is batched as it is played.
        """
        return thing.features if thing is not None else _NOTHING

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Nothing, and the features of every object reachable within the step limit."""
        dist = self.distances_from(self.start)
        found = [FeatureVector()]
        found += [
            t.features for t in self.things if dist.get(t.position, 1 << 30) <= self.max_steps
        ]
        return tuple(dict.fromkeys(found))

    def spec(self) -> JsonValue:
        """This world as JSON data; ``GridWorld.model_validate(spec)`` rebuilds it."""
        data: JsonValue = self.model_dump(mode="json")
        return data

    # --- helpers for users -------------------------------------------------------------

    def with_things(self, things: Sequence[Thing], name: str | None = None) -> GridWorld:
        """The same maze with other objects (validated again)."""
        return type(self)(
            rows=self.rows,
            start=self.start,
            things=tuple(things),
            max_steps=self.max_steps,
            name=name or self.name,
        )
