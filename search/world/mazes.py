"""Seeded generation of random perfect mazes (exactly one path between any two tiles).

Every experiment draws thousands of mazes, so drawing works on flat tile
indices and takes its random numbers in bulk (see :class:`_Draws`), while
consuming the generator exactly as one ``rng.integers`` call per choice would:
the same seed gives the same maze as it always did.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from search.world.grid import FLOOR, WALL, Cell
from search.world.trees import FloorTree

__all__ = ["MIN_MAZE_SIZE", "dead_ends", "perfect_maze"]

MIN_MAZE_SIZE = 5
"""The smallest side a generated maze may have (one wall, three tiles, one wall)."""

_MASK32 = 0xFFFFFFFF
_TO_TILES = bytes.maketrans(b"\x00\x01", (WALL + FLOOR).encode())


class _Draws:
    """Integers below ``n`` drawn exactly as ``rng.integers(n)`` draws them, but in bulk.

    numpy answers ``integers(n)`` for ``n`` below 2**32 with Lemire's method on
    32-bit values, and a PCG64 generator hands those out as the low then the high
    half of each 64-bit word (keeping the high half for the next call). For a
    PCG64 generator the words are taken in one ``random_raw`` call and split here;
    :meth:`finish` then leaves the generator exactly where the single calls would
    have. Any other bit generator is asked one integer at a time.
    """

    def __init__(self, rng: np.random.Generator, expected: int) -> None:
        self._rng = rng
        self._fast = type(rng.bit_generator) is np.random.PCG64
        self._values: list[int] = []
        self._pos = 0
        self._words = 0
        if self._fast:
            self._saved = rng.bit_generator.state
            self._buffered = int(self._saved["has_uint32"])
            if self._buffered:
                self._values.append(int(self._saved["uinteger"]))
            self._more(expected // 2 + 2)

    def _more(self, words: int) -> None:
        raw = self._rng.bit_generator.random_raw(words)
        halves = np.empty(2 * words, dtype=np.uint64)
        halves[0::2] = raw & np.uint64(_MASK32)
        halves[1::2] = raw >> np.uint64(32)
        self._values += halves.tolist()
        self._words += words

    def _next(self) -> int:
        if self._pos == len(self._values):
            self._more(16)
        value = self._values[self._pos]
        self._pos += 1
        return value

    def below(self, n: int) -> int:
        """A uniform integer in ``[0, n)``; ``n`` is at least 1 and below 2**32."""
        if n == 1:
            return 0  # numpy draws nothing for a range of one value
        if not self._fast:
            return int(self._rng.integers(n))
        m = self._next() * n
        if m & _MASK32 < n:
            threshold = (1 << 32) % n
            while m & _MASK32 < threshold:
                m = self._next() * n
        return m >> 32

    def finish(self) -> None:
        """Leave the generator as the single calls would have left it."""
        if not self._fast:
            return
        bitgen = self._rng.bit_generator
        from_words = self._pos - self._buffered
        state = self._saved
        if from_words > 0:
            words = (from_words + 1) // 2
            bitgen.state = self._saved
            bitgen.random_raw(words)
            state = dict(bitgen.state)
            odd = from_words % 2 == 1
            state["has_uint32"] = int(odd)
            state["uinteger"] = self._values[self._pos] if odd else self._values[self._pos - 1]
        elif self._pos == 1:  # only the kept half was used
            state = dict(self._saved, has_uint32=0)
        bitgen.state = state


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
    rooms_r, rooms_c = (height - 1) // 2, (width - 1) // 2
    neighbours, tiles = _rooms(rooms_r, rooms_c, width)
    draws = _Draws(rng, len(tiles) + 1)
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
    text = grid.translate(_TO_TILES).decode()
    return tuple(text[i : i + width] for i in range(0, height * width, width))


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
