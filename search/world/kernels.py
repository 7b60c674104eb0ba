"""numba kernels for drawing mazes: the randomised depth-first search, the floor's tree, placing.

Imported lazily (numba's import takes a quarter of a second) and only once
:mod:`search.world.compiled` has decided to use the kernels. Each kernel does
exactly what its pure counterpart does (``perfect_maze``, ``FloorTree``,
``FloorTree.block``, ``FloorTree.free`` and ``FloorTree.choose``) on flat
numpy arrays, taking its random integers from pre-drawn 32-bit values as
``rng.integers`` would, so both paths draw the same mazes and leave the
generator in the same state. Kernels compile on first use and are cached in
``__pycache__`` beside this file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

__all__ = [
    "block_tile",
    "carve",
    "carve_and_span",
    "choose_tiles",
    "list_free",
    "span",
    "typed_jit",
]

F = TypeVar("F", bound=Callable[..., Any])

Words = npt.NDArray[np.uint32]
Tiles = npt.NDArray[np.uint8]
Indices = npt.NDArray[np.int32]


def typed_jit(function: F) -> F:
    """``numba.njit`` that keeps ``function``'s type, cached on disk when the disk allows."""
    try:
        return cast(F, numba.njit(cache=True)(function))
    except RuntimeError:  # no writable cache location: compile in memory each process
        return cast(F, numba.njit(function))


@typed_jit
def _below(n: int, values: Words, pos: int) -> tuple[int, int]:
    """Lemire's integer below ``n`` from the 32-bit ``values`` at ``pos``, as ``rng.integers(n)``.

    Returns the integer and the next position; the position is -1 when the
    values ran out, so the caller draws more and starts again.
    """
    if n == 1:
        return 0, pos  # numpy draws nothing for a range of one value
    mask = np.uint64(0xFFFFFFFF)
    un = np.uint64(n)
    if pos >= values.size:
        return 0, -1
    m = np.uint64(values[pos]) * un
    pos += 1
    if (m & mask) < un:
        threshold = (np.uint64(1) << np.uint64(32)) % un
        while (m & mask) < threshold:
            if pos >= values.size:
                return 0, -1
            m = np.uint64(values[pos]) * un
            pos += 1
    return int(np.int64(m >> np.uint64(32))), pos


