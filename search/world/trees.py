"""The breadth-first tree of a maze's floor from its start, on flat tile indices."""

from __future__ import annotations

from search.world.grid import FLOOR, WALL, Cell

__all__ = ["FloorTree"]

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
