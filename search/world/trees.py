"""The breadth-first tree of a maze's floor from its start, on flat tile indices."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from search.world.draws import HalfWords
from search.world.grid import FLOOR, WALL, Cell

__all__ = ["CompiledTree", "FloorTree"]

_OPEN = bytes(1 if i == ord(FLOOR) else 0 for i in range(256))
"""Translates a row's bytes to 1 for floor and 0 for anything else."""


class FloorTree:
    """The breadth-first tree of the floor reachable from ``root``, for placing objects.

    Tiles are numbered on the grid with a ring of wall around it, so a step
    never leaves the grid. ``order`` lists the reached tiles breadth-first (each
    after its parent, neighbours tried up, down, left, right), as
    :func:`tree_parents` does.
    """

    def __init__(self, rows: tuple[str, ...], root: Cell) -> None:
        width = len(rows[0]) + 2
        ring = WALL * width
        grid = (ring + "".join(WALL + row + WALL for row in rows) + ring).encode().translate(_OPEN)
        self.width = width
        here = (root[0] + 1) * width + root[1] + 1
        self.root = here
        parent = [-2] * len(grid)
        depth = [0] * len(grid)
        parent[here] = -1
        order = [here]
        steps = (-width, width, -1, 1)
        i = 0
        while i < len(order):
            here = order[i]
            i += 1
            d = depth[here] + 1
            for step in steps:
                nxt = here + step
                if grid[nxt] and parent[nxt] == -2:
                    parent[nxt] = here
                    depth[nxt] = d
                    order.append(nxt)
        self.order = order
        self.parent = parent
        self.depth = depth
        self._grid = grid
        self._steps = steps

    def index(self, cell: Cell) -> int:
        """The flat index of ``cell``."""
        return (cell[0] + 1) * self.width + cell[1] + 1

    def cell(self, index: int) -> Cell:
        """The cell at flat ``index``."""
        r, c = divmod(index, self.width)
        return r - 1, c - 1

    def reached(self, cell: Cell) -> bool:
        """Whether ``cell`` is in the tree."""
        index = self.index(cell)
        return 0 <= index < len(self.parent) and self.parent[index] != -2

    def depth_of(self, cell: Cell) -> int:
        """How many moves ``cell`` lies from the root (``cell`` must be reached)."""
        return self.depth[self.index(cell)]

    def path(self, cell: Cell) -> list[Cell]:
        """The tiles from the root to ``cell``, both included (``cell`` must be reached)."""
        index = self.index(cell)
        found = []
        while index >= 0:
            found.append(self.cell(index))
            index = self.parent[index]
        return found[::-1]

    def blocked_by(self, occupied: list[Cell]) -> bytearray:
        """1 for the root, every tile on a path to an occupied tile, and every tile beyond one."""
        blocked = bytearray(len(self.parent))
        blocked[self.root] = 1
        for cell in occupied:
            self.block(blocked, cell)
        return blocked

    def block(self, blocked: bytearray, cell: Cell) -> None:
        """Mark in ``blocked`` the path to ``cell`` and the tiles beyond it.

        A cell the tree does not reach blocks nothing.
        """
        if not self.reached(cell):
            return
        index = self.parent[self.index(cell)]
        while index >= 0 and not blocked[index]:
            blocked[index] = 1
            index = self.parent[index]
        grid, parent = self._grid, self.parent
        below = [self.index(cell)]
        while below:
            tile = below.pop()
            blocked[tile] = 1
            below += [t for s in self._steps if grid[t := tile + s] and parent[t] == tile]

    def free(self, blocked: bytearray, nearest: int, farthest: int) -> list[int]:
        """The unblocked tiles ``nearest`` to ``farthest`` moves from the root, breadth-first."""
        depth = self.depth
        return [t for t in self.order if not blocked[t] and nearest <= depth[t] <= farthest]

    def choose(
        self, blocked: bytearray, bounds: list[tuple[int, int]], rng: np.random.Generator
    ) -> list[int] | None:
        """A free tile for each object's (nearest, farthest) bounds, each blocked once chosen.

        Each tile is drawn uniformly from :meth:`free` with ``rng.integers``;
        None when an object finds no free tile (then draw another maze).
        """
        chosen = []
        for nearest, farthest in bounds:
            free = self.free(blocked, nearest, farthest)
            if not free:
                return None
            chosen.append(free[int(rng.integers(len(free)))])
            self.block(blocked, self.cell(chosen[-1]))
        return chosen


