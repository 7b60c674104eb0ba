"""A maze as an RGB array, for ``render_mode="rgb_array"`` (video recorders, notebooks).

Plain numpy, no matplotlib: each tile is a square of ``tile`` pixels; walls are
dark, floor light, objects their colour, the path so far purple and the agent a
black square in the middle of its tile.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from search.world.grid import Cell, GridWorld

__all__ = ["rgb_picture"]

WALL, FLOOR, PATH, AGENT = (46, 52, 64), (236, 239, 244), (190, 160, 220), (0, 0, 0)
COLOURS: dict[str, tuple[int, int, int]] = {
    "green": (44, 160, 44),
    "red": (214, 39, 40),
    "blue": (31, 119, 180),
    "yellow": (242, 200, 15),
    "grey": (140, 140, 140),
    "gray": (140, 140, 140),
    "orange": (255, 127, 14),
    "purple": (148, 103, 189),
    "brown": (140, 86, 75),
}
UNKNOWN = (23, 190, 207)
"""The colour of an object whose colour name is not in :data:`COLOURS`."""


def rgb_picture(
    world: GridWorld,
    agent: Cell,
    path: Sequence[Cell] = (),
    shape: tuple[int, int] | None = None,
    tile: int = 8,
) -> NDArray[np.uint8]:
    """The maze as a ``(rows * tile, cols * tile, 3)`` ``uint8`` image; padding drawn as wall.

    Example:
        >>> world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
        >>> rgb_picture(world, (1, 1), tile=4).shape
        (12, 20, 3)
    """
    rows, cols = shape or (world.height, world.width)
    tiles = np.empty((rows, cols, 3), dtype=np.uint8)
    tiles[:, :] = WALL
    floor = np.array([[ch != "#" for ch in row] for row in world.rows])
    tiles[: world.height, : world.width][floor] = FLOOR
    for r, c in path:
        tiles[r, c] = PATH
    for thing in (*world.things, *world.pickup_at.values()):
        tiles[thing.position] = COLOURS.get(thing.color, UNKNOWN)
    image = np.repeat(np.repeat(tiles, tile, axis=0), tile, axis=1)
    inset = tile // 4
    r, c = agent
    image[r * tile + inset : (r + 1) * tile - inset, c * tile + inset : (c + 1) * tile - inset] = (
        AGENT
    )
    return image
