"""The same-process references of W1's evolution compute what the library computes."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from benchmarks.bench_evolution import evolve_w1
from benchmarks.reference_w1 import library_w1, main, numpy_fitness, numpy_w1, w1_data
from benchmarks.reference_w1_numba import numba_w1
from mesa_types import GeneticConfig
from search import PopulationFitness, RunSeeds, TrainingSet, green_exit

SCENARIO = green_exit()
SEEDS = RunSeeds.of(0)
TRAINING = TrainingSet.compile(
    SCENARIO.training.sample_many(8, SEEDS.training), SCENARIO.vocabulary, SCENARIO.base
)
CONFIG = GeneticConfig(population=16, tournament=2, elite=3)


def test_the_matrix_product_fitness_equals_the_librarys_on_every_generation() -> None:
    fitness, data = PopulationFitness(TRAINING), w1_data(TRAINING)
    _, generations, _ = evolve_w1(SCENARIO, fitness, SEEDS.genetic, CONFIG, 12)
    for arrays in generations:
        expected = fitness.score(arrays)
        assert np.array_equal(numpy_fitness(arrays.weights, arrays.depths, data), expected)
        assert expected.tolist() == fitness(arrays.genomes())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_numpy_reference_evolves_the_librarys_run(seed: int) -> None:
    library = library_w1(SCENARIO, PopulationFitness(TRAINING), seed, CONFIG, 10)
    assert numpy_w1(w1_data(TRAINING), CONFIG, seed, 10).same_as(library)
    assert not numpy_w1(w1_data(TRAINING), CONFIG, seed + 1, 10).same_as(library)


def test_the_numba_reference_evolves_the_librarys_run_when_numba_is_there() -> None:
    data = w1_data(TRAINING)
    if importlib.util.find_spec("numba") is None:
        assert numba_w1(data, CONFIG, 0, 10) is None
        pytest.skip("numba is not installed")
    compiled = numba_w1(data, CONFIG, 0, 10)
    assert compiled is not None
    assert compiled.same_as(library_w1(SCENARIO, PopulationFitness(TRAINING), 0, CONFIG, 10))


def test_the_comparison_runs_and_reports_every_reference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seconds = main(["--repeats", "1"])
    printed = capsys.readouterr().out
    assert "equal the library's in each" in printed
    assert "library / numpy" in printed
    assert set(seconds) >= {"library", "numpy"}