Blocked = npt.NDArray[np.uint8]
"""1 for a blocked tile of a :class:`CompiledTree`, by flat index."""


class CompiledTree:
    """A :class:`FloorTree` held in numpy arrays and walked by the numba kernels.

    The same tiles in the same order, the same depths, the same blocked and
    free tiles as :class:`FloorTree`; only what placing objects asks for
    (:meth:`depth_of`, :meth:`blocked_by`, :meth:`block`, :meth:`choose`) exists.

    Args:
        open_tiles: The grid inside a ring of wall, flat, 1 for floor.
        width: The padded grid's width.
        root: The root's flat index.
        parent: Each tile's parent (-1 the root, -2 unreached), as the kernels fill it.
        depth: Each tile's moves from the root.
        order: The reached tiles breadth-first, in its first ``count`` entries.
        count: How many tiles are reached.
    """

    def __init__(
        self,
        open_tiles: Blocked,
        width: int,
        root: int,
        parent: npt.NDArray[np.int32],
        depth: npt.NDArray[np.int32],
        order: npt.NDArray[np.int32],
        count: int,
    ) -> None:
        self.width = width
        self.root = root
        self._open, self._parent, self._depth, self._order = open_tiles, parent, depth, order
        self._count = count
        from search.world import kernels  # here, not at the top: numba's import is slow

        self._block_tile = kernels.block_tile
        self._choose_tiles = kernels.choose_tiles

    @classmethod
    def of_rows(cls, rows: tuple[str, ...], root: Cell) -> CompiledTree:
        """The tree of the floor of ``rows`` reachable from ``root``, like ``FloorTree``'s."""
        from search.world import kernels

        width = len(rows[0]) + 2
        ring = WALL * width
        text = (ring + "".join(WALL + row + WALL for row in rows) + ring).encode()
        open_tiles = np.frombuffer(bytearray(text.translate(_OPEN)), dtype=np.uint8)
        here = (root[0] + 1) * width + root[1] + 1
        parent, depth, order = (np.empty(len(text), dtype=np.int32) for _ in range(3))
        count = kernels.span(open_tiles, width, here, parent, depth, order)
        return cls(open_tiles, width, here, parent, depth, order, count)

    def index(self, cell: Cell) -> int:
        """The flat index of ``cell``."""
        return (cell[0] + 1) * self.width + cell[1] + 1

    def cell(self, index: int) -> Cell:
        """The cell at flat ``index``."""
        r, c = divmod(index, self.width)
        return r - 1, c - 1

    def depth_of(self, cell: Cell) -> int:
        """How many moves ``cell`` lies from the root (``cell`` must be reached)."""
        return int(self._depth[self.index(cell)])

    def blocked_by(self, occupied: list[Cell]) -> Blocked:
        """1 for the root, every tile on a path to an occupied tile, and every tile beyond one."""
        blocked = np.zeros(self._parent.size, dtype=np.uint8)
        blocked[self.root] = 1
        for cell in occupied:
            self.block(blocked, cell)
        return blocked

    def block(self, blocked: Blocked, cell: Cell) -> None:
        """Mark in ``blocked`` the path to ``cell`` and the tiles beyond it (if it is reached)."""
        self._block_tile(self._open, self.width, self._parent, blocked, self._reached_index(cell))

    def choose(
        self, blocked: Blocked, bounds: list[tuple[int, int]], rng: np.random.Generator
    ) -> list[int] | None:
        """:meth:`FloorTree.choose` in one kernel, drawing from ``rng`` as it would."""
        if not bounds:
            return []
        chosen = np.empty(len(bounds), dtype=np.int32)
        limits = np.array(bounds, dtype=np.int64).reshape(len(bounds), 2)
        halves = HalfWords(rng, len(bounds))
        while True:
            attempt = blocked.copy()
            tree = (self._open, self.width, self._parent, self._depth, self._order, self._count)
            used, placed = self._choose_tiles(*tree, attempt, limits, halves.values, 0, chosen)
            if used >= 0:
                break
            halves.more()
        halves.finish(used)
        blocked[:] = attempt
        tiles: list[int] = chosen.tolist()
        return tiles if placed == len(bounds) else None

    def _reached_index(self, cell: Cell) -> int:
        """The flat index of ``cell``, or -1 when it is off the padded grid (so not reached)."""
        index = self.index(cell)
        return index if 0 <= index < self._parent.size else -1
