"""Plants and planners on many mazes at once: every genome of many runs, one walk in numpy.

The batched twin of :func:`search.agents.plants.forage`. A pool of perfect
mazes is compiled once (:func:`compile_pool`): each floor tile's neighbours,
which of them are open, the kind of object on each tile, and, for every tile
and object, the distance a search must look to see the object (objects end
the episode, so no search passes through one) and the first move towards it.

For a batch of genomes two tables are then built: the plant's move for every
heading and every pattern of open sides (a plant's choice depends on nothing
else away from objects), and for planners the move their search makes on each
tile (the best object in view scoring above zero, ties broken as the search
tree breaks them: shallowest, then topmost, then leftmost), or none. The walk
itself is a few array lookups per step for all walkers together; near objects,
where a plant's "see" reflexes matter, its choice is computed in full. The
result equals :func:`~search.agents.plants.forage` episode for episode (a test
pins it), and each walker's arithmetic is the same whatever else is in the
batch, so cutting the work differently never changes a bit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import FeatureVector
from search.world.grid import STEPS, GridWorld

__all__ = ["GenomeBatch", "MazePool", "Walks", "compile_pool", "walk_pool"]

_CLOCKWISE_OF_STEP = np.array([0, 2, 3, 1])  # UP, DOWN, LEFT, RIGHT -> clockwise index
_FAR = 1 << 14
_MASKS = np.array([[(mask >> d) & 1 for d in range(4)] for mask in range(16)], dtype=bool)


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
    distance = np.full((mazes, tiles, width), _FAR, dtype=np.int64)
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
    nearest = np.full((3, mazes, tiles), _FAR, dtype=np.int64)  # kind 1, kind 2, either
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
            if there >= 0 and distance[there] == _FAR:
                distance[there] = distance[here] + 1
                first_move[there] = d ^ 1  # the way back: UP<->DOWN, LEFT<->RIGHT
                queue.append(there)


@dataclass(frozen=True)
class GenomeBatch:
    """Genomes as arrays, split by what each weight does (see :mod:`search.agents.plants`).

    Attributes:
        mesa: ``(genomes, features)`` mesa-objective weights over the world's features.
        go: ``(genomes, 4)`` direction likings, in ``STEPS`` order.
        turn: ``(genomes, 4)`` turn likings: straight, right, back, left.
        see: ``(genomes, features)`` likings for stepping onto each feature.
        depths: ``(genomes,)`` search depths; 0 is a plant.
    """

    mesa: NDArray[np.float64]
    go: NDArray[np.float64]
    turn: NDArray[np.float64]
    see: NDArray[np.float64]
    depths: NDArray[np.int64]

    @classmethod
    def from_arrays(
        cls, weights: NDArray[np.float64], depths: NDArray[np.int64], features: int
    ) -> GenomeBatch:
        """Split ``(genomes, vocabulary)`` weights laid out as ``plant_vocabulary`` lays them."""
        f = features
        return cls(
            mesa=weights[:, :f],
            go=weights[:, f : f + 4],
            turn=weights[:, f + 4 : f + 8],
            see=weights[:, f + 8 : 2 * f + 8],
            depths=depths,
        )


@dataclass(frozen=True)
class Walks:
    """Where each genome's episode in each maze ended: ``(genomes, mazes)`` kind and steps."""

    kind: NDArray[np.int64]
    steps: NDArray[np.int64]


