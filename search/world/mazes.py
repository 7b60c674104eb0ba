"""Seeded generation of random perfect mazes (exactly one path between any two tiles)."""

from __future__ import annotations

import numpy as np

from search.world.grid import FLOOR, WALL, Cell

__all__ = ["MIN_MAZE_SIZE", "dead_ends", "perfect_maze"]

MIN_MAZE_SIZE = 5
"""The smallest side a generated maze may have (one wall, three tiles, one wall)."""


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
    grid = np.zeros((height, width), dtype=bool)
    rooms_r, rooms_c = (height - 1) // 2, (width - 1) // 2
    visited = np.zeros((rooms_r, rooms_c), dtype=bool)
    start = (int(rng.integers(rooms_r)), int(rng.integers(rooms_c)))
    stack = [start]
    visited[start] = True
    grid[2 * start[0] + 1, 2 * start[1] + 1] = True
    while stack:
        r, c = stack[-1]
        options = [
            (r + dr, c + dc)
            for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1))
            if 0 <= r + dr < rooms_r and 0 <= c + dc < rooms_c and not visited[r + dr, c + dc]
        ]
        if not options:
            stack.pop()
            continue
        nr, nc = options[int(rng.integers(len(options)))]
        visited[nr, nc] = True
        grid[2 * nr + 1, 2 * nc + 1] = True
        grid[r + nr + 1, c + nc + 1] = True  # the wall tile between the two rooms
        stack.append((nr, nc))
    return tuple("".join(FLOOR if open_ else WALL for open_ in row) for row in grid)


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
    parents: dict[Cell, Cell | None] = {root: None}
    frontier = [root]
    while frontier:
        nxt: list[Cell] = []
        for r, c in frontier:
            for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                cell = (r + dr, c + dc)
                if (
                    0 <= cell[0] < len(rows)
                    and 0 <= cell[1] < len(rows[0])
                    and rows[cell[0]][cell[1]] == FLOOR
                    and cell not in parents
                ):
                    parents[cell] = (r, c)
                    nxt.append(cell)
        frontier = nxt
    return parents


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
