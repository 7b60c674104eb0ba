"""The genetic operators written one draw at a time: the oracle ``breed`` must equal."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mesa_types import GeneticConfig


def plain_breed(
    weights: NDArray[np.float64],
    depths: NDArray[np.int64],
    fitness: NDArray[np.float64],
    c: GeneticConfig,
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The next generation's weights and depths, each random draw made on its own."""
    n, features = c.population - c.elite, weights.shape[1]
    elite = np.lexsort((np.arange(c.population), -fitness))[: c.elite]
    mother = _tournament(fitness, n, c.tournament, rng)
    father = _tournament(fitness, n, c.tournament, rng)
    crossing = rng.random(n) < c.crossover_rate
    from_father = crossing[:, None] & (rng.random((n, features)) < 0.5)
    depth_from_father = crossing & (rng.random(n) < 0.5)
    child_w = np.where(from_father, weights[father], weights[mother])
    child_d = np.where(depth_from_father, depths[father], depths[mother])
    mutate = rng.random((n, features)) < c.mutation_rate
    noise = rng.normal(0.0, c.weight_sigma, (n, features))
    child_w = np.where(mutate, child_w + noise, child_w)
    shift = rng.integers(-c.depth_step, c.depth_step + 1, n)
    child_d = np.where(rng.random(n) < c.mutation_rate, child_d + shift, child_d)
    child_d = np.clip(child_d, c.min_depth, c.max_depth)
    return np.concatenate([weights[elite], child_w]), np.concatenate([depths[elite], child_d])


def _tournament(
    fitness: NDArray[np.float64], n: int, size: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    contestants = rng.integers(0, len(fitness), (n, size))
    winners: NDArray[np.int64] = contestants[np.arange(n), np.argmax(fitness[contestants], axis=1)]
    return winners