def _per_kind(weights: NDArray[np.float64], values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``(genomes, kinds)`` scores, summed feature by feature as ``LinearObjective`` sums."""
    total = np.zeros((weights.shape[0], values.shape[0]), dtype=np.float64)
    for f in range(weights.shape[1]):
        total += weights[:, f, None] * values[None, :, f]
    return total


def _reflex_scores(genomes: GenomeBatch) -> NDArray[np.float64]:
    """``(genomes, 5, 4)``: go + turn for each heading (index 4: no heading yet) and direction."""
    rel = (_CLOCKWISE_OF_STEP[None, :] - _CLOCKWISE_OF_STEP[:, None]) % 4  # (heading, move)
    scores = np.empty((len(genomes.depths), 5, 4), dtype=np.float64)
    scores[:, :4, :] = genomes.go[:, None, :] + genomes.turn[:, rel]
    scores[:, 4, :] = genomes.go + 0.0
    return scores


def _plant_table(scores: NDArray[np.float64]) -> NDArray[np.int64]:
    """``(genomes, 5, 16)``: the best open move per heading and pattern of open sides."""
    masked = np.where(_MASKS[None, None, :, :], scores[:, :, None, :], -np.inf)
    table: NDArray[np.int64] = np.argmax(masked, axis=3).astype(np.int64)
    return table


def _plan_rows(
    pool: MazePool, genomes: GenomeBatch, values: NDArray[np.float64]
) -> NDArray[np.int64]:
    """Each genome's offset into ``pool.plans``, or -1 for a genome whose search never plans.

    Which object a search goes for depends only on how the genome ranks the
    pool's (at most two) kinds of object, and on its depth.
    """
    if genomes.depths.max(initial=0) > pool.depths:
        raise ValueError(f"depths must be at most {pool.depths}, got {genomes.depths.max()}")
    scores = _per_kind(genomes.mesa, values)
    s1 = scores[:, 1] if scores.shape[1] > 1 else np.zeros(len(scores))
    s2 = scores[:, 2] if scores.shape[1] > 2 else np.zeros(len(scores))
    p1, p2 = s1 > 0.0, s2 > 0.0
    both = p1 & p2
    ranking = np.select(
        [p1 & ~p2, p2 & ~p1, both & (s1 > s2), both & (s2 > s1), both],
        [0, 1, 2, 3, 4],
        -1,
    )
    rows = (ranking * pool.depths + genomes.depths - 1) * pool.mazes * pool.tiles
    found: NDArray[np.int64] = np.where((ranking >= 0) & (genomes.depths > 0), rows, -1)
    return found


def walk_pool(
    pool: MazePool, mazes: NDArray[np.int64], genomes: GenomeBatch, features: Sequence[str]
) -> Walks:
    """One episode of every genome in every maze of ``mazes`` (indices into ``pool``).

    ``mazes`` is ``(mazes,)``, the same for every genome, or ``(genomes, mazes)``.
    """
    values = pool.kind_values(features)
    n = len(genomes.depths)
    per_genome = np.broadcast_to(mazes, (n, mazes.shape[-1]))
    b = per_genome.shape[1]
    reflex = _reflex_scores(genomes)
    see = _per_kind(genomes.see, values)
    see[:, 0] = 0.0
    plan_base = _plan_rows(pool, genomes, values)  # (genomes,) or -1: no plan ever
    genome = np.repeat(np.arange(n), b)
    maze = per_genome.reshape(-1)
    # Planners first, so that the plan is looked up on a prefix of the walkers only.
    order = np.argsort(plan_base[genome] < 0, kind="stable")
    genome, maze = genome[order], maze[order]
    planners = int(np.count_nonzero(plan_base[genome] >= 0))
    walkers = _Walkers(pool, genome, maze, plan_base, _plant_table(reflex).reshape(-1))
    walkers.run(pool, planners, reflex, see)
    kind, steps = np.empty(n * b, dtype=np.int64), np.empty(n * b, dtype=np.int64)
    kind[order], steps[order] = walkers.final_kind, walkers.final_steps
    return Walks(kind.reshape(n, b), steps.reshape(n, b))


_WALKER_ARRAYS = (
    "slot",
    "genome",
    "plant_base",
    "plan_base",
    "here",
    "heading16",
    "limit",
    "steps",
)


class _Walkers:
    """Every episode of a batch as parallel arrays; finished episodes are dropped as they end."""

    def __init__(
        self,
        pool: MazePool,
        genome: NDArray[np.int64],
        maze: NDArray[np.int64],
        plan_base: NDArray[np.int64],
        plant: NDArray[np.int64],
    ) -> None:
        total = len(genome)
        self.plant = plant
        self.slot = np.arange(total)
        self.genome = genome
        self.plant_base = genome * 80
        self.plan_base = plan_base[genome]
        self.here = maze * pool.tiles + pool.start[maze]
        self.heading16 = np.full(total, 64, dtype=np.int64)  # heading 4 (none) times 16
        self.limit = pool.max_steps[maze]
        self.steps = np.zeros(total, dtype=np.int64)
        self.final_kind = np.zeros(total, dtype=np.int64)
        self.final_steps = np.zeros(total, dtype=np.int64)

    def run(
        self,
        pool: MazePool,
        planners: int,
        reflex: NDArray[np.float64],
        see: NDArray[np.float64],
    ) -> None:
        neighbour = pool.absorbing.reshape(-1)
        free = (pool.kind_at == 0).astype(np.int64)
        steps = 0
        while len(self.slot):
            block = min(8, int(self.limit.min()) - steps)
            for _ in range(block):
                here = self.here
                move = self.plant[self.plant_base + self.heading16 + pool.open_mask[here]]
                near = np.flatnonzero(pool.near_object[here])
                if len(near):
                    move[near] = _near_moves(
                        pool,
                        here[near],
                        self.genome[near],
                        self.heading16[near] // 16,
                        reflex,
                        see,
                    )
                if planners:
                    planned = pool.plans[self.plan_base[:planners] + here[:planners]]
                    move[:planners] = np.where(planned >= 0, planned, move[:planners])
                self.steps += free[here]
                self.here = neighbour[here * 4 + move]
                self.heading16 = move * 16
            steps += block
            planners = self._drop_finished(pool, steps, planners)

    def _drop_finished(self, pool: MazePool, steps: int, planners: int) -> int:
        """Record and drop the episodes that have ended; returns the planners left."""
        kind = pool.kind_at[self.here]
        ended = (kind > 0) | (self.limit <= steps)
        if not ended.any():
            return planners
        self.final_kind[self.slot[ended]] = kind[ended]
        self.final_steps[self.slot[ended]] = self.steps[ended]
        keep = ~ended
        left = int(np.count_nonzero(keep[:planners]))
        for name in _WALKER_ARRAYS:
            setattr(self, name, getattr(self, name)[keep])
        return left


def _near_moves(
    pool: MazePool,
    here: NDArray[np.int64],
    genome: NDArray[np.int64],
    heading: NDArray[np.int64],
    reflex: NDArray[np.float64],
    see: NDArray[np.float64],
) -> NDArray[np.int64]:
    """The plant's move, in full, on tiles next to an object: its "see" reflexes count there."""
    around = pool.neighbour[here]  # (walkers, 4)
    kinds = np.where(around >= 0, pool.kind_at[np.maximum(around, 0)], 0)
    scores = reflex[genome, heading] + see[genome[:, None], kinds]
    scores = np.where(around >= 0, scores, -np.inf)
    moves: NDArray[np.int64] = np.argmax(scores, axis=1).astype(np.int64)
    return moves
