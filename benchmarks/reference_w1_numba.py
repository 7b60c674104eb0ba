"""W1's evolution compiled with numba: the reference's loops, when numba is importable.

The same algorithm as :func:`benchmarks.reference_w1.numpy_w1`, written as
loops that numba compiles: fitness genome by genome, maze by maze (features
added in vocabulary order, as the library adds them), and the genetic
operators with numba's own support for ``numpy.random.Generator``, which
draws the same numbers as numpy from the same generator. numba is optional:
without it :func:`numba_w1` returns None.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mesa_types import GeneticConfig

if TYPE_CHECKING:
    from benchmarks.reference_w1 import EvolvedRun, W1Data

__all__ = ["numba_w1"]


def numba_w1(data: W1Data, config: GeneticConfig, seed: int, generations: int) -> EvolvedRun | None:
    """W1's evolution compiled with numba, or None if numba is not importable.

    The first call compiles (a few seconds); later calls run compiled code only.
    """
    from benchmarks.reference_w1 import EvolvedRun

    evolve = _compiled()
    if evolve is None:
        return None
    c = config
    rates = np.array([c.crossover_rate, c.mutation_rate, c.weight_sigma, c.initial_weight_scale])
    counts = (c.population, c.elite, c.tournament, c.depth_step, c.min_depth, c.initial_depth)
    sizes = np.array([*counts, c.max_depth, generations], dtype=np.int64)
    mazes = (data.features, data.distances, data.max_steps, data.values)
    stats, best_w, best_d, best_f, weights, depths = evolve(
        *mazes, np.random.default_rng(seed), rates, sizes
    )
    best = (tuple(best_w.tolist()), int(best_d), float(best_f))
    return EvolvedRun(stats, best, (weights, depths))


@functools.cache
def _compiled() -> Callable[..., Any] | None:
    try:
        numba = importlib.import_module("numba")
    except ImportError:
        return None
    fitness, breed = numba.njit(_fitness), numba.njit(_breed)

    def evolve(
        features: NDArray[np.float64],
        distances: NDArray[np.int64],
        max_steps: NDArray[np.int64],
        values: NDArray[np.float64],
        rng: np.random.Generator,
        rates: NDArray[np.float64],
        sizes: NDArray[np.int64],
    ) -> tuple[Any, ...]:
        population, generations = sizes[0], sizes[7]
        scale = rates[3]
        weights = rng.uniform(-scale, scale, (population, features.shape[2]))
        depths = rng.integers(sizes[4], sizes[5] + 1, population)
        stats = np.empty((generations, 3))
        best_w, best_d, best_f = weights[0].copy(), depths[0], -np.inf
        for generation in range(generations):
            scores = fitness(weights, depths, features, distances, max_steps, values)
            # numba's reductions: the check against the library would show any rounding apart.
            stats[generation, 0] = scores.max()
            stats[generation, 1] = scores.mean()
            stats[generation, 2] = scores.std()
            top = np.argmax(scores)
            if generation == 0 or scores[top] > best_f:
                best_w, best_d, best_f = weights[top].copy(), depths[top], scores[top]
            weights, depths = breed(weights, depths, scores, rng, rates, sizes)
        return stats, best_w, best_d, best_f, weights, depths

    compiled: Callable[..., Any] = numba.njit(evolve)
    return compiled


def _fitness(
    weights: NDArray[np.float64],
    depths: NDArray[np.int64],
    features: NDArray[np.float64],
    distances: NDArray[np.int64],
    max_steps: NDArray[np.int64],
    values: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Each genome's mean base score: the best reachable object with a positive score."""
    genomes, (mazes, objects, width) = len(depths), features.shape
    fitness = np.empty(genomes)
    for p in range(genomes):
        total = 0.0
        for m in range(mazes):
            horizon, best, choice = min(depths[p], max_steps[m]), 0.0, objects  # objects: nothing
            for k in range(objects):
                if distances[m, k] <= horizon:
                    score = 0.0
                    for f in range(width):
                        score += weights[p, f] * features[m, k, f]
                    if score > best:
                        best, choice = score, k
            total += values[m, choice]
        fitness[p] = total / mazes
    return fitness


def _breed(
    weights: NDArray[np.float64],
    depths: NDArray[np.int64],
    fitness: NDArray[np.float64],
    rng: np.random.Generator,
    rates: NDArray[np.float64],
    sizes: NDArray[np.int64],
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The next generation, draw for draw as the library breeds it."""
    population, elite, tournament, step = sizes[0], sizes[1], sizes[2], sizes[3]
    crossover, mutation, sigma = rates[0], rates[1], rates[2]
    n, width = population - elite, weights.shape[1]
    parents = np.empty((2, n), dtype=np.int64)
    for which in range(2):  # mother, then father
        drawn = rng.integers(0, population, (n, tournament))
        for i in range(n):
            winner = drawn[i, 0]
            for j in range(1, tournament):
                if fitness[drawn[i, j]] > fitness[winner]:
                    winner = drawn[i, j]
            parents[which, i] = winner
    crossing = rng.random(n) < crossover
    gene_from_father = rng.random((n, width)) < 0.5
    depth_from_father = rng.random(n) < 0.5
    mutate = rng.random((n, width)) < mutation
    noise = rng.normal(0.0, sigma, (n, width))
    shift = rng.integers(-step, step + 1, n)
    mutate_depth = rng.random(n) < mutation
    order = np.argsort(-fitness, kind="mergesort")  # stable: lower index first among equals
    child_w, child_d = np.empty_like(weights), np.empty_like(depths)
    for e in range(elite):
        child_w[e] = weights[order[e]]
        child_d[e] = depths[order[e]]
    for i in range(n):
        mother, father = parents[0, i], parents[1, i]
        for f in range(width):
            gene = (
                weights[father, f] if crossing[i] and gene_from_father[i, f] else weights[mother, f]
            )
            child_w[elite + i, f] = gene + noise[i, f] if mutate[i, f] else gene
        depth = depths[father] if crossing[i] and depth_from_father[i] else depths[mother]
        depth = depth + shift[i] if mutate_depth[i] else depth
        child_d[elite + i] = min(max(depth, sizes[4]), sizes[6])
    return child_w, child_d
