"""Building gridworlds from a recipe: where objects go, and the witness corridor.

Objects are placed on tiles where none blocks the path from the start to
another, within a reach of the start; a recipe names a maze's size and the
objects it holds, optionally with the exit fixed in the far corner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from mesa_types import FeatureVector
from search.mazes import path_to, perfect_maze, tree_parents, unblocked_cells
from search.world import Cell, GridWorld, Thing

__all__ = [
    "MAX_STEPS",
    "MazeRecipe",
    "corridor_world",
    "draw_maze",
    "place_things",
    "thing_from_features",
]

MAX_STEPS = 400
"""The step limit of every maze built here."""

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
        return draw_maze(rng, side, self.wanted, reach, self.name, self.exit_corner)


def thing_from_features(position: Cell, features: FeatureVector) -> Thing:
    """The object whose features are ``features``: one ``kind:``, one ``color:``, the rest extra."""
    kinds = [n.removeprefix("kind:") for n in features if n.startswith("kind:")]
    colors = [n.removeprefix("color:") for n in features if n.startswith("color:")]
    if len(kinds) != 1 or len(colors) != 1:
        raise ValueError(f"an object needs one kind and one colour, got {features.describe()}")
    extra = tuple(n for n in features if not n.startswith(("kind:", "color:")))
    return Thing(position=position, kind=kinds[0], color=colors[0], extra=extra)


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
    wanted: Sequence[tuple[str, str]],
    rng: np.random.Generator,
    reach: int,
    fixed: Sequence[Thing] = (),
) -> list[Thing] | None:
    """Place objects (kind, colour) where none blocks another, within ``reach`` of ``start``.

    Returns ``None`` when the maze has no room left, so the caller can draw another maze.
    """
    parents = tree_parents(rows, start)
    depth: dict[Cell, int] = {}
    for cell, parent in parents.items():  # breadth-first: a parent comes before its children
        depth[cell] = 0 if parent is None else depth[parent] + 1
    things = list(fixed)
    for kind, color in wanted:
        free = [
            c
            for c in unblocked_cells(rows, start, [t.position for t in things], parents)
            if depth[c] <= reach
        ]
        if not free:
            return None
        cell = free[int(rng.integers(len(free)))]
        things.append(Thing(position=cell, kind=kind, color=color))
    return things


def draw_maze(
    rng: np.random.Generator,
    size: int,
    wanted: Wanted,
    reach: int,
    name: str,
    exit_corner: str | None = None,
) -> GridWorld:
    """Draw mazes until the objects fit within ``reach``; the exit first, optionally in a corner."""
    for _ in range(1000):
        rows = perfect_maze(size, size, rng)
        start: Cell = (1, 1)
        fixed: list[Thing] = []
        if exit_corner is not None:
            last = size - 2 - (1 - size % 2)  # the far room: odd coordinates only
            corner = (last, last)
            if len(path_to(tree_parents(rows, start), corner)) - 1 > reach:
                continue
            fixed = [Thing(position=corner, kind="exit", color=exit_corner)]
        things = place_things(rows, start, wanted(rng), rng, reach, fixed)
        if things is not None:
            return GridWorld(
                rows=rows, start=start, things=tuple(things), max_steps=MAX_STEPS, name=name
            )
    raise RuntimeError(f"could not place objects within reach {reach} in a {size}x{size} maze")
