"""Plants and planners on many mazes at once: every genome of many runs, one walk in numpy.

The batched twin of :func:`search.agents.plants.forage`, on a pool compiled
once (:mod:`search.batched.maze_pool`). For a batch of genomes it builds the
plant's move for every heading and every pattern of open sides (away from
objects a plant's choice depends on nothing else) and looks up, for planners,
the move their search makes on each tile (the best object in view scoring
above zero, ties broken as the search tree breaks them: shallowest, then
topmost, then leftmost), or none. The walk itself is a few array lookups per
step for all walkers together; next to objects, where a plant's "see"
reflexes matter, its choice is computed in full; finished episodes are
dropped every few steps. The result equals :func:`~search.agents.plants.forage`
episode for episode (a test pins it), and each walker's arithmetic is the same
whatever else is in the batch, so cutting the work differently never changes a bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from search.batched.maze_pool import MazePool

__all__ = ["GenomeBatch", "Walks", "walk_pool"]

_CLOCKWISE_OF_STEP = np.array([0, 2, 3, 1])  # UP, DOWN, LEFT, RIGHT -> clockwise index
_MASKS = np.array([[(mask >> d) & 1 for d in range(4)] for mask in range(16)], dtype=bool)


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
