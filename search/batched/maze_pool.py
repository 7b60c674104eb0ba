"""Perfect mazes compiled once for the batched walk of plants and planners.

Each floor tile's neighbours and which of them are open, the kind of object on
each tile, and, for every tile and object, how far a search must look to see
the object (objects end the episode, so no search passes through one) and the
first move towards it; from these, the move a search makes on every tile for
every depth and every way of ranking the pool's kinds of object.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import FeatureVector
from search.world.grid import STEPS, GridWorld

__all__ = ["FAR", "MazePool", "compile_pool"]

FAR = 1 << 14
"""The distance recorded for an object a tile cannot see at any depth."""


@dataclass(frozen=True)
class MazePool:
    """Perfect mazes compiled for walking; tile ``t`` of maze ``m`` is row ``m * tiles + t``.

    Attributes:
        kinds: The distinct objects, as features; kind 0 is "nothing".
        tiles: Floor tiles per maze (padded to the largest maze).
        start: ``(mazes,)`` local start tile.
        max_steps: ``(mazes,)`` step limits.
        neighbour: ``(mazes * tiles, 4)`` global neighbour row per move of ``STEPS``, or -1.
        open_mask: ``(mazes * tiles,)`` bit ``d`` set when move ``d`` leads onto floor.
        kind_at: ``(mazes * tiles,)`` kind of the object on the tile (0 none).
        near_object: ``(mazes * tiles,)`` whether a neighbour holds an object.
        object_kind: ``(mazes, objects)`` kind of each object, by position; padding 0.
        distance: ``(mazes, tiles, objects)`` moves from the tile to each object.
        first_move: ``(mazes, tiles, objects)`` the first move (index of ``STEPS``) there.
        depths: The deepest search the plan table covers.
        absorbing: ``neighbour`` with every move from an object tile staying there.
        plans: ``(5, depths, mazes * tiles)`` flattened: the move a search makes on
            each tile, for each way of ranking the pool's two kinds of object
            (first only, second only, first over second, second over first, tied)
            and each depth, or -1 when nothing it wants is in view.
    """

    kinds: tuple[FeatureVector, ...]
    tiles: int
    start: NDArray[np.int64]
    max_steps: NDArray[np.int64]
    neighbour: NDArray[np.int64]
    open_mask: NDArray[np.int64]
    kind_at: NDArray[np.int64]
    near_object: NDArray[np.bool_]
    object_kind: NDArray[np.int64]
    distance: NDArray[np.int64]
    first_move: NDArray[np.int64]
    depths: int
    absorbing: NDArray[np.int64]
    plans: NDArray[np.int8]

    @property
    def mazes(self) -> int:
        """How many mazes the pool holds."""
        return len(self.start)

    def kind_values(self, vocabulary: Sequence[str]) -> NDArray[np.float64]:
        """``(kinds, features)``: each kind's features over ``vocabulary``."""
        return np.array(
            [[fv.get(name, 0.0) for name in vocabulary] for fv in self.kinds], dtype=np.float64
        ).reshape(len(self.kinds), len(vocabulary))


