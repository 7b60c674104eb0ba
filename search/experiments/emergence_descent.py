"""One cell of the phase diagram under gradient descent: the same space, the same charge.

Gradient descent needs a learned algorithm it can differentiate, so each seed
trains the relaxation of :mod:`search.batched.relaxed`: the genome's weights
(mesa-objective and reflexes) as softmax logits, and the search budget as a
softmax over a few depths. Its base objective is the genetic algorithm's, the
:class:`~search.ThinkingCharge` of the episode, charged for the depth drawn.

The expected charge of a stochastic policy over a maze has no closed form
worth writing (it sums over every walk of up to 142 steps), so the gradient is
the score-function (REINFORCE) estimate: the mean over episodes of
``(return - baseline) * d log p(draws) / d params``, where the baseline of an
episode is the mean return of the other episodes in the same maze and step
(leave-one-out, so the estimate stays unbiased). Adam ascends it. Every draw
comes from the seed's own generator, so a seed fixes the run; the twenty seeds
of a cell are walked together, each on its own uniforms.

The product is the relaxation made greedy (every softmax an argmax, the
likeliest budget, the first among equals), deployed and labelled exactly as the
genetic algorithm's product is (:func:`~search.experiments.emergence.judge_products`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mesa_types import Adam, Genome, LinearObjective
from search.agents.plants import plant_vocabulary
from search.batched.foraging import GenomeBatch, walk_pool
from search.batched.maze_pool import MazePool
from search.batched.relaxed import RelaxedWalks, relaxed_walks
from search.experiments.emergence import (
    SeedOutcome,
    draw_training,
    episode_scores,
    judge_products,
    training_pool,
)
from search.experiments.emergence_settings import EmergenceSettings
from search.scenarios.diversity import EMERGENCE_FEATURES, ThinkingCharge

__all__ = ["greedy_genome", "run_descent_cell"]

_CHECKED_TRAINING = 256


def greedy_genome(params: NDArray[np.float64], budgets: tuple[int, ...]) -> Genome:
    """The learned algorithm a relaxation deploys as: its weights, and its likeliest budget."""
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    weights = tuple(float(w) for w in params[: len(vocabulary)])
    depth = budgets[int(np.argmax(params[len(vocabulary) :]))]
    return Genome(objective=LinearObjective(features=vocabulary, weights=weights), depth=depth)


def run_descent_cell(
    settings: EmergenceSettings, level_name: str, cost: float
) -> tuple[SeedOutcome, ...]:
    """Every seed of one cell: train the relaxation, make it greedy, deploy it, label it."""
    level = settings.level(level_name)
    pool, charge, d = training_pool(settings, level), settings.charge(cost), settings.descent
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    seeds = range(settings.first_seed, settings.first_seed + settings.seeds)
    exits = 0 if level.exits == "corner" else 1
    # A stream of its own, apart from the genetic algorithm's (the trailing 1).
    rngs = [
        np.random.default_rng(
            np.random.SeedSequence([settings.pool_seed, level.mazes, exits, s, 1])
        )
        for s in seeds
    ]
    params = np.stack(
        [
            np.concatenate(
                [
                    rng.uniform(-d.initial_scale, d.initial_scale, len(vocabulary)),
                    np.zeros(len(d.budgets)),
                ]
            )
            for rng in rngs
        ]
    )
    adam = Adam(params, d.learning_rate)
    batch = min(settings.batch, level.mazes)
    per_run = batch * d.samples
    owner = np.repeat(np.arange(len(rngs)), per_run)
    columns = 1 + 2 * int(pool.max_steps.max())
    values = pool.kind_values(EMERGENCE_FEATURES)
    for _ in range(d.steps):
        mazes = np.concatenate(
            [np.repeat(draw_training(rng, level.mazes, batch), d.samples) for rng in rngs]
        )
        uniforms = np.concatenate([rng.random((per_run, columns)) for rng in rngs])
        walks = relaxed_walks(
            pool, mazes, owner, adam.weights, d.budgets, values, d.temperature, uniforms
        )
        adam.step(_gradient(walks, pool, charge, d.budgets, len(rngs), batch, d.samples))
    if not np.all(np.isfinite(adam.weights)):
        raise ValueError("descent: the weights diverged; lower learning_rate")
    genomes = [greedy_genome(row, d.budgets) for row in adam.weights]
    products = [(g, _greedy_fitness(g, pool, charge, level.mazes)) for g in genomes]
    return judge_products(settings, level, cost, seeds, products)


def _gradient(
    walks: RelaxedWalks,
    pool: MazePool,
    charge: ThinkingCharge,
    budgets: tuple[int, ...],
    runs: int,
    batch: int,
    samples: int,
) -> NDArray[np.float64]:
    """``(runs, parameters)``: each run's score-function estimate of its expected charge's slope."""
    reward = np.array([charge.reward(k) for k in pool.kinds], dtype=np.float64)
    depth = np.array(budgets, dtype=np.int64)[walks.budget]
    returns = (
        reward[walks.kind] - charge.per_step * walks.steps - charge.per_unit * walks.steps * depth
    ).reshape(runs, batch, samples)
    others = (returns.sum(axis=2, keepdims=True) - returns) / (samples - 1)
    advantage = (returns - others).reshape(runs, batch * samples)
    score = walks.score.reshape(runs, batch * samples, -1)
    gradient: NDArray[np.float64] = np.einsum("re,rep->rp", advantage, score) / (batch * samples)
    return gradient


def _greedy_fitness(
    genome: Genome,
    pool: MazePool,
    charge: ThinkingCharge,
    mazes: int,
) -> float:
    """The greedy product's mean charge on the level's first (up to 256) training mazes."""
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    weights = np.array([genome.objective.weights], dtype=np.float64)
    depths = np.array([genome.depth], dtype=np.int64)
    assert len(genome.objective.weights) == len(vocabulary)
    one = GenomeBatch.from_arrays(weights, depths, len(EMERGENCE_FEATURES))
    checked = np.arange(min(mazes, _CHECKED_TRAINING), dtype=np.int64)
    scores = episode_scores(walk_pool(pool, checked, one, EMERGENCE_FEATURES), one, pool, charge)
    return math.fsum(scores[0].tolist()) / len(checked)
