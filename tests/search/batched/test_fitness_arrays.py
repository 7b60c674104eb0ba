"""Population fitness of a generation given as arrays: the genomes' fitness, to the bit."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mesa_types import GeneticConfig, GeneticOptimizer, GenomeArrays
from search import PopulationFitness, TrainingSet, green_exit
from search.batched.fitness import reference_fitness, score_chunk
from search.batched.population import population_choices
from search.scenarios.registry import SCENARIOS, get_scenario


def _generation(name: str, seed: int, generations: int) -> tuple[PopulationFitness, GenomeArrays]:
    """A scenario's fitness on a few training mazes, and a generation bred on it."""
    scenario = get_scenario(name)
    worlds = scenario.training.sample_many(4, seed)
    fitness = PopulationFitness(TrainingSet.compile(worlds, scenario.vocabulary, scenario.base))
    config = GeneticConfig(population=12, max_depth=scenario.max_depth, initial_depth=10)
    ga = GeneticOptimizer(config, scenario.vocabulary, scenario.base, seed)
    for _ in range(generations):
        asked = ga.ask_arrays()
        ga.tell_arrays(asked, fitness.score(asked))
    return fitness, ga.ask_arrays()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("seed", [0, 5])
def test_scoring_the_arrays_equals_scoring_the_genomes(name: str, seed: int) -> None:
    fitness, generation = _generation(name, seed, 3)
    assert fitness.score(generation).tolist() == fitness(generation.genomes())


def test_both_sums_are_exercised_and_both_equal_the_episode_reference() -> None:
    for name, exact in [("green-exit", True), ("gems", False), ("distributional-shift", True)]:
        fitness, generation = _generation(name, 1, 2)
        training = fitness.training
        assert training.sums_exactly is exact
        scenario = get_scenario(name)
        genomes = generation.genomes()[:6]
        slow = reference_fitness(genomes, training.batch.worlds, scenario.base)
        assert fitness.score(generation)[:6].tolist() == slow


def test_arrays_over_another_vocabulary_order_score_as_their_genomes() -> None:
    fitness, generation = _generation("green-exit", 2, 1)
    order = [3, 0, 4, 1]  # one feature left out: it weighs 0
    shuffled = GenomeArrays(
        generation.generation,
        tuple(generation.vocabulary[i] for i in order),
        np.array(generation.weights[:, order]),
        np.array(generation.depths),
    )
    assert fitness.score(shuffled).tolist() == fitness(shuffled.genomes())


def test_chunks_on_an_executor_give_the_serial_numbers() -> None:
    fitness, generation = _generation("red-door", 3, 2)
    with ThreadPoolExecutor(2) as pool:
        chunked = PopulationFitness(fitness.training, pool, chunks=5)
        assert chunked.score(generation).tolist() == fitness.score(generation).tolist()


_SCENARIO = green_exit()
_TRAINING = TrainingSet.compile(
    _SCENARIO.training.sample_many(6, 0), _SCENARIO.vocabulary, _SCENARIO.base
)
_WEIGHTS = np.random.default_rng(0).normal(size=(20, len(_SCENARIO.vocabulary)))
_DEPTHS = np.random.default_rng(1).integers(0, 64, 20)
_CHOICES = population_choices(_WEIGHTS, _DEPTHS, _TRAINING.batch)


@settings(max_examples=100, deadline=None)
@given(
    arrays(
        np.float64,
        _TRAINING.values.shape,
        elements=st.one_of(
            st.integers(-(2**50), 2**50).map(float),
            st.sampled_from([0.0, -0.0, 0.5, 1e-3, 2.0**60, 1.0 / 3.0]),
        ),
    )
)
def test_every_base_score_table_gives_the_fsum_mean(values: np.ndarray) -> None:
    training = TrainingSet(_TRAINING.batch, values)
    got = score_chunk(training, _WEIGHTS, _DEPTHS)
    mazes = range(values.shape[0])
    expected = [
        math.fsum(values[m, c] for m, c in zip(mazes, row, strict=True)) / len(mazes)
        for row in _CHOICES.tolist()
    ]
    assert [math.copysign(1.0, v) for v in got.tolist()] == [
        math.copysign(1.0, v) for v in expected
    ]
    assert got.tolist() == expected
