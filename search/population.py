"""The population path: decide for a whole population of genomes on a batch of mazes at once.

For the base optimizer's inner loop. Reachability is computed once per maze
(breadth-first distances from the start to each object); one accumulation over
features then scores every object for every genome; masks apply each genome's
depth. The result equals what each :class:`~search.agent.TreeSearchAgent` does
on its own, choice for choice (a property test pins this): because the agent
plans to a finite horizon, its first plan is the one it completes, so the
outcome of an episode is decided at the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from search.agent import Genome
from search.world import GridWorld, Thing

__all__ = ["NOTHING", "MazeBatch", "compile_mazes", "genome_arrays", "population_choices"]

NOTHING = -1
"""The choice index meaning "no object: stay put"."""

_UNREACHABLE = np.iinfo(np.int64).max


@dataclass(frozen=True)
class MazeBatch:
    """Mazes reduced to what the population path needs, padded to a common object count.

    Attributes:
        worlds: The mazes.
        vocabulary: Feature names, in the order of the last axis of ``features``.
        things: Per maze, its reachable objects sorted by the agents' tie-break
            (distance from the start, then row, then column).
        features: ``(mazes, objects, features)`` feature values; padding is 0.
        distances: ``(mazes, objects)`` moves from the start; padding is unreachable.
        max_steps: ``(mazes,)`` step limits.
    """

    worlds: tuple[GridWorld, ...]
    vocabulary: tuple[str, ...]
    things: tuple[tuple[Thing, ...], ...]
    features: NDArray[np.float64]
    distances: NDArray[np.int64]
    max_steps: NDArray[np.int64]

    def outcome_values(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """``(mazes, objects)`` scores of each object under one weight vector."""
        values: NDArray[np.float64] = _accumulate(weights[None, :], self.features)[0]
        return values


def compile_mazes(worlds: Sequence[GridWorld], vocabulary: Sequence[str]) -> MazeBatch:
    """Precompute distances and feature rows for ``worlds`` over ``vocabulary``."""
    vocab = tuple(vocabulary)
    column = {name: i for i, name in enumerate(vocab)}
    per_maze: list[list[tuple[int, Thing]]] = []
    for world in worlds:
        dist = world.distances_from(world.start)
        reachable = [(dist[t.position], t) for t in world.things if t.position in dist]
        reachable.sort(key=lambda pair: (pair[0], pair[1].position))
        per_maze.append(reachable)
    width = max((len(r) for r in per_maze), default=0)
    features = np.zeros((len(worlds), width, len(vocab)), dtype=np.float64)
    distances = np.full((len(worlds), width), _UNREACHABLE, dtype=np.int64)
    for m, reachable in enumerate(per_maze):
        for k, (d, thing) in enumerate(reachable):
            distances[m, k] = d
            for name, value in thing.features.items():
                if name in column:
                    features[m, k, column[name]] = value
    return MazeBatch(
        worlds=tuple(worlds),
        vocabulary=vocab,
        things=tuple(tuple(t for _, t in r) for r in per_maze),
        features=features,
        distances=distances,
        max_steps=np.array([w.max_steps for w in worlds], dtype=np.int64),
    )


def genome_arrays(
    genomes: Sequence[Genome], vocabulary: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The genomes' weights as a ``(genomes, features)`` array, and their depths."""
    weights = np.array([g.objective.vector(vocabulary) for g in genomes], dtype=np.float64)
    depths = np.array([g.depth for g in genomes], dtype=np.int64)
    return weights.reshape(len(genomes), len(vocabulary)), depths


def population_choices(
    weights: NDArray[np.float64], depths: NDArray[np.int64], batch: MazeBatch
) -> NDArray[np.int64]:
    """Which object each genome goes to in each maze: ``(genomes, mazes)``, ``NOTHING`` if none.

    A genome goes to the best-scoring object within its horizon (its depth,
    capped by the maze's step limit) when that score is positive, breaking
    ties by the objects' order; otherwise it stays.
    """
    scores = _accumulate(weights, batch.features)  # (genomes, mazes, objects)
    horizon = np.minimum(depths[:, None], batch.max_steps[None, :])  # (genomes, mazes)
    visible = batch.distances[None, :, :] <= horizon[:, :, None]
    wanted = np.where(visible & (scores > 0.0), scores, -np.inf)
    if wanted.shape[2] == 0:
        return np.full(wanted.shape[:2], NOTHING, dtype=np.int64)
    best = np.argmax(wanted, axis=2)
    found = np.take_along_axis(wanted, best[:, :, None], axis=2)[:, :, 0] > -np.inf
    return np.where(found, best, NOTHING).astype(np.int64)


def _accumulate(weights: NDArray[np.float64], features: NDArray[np.float64]) -> NDArray[np.float64]:
    """``sum_f weights[p, f] * features[m, k, f]`` accumulated feature by feature.

    The sum runs in vocabulary order, exactly as ``LinearObjective.__call__``
    adds its terms, so scores (and ties between them) are bit-identical to the
    single agent's. A BLAS matrix product may add in another order.
    """
    total = np.zeros((weights.shape[0], *features.shape[:2]), dtype=np.float64)
    for f in range(weights.shape[1]):
        total += weights[:, f, None, None] * features[None, :, :, f]
    return total