@typed_jit
def carve(
    height: int, width: int, values: Words, pos: int, grid: Tiles, stride: int, offset: int
) -> int:
    """Carve a ``height`` x ``width`` perfect maze into ``grid`` (zeros; 1 marks floor).

    The randomised depth-first search of ``perfect_maze``: rooms at odd
    coordinates, neighbours tried up, down, left, right, one draw per choice
    from ``values`` starting at ``pos``. Tile (r, c) is ``grid[offset + r *
    stride + c]``, so the maze may sit inside a ring of wall. Returns the
    position after the last draw, or -1 when ``values`` ran out (``grid`` is
    then half carved).
    """
    rooms_r, rooms_c = (height - 1) // 2, (width - 1) // 2
    rooms = rooms_r * rooms_c
    visited = np.zeros(rooms, dtype=np.uint8)
    stack = np.empty(rooms, dtype=np.int32)
    options = np.empty(4, dtype=np.int32)
    row, pos = _below(rooms_r, values, pos)
    if pos < 0:
        return -1
    col, pos = _below(rooms_c, values, pos)
    if pos < 0:
        return -1
    start = row * rooms_c + col
    stack[0] = start
    top = 1
    visited[start] = 1
    grid[offset + (2 * row + 1) * stride + 2 * col + 1] = 1
    while top > 0:
        here = stack[top - 1]
        r, c = here // rooms_c, here % rooms_c
        count = 0
        if r > 0 and not visited[here - rooms_c]:
            options[count] = here - rooms_c
            count += 1
        if r < rooms_r - 1 and not visited[here + rooms_c]:
            options[count] = here + rooms_c
            count += 1
        if c > 0 and not visited[here - 1]:
            options[count] = here - 1
            count += 1
        if c < rooms_c - 1 and not visited[here + 1]:
            options[count] = here + 1
            count += 1
        if count == 0:
            top -= 1
            continue
        choice, pos = _below(count, values, pos)
        if pos < 0:
            return -1
        there = options[choice]
        visited[there] = 1
        a = offset + (2 * r + 1) * stride + 2 * c + 1
        b = offset + (2 * (there // rooms_c) + 1) * stride + 2 * (there % rooms_c) + 1
        grid[b] = 1
        grid[(a + b) // 2] = 1  # the wall tile between the two rooms
        stack[top] = there
        top += 1
    return pos


@typed_jit
def span(
    open_tiles: Tiles, width: int, root: int, parent: Indices, depth: Indices, order: Indices
) -> int:
    """The breadth-first tree of the floor from ``root``, as ``FloorTree`` builds it.

    ``open_tiles`` is the grid with a ring of wall (1 for floor) and ``width``
    its padded width. Fills ``parent`` (-2 unreached, -1 the root), ``depth``
    and ``order`` (neighbours tried up, down, left, right) and returns how many
    tiles ``order`` holds.
    """
    parent[:] = -2
    depth[:] = 0
    parent[root] = -1
    order[0] = root
    size = 1
    i = 0
    while i < size:
        here = order[i]
        i += 1
        d = depth[here] + 1
        for step in (-width, width, -1, 1):
            nxt = here + step
            if open_tiles[nxt] and parent[nxt] == -2:
                parent[nxt] = here
                depth[nxt] = d
                order[size] = nxt
                size += 1
    return size


@typed_jit
def carve_and_span(
    size: int,
    values: Words,
    pos: int,
    open_tiles: Tiles,
    parent: Indices,
    depth: Indices,
    order: Indices,
) -> tuple[int, int]:
    """A ``size`` x ``size`` maze carved into ``open_tiles`` and its tree from the top-left room.

    ``open_tiles`` is ``(size + 2) ** 2`` zeros: the maze inside a ring of
    wall, as :func:`span` wants it. Returns :func:`carve`'s position (-1: ran
    out) and :func:`span`'s count.
    """
    width = size + 2
    pos = carve(size, size, values, pos, open_tiles, width, width + 1)
    if pos < 0:
        return -1, 0
    return pos, span(open_tiles, width, width + width + 2, parent, depth, order)


@typed_jit
def block_tile(open_tiles: Tiles, width: int, parent: Indices, blocked: Tiles, tile: int) -> None:
    """Mark in ``blocked`` the path to ``tile`` and every tile beyond it, as ``FloorTree.block``.

    A tile the tree does not reach (``parent`` -2) blocks nothing; ``tile`` -1 neither.
    """
    if tile < 0 or parent[tile] == -2:
        return
    index = parent[tile]
    while index >= 0 and not blocked[index]:
        blocked[index] = 1
        index = parent[index]
    below = np.empty(parent.size, dtype=np.int32)
    below[0] = tile
    top = 1
    while top > 0:
        top -= 1
        here = below[top]
        blocked[here] = 1
        for step in (-width, width, -1, 1):
            nxt = here + step
            if open_tiles[nxt] and parent[nxt] == here:
                below[top] = nxt
                top += 1


@typed_jit
def list_free(
    order: Indices,
    depth: Indices,
    count: int,
    blocked: Tiles,
    nearest: int,
    farthest: int,
    free: npt.NDArray[np.int64],
) -> int:
    """Fill ``free`` with the unblocked tiles ``nearest`` to ``farthest`` moves away; how many.

    Breadth-first, from the first ``count`` tiles of ``order``, as ``FloorTree.free``.
    """
    found = 0
    for i in range(count):
        t = order[i]
        if not blocked[t] and nearest <= depth[t] <= farthest:
            free[found] = t
            found += 1
    return found


@typed_jit
def choose_tiles(
    open_tiles: Tiles,
    width: int,
    parent: Indices,
    depth: Indices,
    order: Indices,
    count: int,
    blocked: Tiles,
    bounds: npt.NDArray[np.int64],
    values: Words,
    pos: int,
    chosen: Indices,
) -> tuple[int, int]:
    """Choose a free tile for each (nearest, farthest) row of ``bounds``, blocking as it goes.

    ``FloorTree.choose``: for each object, the free tiles within its bounds in
    breadth-first order, one of them drawn from ``values`` at ``pos`` as
    ``rng.integers(len(free))`` draws it, then that tile blocked. Fills
    ``chosen`` and returns the position after the last draw (-1: ran out, and
    ``blocked`` is then changed: start again from a copy) and how many objects
    were placed (fewer than asked when one found no free tile).
    """
    free = np.empty(count, dtype=np.int64)  # int64: block_tile gets the type Python gives it
    for i in range(bounds.shape[0]):
        found = list_free(order, depth, count, blocked, bounds[i, 0], bounds[i, 1], free)
        if found == 0:
            return pos, i
        choice, pos = _below(found, values, pos)
        if pos < 0:
            return -1, i
        chosen[i] = free[choice]
        block_tile(open_tiles, width, parent, blocked, free[choice])
    return pos, bounds.shape[0]
