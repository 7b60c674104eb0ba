"""Building gridworlds from a recipe: where objects go, and the witness corridor.

Objects are placed on tiles where none blocks the path from the start to
another, within a reach of the start; a recipe names a maze's size and the
objects it holds, optionally with the exit fixed in the far corner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

import numpy as np

from mesa_types import FeatureVector
from search.world.compiled import uses_kernels
from search.world.grid import MAX_SIZE, Cell, GridWorld, Thing
from search.world.mazes import drawn_tree, perfect_maze
from search.world.trees import CompiledTree, FloorTree

__all__ = [
    "MAX_STEPS",
    "MazeRecipe",
    "Placement",
    "corridor_world",
    "draw_maze",
    "place_things",
    "sample_maze",
    "thing_from_features",
]

MAX_STEPS = 400
"""The step limit of every maze built here."""


@dataclass(frozen=True, slots=True)
class Placement:
    """An object to place: its features, and how many moves from the start it may lie."""

    features: FeatureVector
    nearest: int = 1
    farthest: int = 1 << 30

    @classmethod
    def of(cls, kind: str, color: str, farthest: int = 1 << 30) -> Placement:
        """A plain object of ``kind`` and ``color`` within ``farthest`` moves."""
        return cls(_plain_features(kind, color), farthest=farthest)


@lru_cache(maxsize=256)
def _plain_features(kind: str, color: str) -> FeatureVector:
    """``kind:<kind>`` and ``color:<color>``, built once per pair (every maze asks again)."""
    return FeatureVector([f"kind:{kind}", f"color:{color}"])


B = TypeVar("B")
"""How a tree marks blocked tiles."""


class _Tree(Protocol[B]):
    """What placing objects asks of a floor's tree: :class:`FloorTree` or :class:`CompiledTree`."""

    def depth_of(self, cell: Cell) -> int: ...

    def cell(self, index: int) -> Cell: ...

    def blocked_by(self, occupied: list[Cell]) -> B: ...

    def choose(
        self, blocked: B, bounds: list[tuple[int, int]], rng: np.random.Generator
    ) -> list[int] | None: ...


Wanted = Callable[[np.random.Generator], Sequence[tuple[str, str]]]
"""Draws the (kind, colour) of each object a maze should hold."""


@dataclass(frozen=True)
class MazeRecipe:
    """How to draw one kind of maze: its side, its objects, and where the exit goes.

    Attributes:
        name: The name every maze drawn gets.
        sizes: The sides to choose from, one drawn per maze.
        wanted: Draws the objects, as (kind, colour) pairs.
        exit_corner: If given, an exit of this colour sits in the far corner.
        description: What a distribution of these mazes is called; ``name`` if empty.
    """

    name: str
    sizes: tuple[int, ...]
    wanted: Wanted
    exit_corner: str | None = None
    description: str = ""

    def draw(self, rng: np.random.Generator, reach: int) -> GridWorld:
        """One maze, every object within ``reach`` moves of the start."""
        side = self.sizes[0] if len(self.sizes) == 1 else int(rng.choice(self.sizes))

        def placements(r: np.random.Generator) -> list[Placement]:
            return [Placement.of(kind, color, reach) for kind, color in self.wanted(r)]

        corner = None if self.exit_corner is None else (self.exit_corner, reach)
        return draw_maze(rng, side, placements, self.name, corner)


def thing_from_features(position: Cell, features: FeatureVector) -> Thing:
    """The object whose features are ``features``: one ``kind:``, one ``color:``, the rest extra."""
    kind, color, extra = _thing_parts(features)
    return Thing(position=position, kind=kind, color=color, extra=extra)


@lru_cache(maxsize=256)
def _thing_parts(features: FeatureVector) -> tuple[str, str, tuple[str, ...]]:
    """The kind, colour and extra names of ``features``, split once per vector."""
    kinds = [n.removeprefix("kind:") for n in features if n.startswith("kind:")]
    colors = [n.removeprefix("color:") for n in features if n.startswith("color:")]
    if len(kinds) != 1 or len(colors) != 1:
        raise ValueError(f"an object needs one kind and one colour, got {features.describe()}")
    extra = tuple(n for n in features if not n.startswith(("kind:", "color:")))
    return kinds[0], colors[0], extra


