"""The genetic optimizer's array path: the same run as the token path, draw for draw."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from mesa_types import GeneticConfig, GeneticOptimizer, GeneticState, GenomeArrays
from mesa_types.optimizers.breeding import breed, first_generation
from search import green_exit
from tests.mesa_types.optimizers.plain_breeding import plain_breed

SCENARIO = green_exit()
VOCABULARY = SCENARIO.vocabulary

Score = Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]]


def _coarse(weights: NDArray[np.float64], depths: NDArray[np.int64]) -> NDArray[np.float64]:
    """A stand-in fitness with many ties (depth classes), so tie-breaking is exercised."""
    return (depths % 3).astype(np.float64) + np.round(weights[:, 0], 1)


def _fine(weights: NDArray[np.float64], depths: NDArray[np.int64]) -> NDArray[np.float64]:
    return depths + weights @ np.arange(1.0, weights.shape[1] + 1)


@st.composite
def configs(draw: st.DrawFn) -> GeneticConfig:
    population = draw(st.integers(2, 24))
    min_depth = draw(st.integers(0, 5))
    initial = draw(st.integers(min_depth, 20))
    return GeneticConfig(
        population=population,
        tournament=draw(st.integers(1, population)),
        elite=draw(st.integers(0, population - 1)),
        crossover_rate=draw(st.sampled_from([0.0, 0.5, 1.0])),
        mutation_rate=draw(st.sampled_from([0.0, 0.2, 1.0])),
        weight_sigma=draw(st.sampled_from([0.1, 2.0])),
        depth_step=draw(st.integers(0, 6)),
        min_depth=min_depth,
        initial_depth=initial,
        max_depth=draw(st.integers(initial, 40)),
    )


def _optimizer(config: GeneticConfig, seed: int) -> GeneticOptimizer:
    return GeneticOptimizer(config, VOCABULARY, SCENARIO.base, seed)


def _token_step(ga: GeneticOptimizer, score: Score) -> None:
    tokens = ga.ask()
    weights = np.array([t.model.objective.weights for t in tokens])
    depths = np.array([t.model.depth for t in tokens])
    ga.tell(list(zip(tokens, score(weights, depths).tolist(), strict=True)))


def _array_step(ga: GeneticOptimizer, score: Score) -> None:
    asked = ga.ask_arrays()
    ga.tell_arrays(asked, score(asked.weights, asked.depths))


def _same(a: GeneticOptimizer, b: GeneticOptimizer) -> None:
    assert a.state() == b.state()
    assert a.evaluated == b.evaluated
    assert a.incumbent == b.incumbent
    assert a.best() == b.best()
    assert [t.model for t in a.ask()] == b.ask_arrays().genomes()


@settings(max_examples=60, deadline=None)
@given(configs(), st.integers(0, 2**32), st.sampled_from([_coarse, _fine]), st.integers(1, 6))
def test_the_array_path_runs_the_token_paths_run(
    config: GeneticConfig, seed: int, score: Score, generations: int
) -> None:
    tokens, arrays = _optimizer(config, seed), _optimizer(config, seed)
    for _ in range(generations):
        _token_step(tokens, score)
        _array_step(arrays, score)
        _same(tokens, arrays)


@settings(max_examples=80, deadline=None)
@given(configs(), st.integers(0, 2**32), st.sampled_from([_coarse, _fine]))
def test_breeding_draws_what_drawing_one_operator_at_a_time_draws(
    config: GeneticConfig, seed: int, score: Score
) -> None:
    rng, plain_rng = np.random.default_rng(seed), np.random.default_rng(seed)
    parents = first_generation(config, VOCABULARY, rng)
    first_generation(config, VOCABULARY, plain_rng)
    fitness = score(parents.weights, parents.depths)
    child = breed(parents, fitness, config, rng)
    weights, depths = plain_breed(parents.weights, parents.depths, fitness, config, plain_rng)
    assert np.array_equal(child.weights, weights)
    assert np.array_equal(child.depths, depths)
    assert child.generation == parents.generation + 1
    assert rng.bit_generator.state == plain_rng.bit_generator.state


@settings(max_examples=25, deadline=None)
@given(configs(), st.integers(0, 2**32), st.integers(0, 5), st.booleans())
def test_a_run_saved_mid_way_and_restored_continues_as_the_uninterrupted_one(
    config: GeneticConfig, seed: int, saved_after: int, restored_on_tokens: bool
) -> None:
    whole, part = _optimizer(config, seed), _optimizer(config, seed)
    for _ in range(saved_after):
        _array_step(part, _coarse)
    saved = GeneticState.model_validate(json.loads(part.state().model_dump_json()))
    restored = GeneticOptimizer.restore(saved, config, VOCABULARY, SCENARIO.base)
    for _ in range(saved_after):
        _array_step(whole, _coarse)
    for _ in range(3):
        _array_step(whole, _coarse)
        (_token_step if restored_on_tokens else _array_step)(restored, _coarse)
    _same(whole, restored)


def test_the_last_generation_told_is_there_as_fitness_and_genome_by_genome() -> None:
    ga = _optimizer(GeneticConfig(population=6), 3)
    for _ in range(2):
        _array_step(ga, _coarse)
    fitness = ga.evaluated_fitness
    assert fitness.tolist() == [f for _, f in ga.evaluated]
    assert [ga.evaluated_genome(i) for i in range(6)] == [g for g, _ in ga.evaluated]
    restored = GeneticOptimizer.restore(ga.state(), ga.config, VOCABULARY, SCENARIO.base)
    assert restored.evaluated_fitness.tolist() == fitness.tolist()
    assert restored.evaluated_genome(4) == ga.evaluated_genome(4)
    assert not fitness.flags.writeable


def test_tell_arrays_rejects_arrays_it_did_not_hand_out_and_bad_fitness() -> None:
    ga, other = (
        _optimizer(GeneticConfig(population=4), 0),
        _optimizer(GeneticConfig(population=4), 0),
    )
    asked = ga.ask_arrays()
    with pytest.raises(ValueError, match="generation 0 of some optimizer"):
        ga.tell_arrays(other.ask_arrays(), np.zeros(4))
    with pytest.raises(ValueError, match="expected 4 fitness values"):
        ga.tell_arrays(asked, np.zeros(3))
    with pytest.raises(ValueError, match="genome 2 has fitness nan"):
        ga.tell_arrays(asked, [0.0, 1.0, np.nan, 0.0])
    ga.tell_arrays(asked, np.zeros(4))
    with pytest.raises(ValueError, match="generation 0 of some optimizer, but generation 1"):
        ga.tell_arrays(asked, np.zeros(4))


def test_tokens_out_go_stale_when_their_generation_is_told_as_arrays() -> None:
    ga = _optimizer(GeneticConfig(population=4), 0)
    tokens = ga.ask()
    with pytest.raises(ValueError, match="cannot save state while a generation is out"):
        ga.state()
    ga.tell_arrays(ga.ask_arrays(), np.arange(4.0))
    ga.state()  # nothing out any more
    with pytest.raises(ValueError, match="call ask\\(\\) first"):
        ga.tell([(t, 0.0) for t in tokens])
    with pytest.raises(ValueError, match="from generation 0, but generation 1 is out"):
        ga.ask()
        ga.tell([(t, 0.0) for t in tokens])


def test_a_generation_handed_out_is_read_only_and_builds_its_genomes() -> None:
    ga = _optimizer(GeneticConfig(population=5), 1)
    asked = ga.ask_arrays()
    with pytest.raises(ValueError, match="read-only"):
        asked.weights[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        asked.depths[0] = 1
    genomes = asked.genomes()
    assert genomes == [t.model for t in ga.ask()]
    assert [asked.genome(i) for i in range(5)] == genomes
    assert genomes[2].objective.features == VOCABULARY
    assert genomes[2].objective.weights == tuple(asked.weights[2].tolist())
    with pytest.raises(IndexError, match="genome 5 of a generation of 5"):
        asked.genome(5)


def test_genome_arrays_check_their_shape_their_numbers_and_their_vocabulary() -> None:
    with pytest.raises(ValueError, match=r"weights of shape \(2, 3\) do not fit 2 depths over 2"):
        GenomeArrays(0, ("a", "b"), np.zeros((2, 3)), np.zeros(2, dtype=np.int64))
    infinite = GenomeArrays(0, ("a",), np.array([[np.inf]]), np.ones(1, dtype=np.int64))
    with pytest.raises(ValueError, match="no longer finite"):
        infinite.genomes()
    negative = GenomeArrays(0, ("a",), np.zeros((1, 1)), -np.ones(1, dtype=np.int64))
    with pytest.raises(ValueError, match="negative depth"):
        negative.genome(0)
    twice = GenomeArrays(0, ("a", "a"), np.zeros((1, 2)), np.ones(1, dtype=np.int64))
    with pytest.raises(ValueError, match="names a feature more than once"):
        twice.genomes()
