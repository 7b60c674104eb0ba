"""Seeded generation of random perfect mazes (exactly one path between any two tiles).

Every experiment draws thousands of mazes, so drawing works on flat tile
indices and takes its random numbers in bulk (see :mod:`search.world.draws`),
while consuming the generator exactly as one ``rng.integers`` call per choice
would: the same seed gives the same maze as it always did. With numba
installed, the depth-first search and the floor's tree run as compiled kernels
(:mod:`search.world.kernels`, switched by :mod:`search.world.compiled`) and
draw the same mazes.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from search.world.compiled import uses_kernels
from search.world.draws import Draws, HalfWords
from search.world.grid import FLOOR, WALL, Cell
from search.world.trees import CompiledTree, FloorTree

__all__ = ["MIN_MAZE_SIZE", "dead_ends", "perfect_maze"]

MIN_MAZE_SIZE = 5
"""The smallest side a generated maze may have (one wall, three tiles, one wall)."""

_TO_TILES = bytes.maketrans(b"\x00\x01", (WALL + FLOOR).encode())


@lru_cache(maxsize=64)
def _rooms(
    rooms_r: int, rooms_c: int, width: int
) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """Each room's neighbours (up, down, left, right) and its tile's flat index."""
    neighbours = []
    for r in range(rooms_r):
        for c in range(rooms_c):
            i = r * rooms_c + c
            near = []
            if r > 0:
                near.append(i - rooms_c)
            if r < rooms_r - 1:
                near.append(i + rooms_c)
            if c > 0:
                near.append(i - 1)
            if c < rooms_c - 1:
                near.append(i + 1)
            neighbours.append(tuple(near))
    tiles = [
        (2 * (i // rooms_c) + 1) * width + 2 * (i % rooms_c) + 1 for i in range(len(neighbours))
    ]
    return tuple(neighbours), tuple(tiles)


def perfect_maze(height: int, width: int, rng: np.random.Generator) -> tuple[str, ...]:
    """A random perfect maze of ``height`` x ``width`` tiles, drawn with ``rng``.

    Rooms sit at odd coordinates and are joined by a randomised depth-first
    search, so the floor forms a tree: there is exactly one path between any two
    floor tiles. With even sides the last row or column is solid wall.

    Raises:
        ValueError: A side is smaller than :data:`MIN_MAZE_SIZE`.

    Example:
        >>> rows = perfect_maze(5, 5, np.random.default_rng(0))
        >>> len(rows), len(rows[0])
        (5, 5)
    """
    if height < MIN_MAZE_SIZE or width < MIN_MAZE_SIZE:
        raise ValueError(f"height and width must be at least {MIN_MAZE_SIZE}, got {height}x{width}")
    if uses_kernels(rng):
        flat = np.zeros(height * width, dtype=np.uint8)
        _carve(rng, ((height - 1) // 2) * ((width - 1) // 2), height, width, flat)
        return _rows(flat.tobytes(), width)
    rooms_r, rooms_c = (height - 1) // 2, (width - 1) // 2
    neighbours, tiles = _rooms(rooms_r, rooms_c, width)
    draws = Draws(rng, len(tiles) + 1)
    grid = bytearray(height * width)
    visited = bytearray(len(tiles))
    start = draws.below(rooms_r) * rooms_c
    start += draws.below(rooms_c)
    stack = [start]
    visited[start] = 1
    grid[tiles[start]] = 1
    while stack:
        here = stack[-1]
        options = [n for n in neighbours[here] if not visited[n]]
        if not options:
            stack.pop()
            continue
        there = options[draws.below(len(options))]
        visited[there] = 1
        a, b = tiles[here], tiles[there]
        grid[b] = 1
        grid[(a + b) // 2] = 1  # the wall tile between the two rooms
        stack.append(there)
    draws.finish()
    return _rows(grid, width)


def _rows(grid: bytes | bytearray, width: int) -> tuple[str, ...]:
    """The rows of a flat grid of 0 (wall) and 1 (floor)."""
    text = grid.translate(_TO_TILES).decode()
    return tuple(text[i : i + width] for i in range(0, len(text), width))


def _carve(
    rng: np.random.Generator, rooms: int, height: int, width: int, grid: npt.NDArray[np.uint8]
) -> None:
    """Carve a maze into the flat ``grid`` (zeros) with the kernel, drawing from ``rng``."""
    from search.world import kernels

    halves = HalfWords(rng, rooms + 1)
    while (used := kernels.carve(height, width, halves.values, 0, grid, width, 0)) < 0:
        grid[:] = 0
        halves.more()
    halves.finish(used)


def drawn_tree(size: int, rng: np.random.Generator) -> tuple[tuple[str, ...], CompiledTree]:
    """``perfect_maze(size, size, rng)`` and its floor's tree from (1, 1), with the kernels.

    Only for generators :func:`~search.world.compiled.uses_kernels` accepts.
    """
    from search.world import kernels

    if size < MIN_MAZE_SIZE:
        raise ValueError(f"height and width must be at least {MIN_MAZE_SIZE}, got {size}x{size}")
    width = size + 2
    tiles = width * width
    open_tiles = np.zeros(tiles, dtype=np.uint8)
    parent, depth, order = (np.empty(tiles, dtype=np.int32) for _ in range(3))
    halves = HalfWords(rng, ((size - 1) // 2) ** 2 + 1)
    while True:
        used, count = kernels.carve_and_span(
            size, halves.values, 0, open_tiles, parent, depth, order
        )
        if used >= 0:
            break
        open_tiles[:] = 0
        halves.more()
    halves.finish(used)
    inner = open_tiles.reshape(width, width)[1:-1, 1:-1].tobytes()
    tree = CompiledTree(open_tiles, width, 2 * width + 2, parent, depth, order, count)
    return _rows(inner, size), tree


def dead_ends(rows: tuple[str, ...]) -> list[Cell]:
    """Floor tiles with exactly one floor neighbour, in reading order.

    In a perfect maze no path between two other tiles passes through a dead
    end, so objects placed there never block one another.
    """
    found: list[Cell] = []
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            if ch != FLOOR:
                continue
            open_sides = sum(
                1
                for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1))
                if 0 <= r + dr < len(rows)
                and 0 <= c + dc < len(row)
                and rows[r + dr][c + dc] == FLOOR
            )
            if open_sides == 1:
                found.append((r, c))
    return found


def tree_parents(rows: tuple[str, ...], root: Cell) -> dict[Cell, Cell | None]:
    """Breadth-first parents of every floor tile reachable from ``root`` (``root`` maps to None)."""
    tree = FloorTree(rows, root)
    return {
        tree.cell(t): None if tree.parent[t] < 0 else tree.cell(tree.parent[t]) for t in tree.order
    }


def path_to(parents: dict[Cell, Cell | None], cell: Cell) -> list[Cell]:
    """The tiles from the root to ``cell``, both included."""
    path = [cell]
    while (parent := parents[path[-1]]) is not None:
        path.append(parent)
    return path[::-1]


def unblocked_cells(
    rows: tuple[str, ...], start: Cell, occupied: list[Cell], parents: dict[Cell, Cell | None]
) -> list[Cell]:
    """Floor tiles where a new object blocks no path from ``start`` and no path is blocked to it.

    A tile qualifies when it is not the start, not on the path from the start to
    an occupied tile, and its own path from the start crosses no occupied tile.
    ``parents`` must list each tile after its parent, as :func:`tree_parents` does.
    """
    on_paths = {cell for target in occupied for cell in path_to(parents, target)}
    taken = set(occupied)
    # One pass in breadth-first order instead of a path walk per tile: a tile is
    # cut off when it is occupied or its parent is cut off.
    cut_off: set[Cell] = set()
    for cell, parent in parents.items():
        if cell in taken or parent in cut_off:
            cut_off.add(cell)
    return [
        cell for cell in parents if cell != start and cell not in on_paths and cell not in cut_off
    ]