def compile_pool(worlds: Sequence[GridWorld], depths: int = 32) -> MazePool:
    """Compile perfect mazes (each floor a tree) for :func:`walk_pool`, searches to ``depths``.

    Raises:
        ValueError: A maze's floor is not a tree, a floor tile has no open side,
            the mazes hold more than two kinds of object, or ``depths`` is below 1.
    """
    if depths < 1:
        raise ValueError(f"depths must be at least 1, got {depths}")
    kinds: dict[FeatureVector, int] = {FeatureVector(): 0}
    tiles = max(len(w.floor) for w in worlds)
    width = max(len(w.things) for w in worlds)
    mazes = len(worlds)
    neighbour = np.full((mazes * tiles, 4), -1, dtype=np.int64)
    kind_at = np.zeros(mazes * tiles, dtype=np.int64)
    object_kind = np.zeros((mazes, width), dtype=np.int64)
    distance = np.full((mazes, tiles, width), FAR, dtype=np.int64)
    first_move = np.zeros((mazes, tiles, width), dtype=np.int64)
    start = np.zeros(mazes, dtype=np.int64)
    for m, world in enumerate(worlds):
        cells = sorted(world.floor)
        index = {cell: i for i, cell in enumerate(cells)}
        offset = m * tiles
        edges = 0
        for i, cell in enumerate(cells):
            for d, move in enumerate(STEPS):
                there = move.apply(cell)
                if there in index:
                    neighbour[offset + i, d] = offset + index[there]
                    edges += 1
        if edges // 2 != len(cells) - 1:
            raise ValueError(f"worlds[{m}] ({world.name}): the floor is not a tree")
        start[m] = index[world.start]
        things = sorted(world.things, key=lambda t: t.position)
        for k, thing in enumerate(things):
            kind = kinds.setdefault(thing.features, len(kinds))
            object_kind[m, k] = kind
            kind_at[offset + index[thing.position]] = kind
        blocked = {index[t.position] for t in things}
        for k, thing in enumerate(things):
            local = neighbour[offset : offset + tiles] - offset
            _distances_to(
                index[thing.position], local, blocked, distance[m, :, k], first_move[m, :, k]
            )
    open_mask = ((neighbour >= 0) * (1 << np.arange(4))).sum(axis=1)
    if np.any((open_mask == 0) & _real_tiles(worlds, tiles)):
        raise ValueError("a floor tile has no open side")
    has_object = kind_at > 0
    near = np.zeros(mazes * tiles, dtype=bool)
    for d in range(4):
        beside = neighbour[:, d]
        near |= (beside >= 0) & has_object[np.maximum(beside, 0)]
    if len(kinds) > 3:
        raise ValueError(f"the mazes hold {len(kinds) - 1} kinds of object; at most 2 are allowed")
    absorbing = np.where(has_object[:, None], np.arange(mazes * tiles)[:, None], neighbour)
    max_steps = np.array([w.max_steps for w in worlds], dtype=np.int64)
    plans = _plans(object_kind, distance, first_move, max_steps, depths)
    return MazePool(
        kinds=tuple(kinds),
        tiles=tiles,
        start=start,
        max_steps=max_steps,
        neighbour=neighbour,
        open_mask=open_mask.astype(np.int64),
        kind_at=kind_at,
        near_object=near,
        object_kind=object_kind,
        distance=distance,
        first_move=first_move,
        depths=depths,
        absorbing=absorbing,
        plans=plans,
    )


def _plans(
    object_kind: NDArray[np.int64],
    distance: NDArray[np.int64],
    first_move: NDArray[np.int64],
    max_steps: NDArray[np.int64],
    depths: int,
) -> NDArray[np.int8]:
    """The table behind ``MazePool.plans`` (see there)."""
    mazes, tiles = distance.shape[:2]
    nearest = np.full((3, mazes, tiles), FAR, dtype=np.int64)  # kind 1, kind 2, either
    toward = np.full((3, mazes, tiles), -1, dtype=np.int64)
    # Objects in position order with strict improvement: among equally near, the topmost
    # then leftmost wins, as the search tree's tie-break has it.
    for k in range(distance.shape[2]):
        d, kind = distance[:, :, k], object_kind[:, k, None]
        for row, wanted in enumerate(((kind == 1), (kind == 2), (kind > 0))):
            closer = wanted & (d < nearest[row])
            np.copyto(nearest[row], d, where=closer)
            np.copyto(toward[row], first_move[:, :, k], where=closer)
    plans = np.empty((5, depths, mazes, tiles), dtype=np.int8)
    for depth in range(1, depths + 1):
        horizon = np.minimum(depth, max_steps)[:, None]
        first, second, either = (np.where(nearest[r] <= horizon, toward[r], -1) for r in range(3))
        plans[0, depth - 1] = first
        plans[1, depth - 1] = second
        plans[2, depth - 1] = np.where(first >= 0, first, second)
        plans[3, depth - 1] = np.where(second >= 0, second, first)
        plans[4, depth - 1] = either
    return plans.reshape(-1)


def _real_tiles(worlds: Sequence[GridWorld], tiles: int) -> NDArray[np.bool_]:
    real = np.zeros(len(worlds) * tiles, dtype=bool)
    for m, world in enumerate(worlds):
        real[m * tiles : m * tiles + len(world.floor)] = True
    return real


def _distances_to(
    target: int,
    neighbour: NDArray[np.int64],
    blocked: set[int],
    distance: NDArray[np.int64],
    first_move: NDArray[np.int64],
) -> None:
    """Fill ``distance`` and ``first_move`` from every tile to ``target``, never through objects."""
    distance[target] = 0
    queue = deque([target])
    while queue:
        here = queue.popleft()
        if here != target and here in blocked:
            continue
        for d in range(4):
            there = int(neighbour[here, d])
            if there >= 0 and distance[there] == FAR:
                distance[there] = distance[here] + 1
                first_move[there] = d ^ 1  # the way back: UP<->DOWN, LEFT<->RIGHT
                queue.append(there)
