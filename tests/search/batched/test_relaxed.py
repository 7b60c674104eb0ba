"""The relaxed plant-or-planner: greedy in the limit, and its score is d log p / d params."""

from __future__ import annotations

import numpy as np
import pytest

from mesa_types import Adam
from search import EMERGENCE_FEATURES, GenomeBatch, compile_pool, draw_pool, walk_pool
from search.batched.relaxed import relaxed_walks
from search.experiments.emergence_descent import greedy_genome

BUDGETS = (0, 1, 2, 4, 8, 16, 32)
POOL = compile_pool(
    (*draw_pool("training", "corner", 4, 13, 1), *draw_pool("training", "anywhere", 4, 13, 2)),
    depths=32,
)
VALUES = POOL.kind_values(EMERGENCE_FEATURES)
F = len(EMERGENCE_FEATURES)
COLUMNS = 1 + 2 * int(POOL.max_steps.max())


def _params(seed: int, runs: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    weights = rng.uniform(-1.0, 1.0, (runs, 2 * F + 8))
    logits = rng.uniform(-1.0, 1.0, (runs, len(BUDGETS)))
    return np.concatenate([weights, logits], axis=1)


def _episodes(runs: int) -> tuple[np.ndarray, np.ndarray]:
    maze = np.tile(np.arange(POOL.mazes), runs)
    return maze, np.repeat(np.arange(runs), POOL.mazes)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_at_a_vanishing_temperature_the_relaxation_is_the_greedy_learned_algorithm(
    seed: int,
) -> None:
    params = _params(seed, 24)
    params[:, 2 * F + 8 :] *= 1e6  # the likeliest budget is drawn for sure
    maze, owner = _episodes(24)
    uniforms = np.random.default_rng(seed).random((len(maze), COLUMNS))
    relaxed = relaxed_walks(POOL, maze, owner, params, BUDGETS, VALUES, 1e-9, uniforms)
    genomes = [greedy_genome(row, BUDGETS) for row in params]
    batch = GenomeBatch.from_arrays(
        np.array([g.objective.weights for g in genomes]),
        np.array([g.depth for g in genomes], dtype=np.int64),
        F,
    )
    greedy = walk_pool(POOL, np.arange(POOL.mazes), batch, EMERGENCE_FEATURES)
    assert relaxed.kind.tolist() == greedy.kind.reshape(-1).tolist()
    assert relaxed.steps.tolist() == greedy.steps.reshape(-1).tolist()
    assert {g.depth for g in genomes} >= {0, 32}  # plants and planners both checked


def test_the_score_is_the_gradient_of_the_log_probability_of_the_draws() -> None:
    params = _params(5, 3)
    maze, owner = _episodes(3)
    uniforms = np.random.default_rng(5).random((len(maze), COLUMNS))
    base = relaxed_walks(POOL, maze, owner, params, BUDGETS, VALUES, 1.0, uniforms)
    h, checked = 1e-6, 0
    for p in range(params.shape[1]):
        up, down = params.copy(), params.copy()
        up[:, p] += h
        down[:, p] -= h
        a = relaxed_walks(POOL, maze, owner, up, BUDGETS, VALUES, 1.0, uniforms)
        b = relaxed_walks(POOL, maze, owner, down, BUDGETS, VALUES, 1.0, uniforms)
        # Only episodes whose draws a tiny change left as they were.
        same = (a.kind == base.kind) & (b.kind == base.kind)
        same &= (a.steps == base.steps) & (b.steps == base.steps)
        slope = (a.log_prob - b.log_prob) / (2 * h)
        np.testing.assert_allclose(slope[same], base.score[same, p], rtol=1e-4, atol=1e-5)
        checked += int(same.sum())
    assert checked > 0.9 * len(maze) * params.shape[1]


def test_budgets_deeper_than_the_plans_are_refused() -> None:
    maze, owner = _episodes(1)
    uniforms = np.zeros((len(maze), COLUMNS))
    with pytest.raises(ValueError, match="budgets must be at most 32, got 64"):
        relaxed_walks(POOL, maze, owner, _params(0, 1), (0, 64), VALUES, 1.0, uniforms)


def test_adam_steps_each_weight_by_the_learning_rate_whatever_its_gradient_scale() -> None:
    adam = Adam(np.zeros(3), learning_rate=0.1)
    for _ in range(5):
        weights = adam.step(np.array([1e-4, 1.0, -1e4]))
    np.testing.assert_allclose(weights, [0.5, 0.5, -0.5], rtol=1e-3)
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        Adam(np.zeros(1), learning_rate=0.0)
