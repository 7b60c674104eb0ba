from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from mesa_types import (
    BaseObjective,
    BaseOptimizer,
    Candidate,
    FeatureVector,
    GenerationStats,
    MetaOptimizer,
    TrainingRecord,
    episode_fitness,
    fitness_in_ask_order,
    goal,
    linear_weights,
    purpose,
)
from mesa_types.examples import VOCABULARY, ShelfPicker, picker, take_the_key, training_shelves

BASE = take_the_key()
TRAINING = training_shelves()


class RandomSearch(BaseOptimizer[ShelfPicker, FeatureVector]):
    """The simplest base optimizer: draw pickers with random weights, keep the best.

    Each generation is a fresh batch of ``population`` pickers whose mesa-objective
    weights are drawn uniformly from [-1, 1].
    """

    def __init__(self, population: int, seed: int) -> None:
        self._population = population
        self._rng = np.random.default_rng(seed)
        self._generation = -1
        self._pending: tuple[Candidate[ShelfPicker], ...] = ()
        self._best: tuple[ShelfPicker, float] | None = None

    @property
    def base_objective(self) -> BaseObjective[FeatureVector]:
        return BASE

    def ask(self) -> Sequence[Candidate[ShelfPicker]]:
        if self._pending:
            raise RuntimeError("tell the fitness of the last generation before asking again")
        self._generation += 1
        self._pending = tuple(
            Candidate(self._generation, i, self._draw()) for i in range(self._population)
        )
        return self._pending

    def tell(self, evaluated: Sequence[tuple[Candidate[ShelfPicker], float]]) -> None:
        fitness = fitness_in_ask_order(self._pending, evaluated)
        for candidate, value in zip(self._pending, fitness, strict=True):
            if self._best is None or value > self._best[1]:
                self._best = (candidate.model, value)
        self._pending = ()

    def best(self) -> tuple[ShelfPicker, float]:
        if self._best is None:
            raise RuntimeError("no generation has been told yet")
        return self._best

    def _draw(self) -> ShelfPicker:
        weights = self._rng.uniform(-1.0, 1.0, size=len(VOCABULARY))
        return picker(dict(zip(VOCABULARY, map(float, weights), strict=True)))


def train(
    population: int = 8, generations: int = 4, seed: int = 0
) -> TrainingRecord[ShelfPicker, FeatureVector]:
    optimizer = RandomSearch(population, seed)
    return optimizer.run(
        TRAINING, episode_fitness(BASE), generations=generations, environments=16, seed=seed
    )


def train_fitness(population: int) -> float:
    """A meta-objective: the fitness one generation of random search reaches."""
    return train(population=population, generations=1, seed=5).fitness


def test_run_returns_the_best_product_with_its_fitness_and_history() -> None:
    record = train()
    assert isinstance(record.product, ShelfPicker)
    assert record.training == "yellow-key shelves"
    assert [s.generation for s in record.history] == [0, 1, 2, 3]
    assert record.fitness == max(s.best for s in record.history)
    assert 0.0 <= record.fitness <= 1.0


def test_the_records_fitness_is_the_products_fitness_on_the_training_draw() -> None:
    record = train(seed=3)
    batch = TRAINING.sample_many(16, seed=3)
    assert episode_fitness(BASE)([record.product], batch) == [record.fitness]


def test_the_same_seed_gives_the_same_record() -> None:
    assert train(seed=7) == train(seed=7)


def test_different_seeds_give_different_runs() -> None:
    assert train(seed=1).history != train(seed=2).history


def test_purpose_is_the_base_objective_that_selected_the_product() -> None:
    record = train()
    assert purpose(record) is BASE
    # Its goal is something else: whatever mesa-objective the search happened to find.
    assert goal(record.product) is record.product.mesa_objective
    assert linear_weights(goal(record.product)) != linear_weights(purpose(record))


def test_run_needs_at_least_one_generation() -> None:
    with pytest.raises(ValueError, match="generations must be at least 1, got 0"):
        train(generations=0)


def test_tell_rejects_candidates_from_another_generation() -> None:
    optimizer = RandomSearch(3, seed=0)
    first = optimizer.ask()
    optimizer.tell([(c, 0.0) for c in first])
    optimizer.ask()
    with pytest.raises(ValueError, match=r"token 0 is from generation 0, but generation 1 is out"):
        optimizer.tell([(c, 0.0) for c in first])


def test_tell_rejects_candidates_it_did_not_ask_for() -> None:
    optimizer = RandomSearch(3, seed=0)
    asked = list(optimizer.ask())
    forged = Candidate(asked[0].generation, asked[0].index, picker({"kind:key": 1.0}))
    with pytest.raises(ValueError, match="was not handed out"):
        optimizer.tell([(forged, 1.0), *((c, 0.0) for c in asked[1:])])


def test_tell_rejects_missing_or_repeated_candidates() -> None:
    optimizer = RandomSearch(3, seed=0)
    asked = optimizer.ask()
    with pytest.raises(ValueError, match="1 tokens were not told, first 2"):
        optimizer.tell([(asked[0], 0.0), (asked[1], 0.0)])
    with pytest.raises(ValueError, match="token 0 is told twice"):
        optimizer.tell([(asked[0], 0.0), (asked[0], 0.0), (asked[1], 0.0)])


def test_tell_rejects_nan_fitness() -> None:
    optimizer = RandomSearch(2, seed=0)
    asked = optimizer.ask()
    with pytest.raises(ValueError, match="token 0 has fitness nan; it must be finite"):
        optimizer.tell([(asked[0], math.nan), (asked[1], 0.0)])


def test_episode_fitness_is_the_mean_base_score_over_environments() -> None:
    batch = TRAINING.sample_many(10, seed=0)
    keys, anything_but = picker({"kind:key": 1.0}), picker({"kind:key": -1.0})
    assert episode_fitness(BASE)([keys, anything_but], batch) == [1.0, 0.0]


def test_episode_fitness_needs_environments() -> None:
    with pytest.raises(ValueError, match="at least one training environment"):
        episode_fitness(BASE)([picker({})], [])


def test_generation_stats_summarise_fitnesses() -> None:
    stats = GenerationStats.of(4, [0.0, 1.0, 2.0])
    assert (stats.generation, stats.best, stats.mean) == (4, 2.0, 1.0)
    assert stats.std == pytest.approx(math.sqrt(2 / 3))
    assert GenerationStats.model_validate_json(stats.model_dump_json()) == stats


# --- meta-optimization --------------------------------------------------------------------


def test_meta_optimizer_picks_the_setting_whose_run_reaches_the_best_fitness() -> None:
    settings = [1, 2, 32]
    trace = MetaOptimizer(train_fitness).search(settings)
    assert trace.scores == tuple(train_fitness(s) for s in settings)
    assert trace.scores[trace.chosen] == max(trace.scores)
    assert trace.is_faithful_to(train_fitness)


def test_meta_optimizer_takes_the_first_of_tied_settings() -> None:
    trace = MetaOptimizer(lambda s: -abs(s - 3)).search([1, 3, 5, 3])
    assert trace.choice == 3
    assert trace.chosen == 1


def test_meta_optimizer_needs_a_setting() -> None:
    with pytest.raises(ValueError, match="at least one candidate"):
        MetaOptimizer(train_fitness).search([])
