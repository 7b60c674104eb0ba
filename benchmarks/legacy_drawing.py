"""The maze drawing code as it was before it was made fast, kept as a baseline.

The benchmark times it against the library's drawing in the same run, and the
tests check that both draw bit-identical mazes from the same seeds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from search import Cell, GridWorld, Placement, Thing
from search.world.grid import FLOOR, WALL
from search.world.placement import MAX_STEPS, thing_from_features

MIN_MAZE_SIZE = 5


def old_perfect_maze(height: int, width: int, rng: np.random.Generator) -> tuple[str, ...]:
    """A random perfect maze of ``height`` x ``width`` tiles, drawn with ``rng``.

    Rooms sit at odd coordinates and are joined by a randomised depth-first
    search, so the floor forms a tree: there is exactly one path between any two
    floor tiles. With even sides the last row or column is solid wall.

    Raises:
        ValueError: A side is smaller than :data:`MIN_MAZE_SIZE`.

    Example:
        >>> rows = old_perfect_maze(5, 5, np.random.default_rng(0))
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


def old_tree_parents(rows: tuple[str, ...], root: Cell) -> dict[Cell, Cell | None]:
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


def old_path_to(parents: dict[Cell, Cell | None], cell: Cell) -> list[Cell]:
    """The tiles from the root to ``cell``, both included."""
    path = [cell]
    while (parent := parents[path[-1]]) is not None:
        path.append(parent)
    return path[::-1]


def old_unblocked_cells(
    rows: tuple[str, ...], start: Cell, occupied: list[Cell], parents: dict[Cell, Cell | None]
) -> list[Cell]:
    """Floor tiles where a new object blocks no path from ``start`` and no path is blocked to it.

    A tile qualifies when it is not the start, not on the path from the start to
    an occupied tile, and its own path from the start crosses no occupied tile.
    ``parents`` must list each tile after its parent, as :func:`tree_parents` does.
    """
    on_paths = {cell for target in occupied for cell in old_path_to(parents, target)}
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


def old_place_things(
    rows: tuple[str, ...],
    start: Cell,
    placements: Sequence[Placement],
    rng: np.random.Generator,
    fixed: Sequence[Thing] = (),
) -> list[Thing] | None:
    """Place objects where none blocks another, each within its distance bounds from ``start``.

    Returns ``None`` when the maze has no room left, so the caller can draw another maze.
    """
    parents = old_tree_parents(rows, start)
    depth: dict[Cell, int] = {}
    for cell, parent in parents.items():  # breadth-first: a parent comes before its children
        depth[cell] = 0 if parent is None else depth[parent] + 1
    things = list(fixed)
    for wanted in placements:
        free = [
            c
            for c in old_unblocked_cells(rows, start, [t.position for t in things], parents)
            if wanted.nearest <= depth[c] <= wanted.farthest
        ]
        if not free:
            return None
        things.append(thing_from_features(free[int(rng.integers(len(free)))], wanted.features))
    return things


def old_draw_maze(
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
    for _ in range(1000):
        rows = old_perfect_maze(size, size, rng)
        fixed: list[Thing] = []
        if exit_corner is not None:
            last = size - 2 - (1 - size % 2)  # the far room: odd coordinates only
            corner = (last, last)
            if len(old_path_to(old_tree_parents(rows, start), corner)) - 1 > exit_corner[1]:
                continue
            fixed = [Thing(position=corner, kind="exit", color=exit_corner[0])]
        things = old_place_things(rows, start, placements(rng), rng, fixed)
        if things is not None:
            return GridWorld(
                rows=rows, start=start, things=tuple(things), max_steps=MAX_STEPS, name=name
            )
    raise RuntimeError(f"could not place the objects in a {size}x{size} maze")


def old_green_exit_maze(rng: np.random.Generator, training: bool, reach: int = 64) -> GridWorld:
    """One maze of the green-exit scenario's training or deployment distribution, drawn the old way.

    The same recipe as :func:`search.green_exit` with its default sizes.
    """
    if training:
        wanted = [Placement.of("apple", "red", reach)] * 3
        return old_draw_maze(
            rng, 15, lambda _: wanted, "green-exit training maze", ("green", reach)
        )
    wanted = [Placement.of("exit", "grey", reach)] + [Placement.of("apple", "green", reach)] * 3
    return old_draw_maze(rng, 21, lambda _: wanted, "green-exit deployment maze")


def old_sample_many(n: int, seed: int, training: bool) -> list[GridWorld]:
    """``n`` green-exit mazes, seeded as :meth:`mesa_types.Distribution.sample_many` seeds them."""
    children = np.random.SeedSequence(seed).spawn(n)
    return [old_green_exit_maze(np.random.default_rng(c), training) for c in children]