def corridor_world(
    near: FeatureVector, far: FeatureVector, far_distance: int = 2, name: str = "witness"
) -> GridWorld:
    """A straight corridor: ``near`` one move left of the start, ``far`` ``far_distance`` right.

    The empty feature vector places nothing. Used to turn a pair of outcomes
    into a witness environment where the agent can reach both.
    """
    if far_distance < 1:
        raise ValueError(f"far_distance must be at least 1, got {far_distance}")
    width = far_distance + 4
    start = (1, 2)
    things = [thing_from_features((1, 1), near)] if near else []
    if far:
        things.append(thing_from_features((1, 2 + far_distance), far))
    rows = ("#" * width, "#" + "." * (width - 2) + "#", "#" * width)
    return GridWorld(rows=rows, start=start, things=tuple(things), max_steps=MAX_STEPS, name=name)


def place_things(
    rows: tuple[str, ...],
    start: Cell,
    placements: Sequence[Placement],
    rng: np.random.Generator,
    fixed: Sequence[Thing] = (),
) -> list[Thing] | None:
    """Place objects where none blocks another, each within its distance bounds from ``start``.

    Returns ``None`` when the maze has no room left, so the caller can draw another maze.
    """
    if uses_kernels(rng):
        return _place(CompiledTree.of_rows(rows, start), placements, rng, fixed)
    return _place(FloorTree(rows, start), placements, rng, fixed)


def _place(
    tree: _Tree[B],
    placements: Sequence[Placement],
    rng: np.random.Generator,
    fixed: Sequence[Thing],
) -> list[Thing] | None:
    """:func:`place_things` on the tree of the maze's floor from its start."""
    parts = [_thing_parts(wanted.features) for wanted in placements]  # bad features raise now
    blocked = tree.blocked_by([t.position for t in fixed])
    tiles = tree.choose(blocked, [(w.nearest, w.farthest) for w in placements], rng)
    if tiles is None:
        return None
    placed = [
        Thing(position=tree.cell(tile), kind=kind, color=color, extra=extra)
        for tile, (kind, color, extra) in zip(tiles, parts, strict=True)
    ]
    return [*fixed, *placed]


def draw_maze(
    rng: np.random.Generator,
    size: int,
    placements: Callable[[np.random.Generator], Sequence[Placement]],
    name: str,
    exit_corner: tuple[str, int] | None = None,
) -> GridWorld:
    """Draw mazes from the top left until every object fits.

    Args:
        rng: The only source of randomness.
        size: The maze's side.
        placements: Draws the objects to place, with their distance bounds.
        name: The maze's name.
        exit_corner: ``(colour, reach)``: first put an exit of that colour in the
            far corner, redrawing mazes where it lies more than ``reach`` moves away.

    Raises:
        RuntimeError: Nothing fitted in 1,000 mazes.
    """
    start: Cell = (1, 1)
    compiled = uses_kernels(rng)
    for _ in range(1000):
        if compiled:
            rows, tree = drawn_tree(size, rng)
            things = _fill(tree, rng, size, placements, exit_corner)
        else:
            rows = perfect_maze(size, size, rng)
            things = _fill(FloorTree(rows, start), rng, size, placements, exit_corner)
        if things is None:
            continue
        if size > MAX_SIZE:  # too large to be a world: let validation say so
            return GridWorld(rows=rows, start=start, things=things, max_steps=MAX_STEPS, name=name)
        # Trusted: the rows are a perfect maze, the start is its top-left room, each object
        # lies on a distinct floor tile off the start with no other object on its path.
        return GridWorld.model_construct(
            rows=rows, start=start, things=things, max_steps=MAX_STEPS, name=name
        )
    raise RuntimeError(f"could not place the objects in a {size}x{size} maze")


def _fill(
    tree: _Tree[B],
    rng: np.random.Generator,
    size: int,
    placements: Callable[[np.random.Generator], Sequence[Placement]],
    exit_corner: tuple[str, int] | None,
) -> tuple[Thing, ...] | None:
    """The objects of one drawn maze, or None when they do not fit (then draw another)."""
    fixed: list[Thing] = []
    if exit_corner is not None:
        last = size - 2 - (1 - size % 2)  # the far room: odd coordinates only
        corner = (last, last)
        if tree.depth_of(corner) > exit_corner[1]:
            return None
        fixed = [Thing(position=corner, kind="exit", color=exit_corner[0])]
    things = _place(tree, placements(rng), rng, fixed)
    return None if things is None else tuple(things)


def sample_maze(
    rng: np.random.Generator, size: int, placements: Sequence[Placement], name: str
) -> GridWorld:
    """A random perfect maze with ``placements`` placed where none blocks another.

    Raises:
        RuntimeError: The placements do not fit in mazes of this size.
    """
    return draw_maze(rng, size, lambda _: placements, name)
