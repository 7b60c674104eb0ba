"""The genetic base optimizer: its config, the ask/tell contract, its operators, its fitness."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesa_types import (
    Candidate,
    GeneticConfig,
    GeneticOptimizer,
    GeneticState,
    Genome,
    episode_fitness,
    purpose,
)
from search import PopulationFitness, Scenario, TrainingSet, TreeSearchAgent, green_exit
from search.batched.fitness import reference_fitness

SCENARIO = green_exit()


def _optimizer(seed: int = 0, **config: float) -> GeneticOptimizer:
    return GeneticOptimizer(
        GeneticConfig.model_validate({"population": 8, **config}),
        SCENARIO.vocabulary,
        SCENARIO.base,
        seed,
    )


def _depth_fitness(genome: Genome) -> float:
    """A deterministic stand-in fitness: cheap, and different for most genomes."""
    return float(genome.depth) + genome.objective.weights[0]


def _step(ga: GeneticOptimizer, fitness: Callable[[Genome], float] = _depth_fitness) -> list[float]:
    tokens = ga.ask()
    values = [fitness(t.model) for t in tokens]
    ga.tell(list(zip(tokens, values, strict=True)))
    return values


# --- config ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("population", 1, ">= 2"),
        ("tournament", 0, ">= 1"),
        ("elite", -1, ">= 0"),
        ("crossover_rate", -0.1, "[0, 1]"),
        ("crossover_rate", 1.5, "[0, 1]"),
        ("crossover_rate", math.nan, "[0, 1]"),
        ("mutation_rate", math.inf, "[0, 1]"),
        ("weight_sigma", 0.0, "(0, inf)"),
        ("weight_sigma", math.nan, "(0, inf)"),
        ("weight_sigma", math.inf, "(0, inf)"),
        ("depth_step", -1, ">= 0"),
        ("min_depth", -2, ">= 0"),
        ("initial_weight_scale", -1.0, "(0, inf)"),
    ],
)
def test_config_rejects_out_of_range_values_naming_field_and_range(
    field: str, value: float, allowed: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        GeneticConfig.model_validate({field: value})
    message = str(raised.value)
    assert field in message
    assert allowed in message


@pytest.mark.parametrize(
    ("settings_", "named"),
    [
        ({"population": 4, "tournament": 5}, "tournament must be in [1, population=4]"),
        ({"population": 4, "elite": 4}, "elite must be in [0, population - 1 = 3]"),
        ({"min_depth": 10, "initial_depth": 5}, "min_depth <= initial_depth <= max_depth"),
        ({"initial_depth": 70, "max_depth": 64}, "min_depth <= initial_depth <= max_depth"),
    ],
)
def test_config_rejects_settings_that_do_not_fit_together(
    settings_: dict[str, int], named: str
) -> None:
    with pytest.raises(ValidationError, match=named.replace("[", r"\[")):
        GeneticConfig.model_validate(settings_)


def test_config_forbids_unknown_fields_and_is_frozen() -> None:
    with pytest.raises(ValidationError, match="popsize"):
        GeneticConfig.model_validate({"popsize": 10})
    config = GeneticConfig()
    with pytest.raises(ValidationError):
        config.population = 3  # type: ignore[misc]


# --- ask / tell ----------------------------------------------------------------------------


def test_ask_hands_out_one_token_per_genome_of_the_current_generation() -> None:
    ga = _optimizer()
    tokens = ga.ask()
    assert [(t.generation, t.index) for t in tokens] == [(0, i) for i in range(8)]
    assert ga.ask() == tokens
    _step(ga)
    assert {t.generation for t in ga.ask()} == {1}


def test_tell_rejects_tokens_from_another_generation() -> None:
    ga = _optimizer()
    old = ga.ask()
    _step(ga)
    ga.ask()
    with pytest.raises(ValueError, match="from generation 0, but generation 1 is out"):
        ga.tell([(t, 1.0) for t in old])


def test_tell_rejects_tokens_it_did_not_hand_out() -> None:
    ga = _optimizer()
    tokens = list(ga.ask())
    forged = Candidate(0, 3, Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=5))
    tokens[3] = forged
    with pytest.raises(ValueError, match="token 3 was not handed out"):
        ga.tell([(t, 1.0) for t in tokens])
    with pytest.raises(ValueError, match="not handed out"):
        ga.tell([(Candidate(0, 99, forged.model), 1.0)])


def test_tell_rejects_duplicate_and_missing_tokens() -> None:
    ga = _optimizer()
    tokens = ga.ask()
    with pytest.raises(ValueError, match="token 0 is told twice"):
        ga.tell([(tokens[0], 1.0), (tokens[0], 1.0)])
    with pytest.raises(ValueError, match="7 tokens were not told, first 1"):
        ga.tell([(tokens[0], 1.0)])


def test_tell_rejects_nan_fitness_and_tell_before_ask() -> None:
    ga = _optimizer()
    with pytest.raises(ValueError, match="call ask"):
        ga.tell([])
    tokens = ga.ask()
    with pytest.raises(ValueError, match="token 2 has fitness nan"):
        ga.tell([(t, math.nan if t.index == 2 else 1.0) for t in tokens])
    # A rejected tell changes nothing: the same tokens can still be told.
    ga.tell([(t, 1.0) for t in tokens])
    assert ga.generation == 1


def test_best_before_any_tell_is_an_error() -> None:
    with pytest.raises(ValueError, match="no genome has been evaluated"):
        _optimizer().best()


# --- operators and reproducibility ----------------------------------------------------------


def test_same_seed_gives_the_same_run_and_another_seed_another() -> None:
    runs = []
    for seed in (5, 5, 6):
        ga = _optimizer(seed)
        for _ in range(4):
            _step(ga)
        runs.append(ga.state())
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    population=st.integers(2, 12),
    elite=st.integers(1, 11),
    tournament=st.integers(1, 12),
    rates=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
def test_elitism_never_loses_the_best_fitness(
    seed: int, population: int, elite: int, tournament: int, rates: tuple[float, float]
) -> None:
    config = GeneticConfig(
        population=population,
        elite=min(elite, population - 1),
        tournament=min(tournament, population),
        crossover_rate=rates[0],
        mutation_rate=rates[1],
    )
    ga = GeneticOptimizer(config, SCENARIO.vocabulary, SCENARIO.base, seed)
    bests = []
    for _ in range(5):
        told = ga.ask()
        values = _step(ga)
        bests.append(max(values))
        order = sorted(range(len(values)), key=lambda i: (-values[i], i))
        elites = [told[i].model for i in order[: config.elite]]
        assert [t.model for t in ga.ask()[: config.elite]] == elites
    assert bests == sorted(bests)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), step=st.integers(0, 30))
def test_depths_stay_within_the_configured_range(seed: int, step: int) -> None:
    ga = _optimizer(seed, min_depth=3, initial_depth=5, max_depth=9, depth_step=step)
    for _ in range(6):
        assert all(3 <= t.model.depth <= 9 for t in ga.ask())
        _step(ga)


def test_best_among_equal_fitness_is_the_first_found() -> None:
    ga = _optimizer()
    first = ga.ask()[0].model
    for _ in range(4):
        _step(ga, lambda genome: 1.0)
    assert ga.best() == (first, 1.0)
    incumbent = ga.incumbent
    assert incumbent is not None
    assert (incumbent.generation, incumbent.index) == (0, 0)


def test_a_strictly_better_genome_replaces_the_best() -> None:
    ga = _optimizer()
    _step(ga, lambda genome: 1.0)
    tokens = ga.ask()
    ga.tell([(t, 2.0 if t.index == 5 else 1.0) for t in tokens])
    assert ga.best() == (tokens[5].model, 2.0)


def test_state_survives_json_and_continues_identically() -> None:
    ga = _optimizer(11)
    for _ in range(3):
        _step(ga)
    saved = GeneticState.model_validate_json(ga.state().model_dump_json())
    copy = GeneticOptimizer.restore(saved, ga.config, SCENARIO.vocabulary, SCENARIO.base)
    for _ in range(3):
        _step(ga)
        _step(copy)
    assert copy.state() == ga.state()
    assert copy.best() == ga.best()


def test_state_cannot_be_taken_while_tokens_are_out() -> None:
    ga = _optimizer()
    ga.ask()
    with pytest.raises(ValueError, match="tell"):
        ga.state()


# --- fitness ----------------------------------------------------------------------------------


def _genomes(scenario: Scenario, rng: np.random.Generator, n: int) -> list[Genome]:
    hand_made = [
        Genome.of({"kind:exit": 1.0}, scenario.vocabulary, depth=64),
        Genome.of({"color:green": 1.0}, scenario.vocabulary, depth=64),
        Genome.of({"kind:apple": 1.0}, scenario.vocabulary, depth=10),
        Genome.of({}, scenario.vocabulary, depth=64),
        Genome.of({"kind:exit": 1.0, "kind:apple": 1.0}, scenario.vocabulary, depth=30),
    ]
    random = [
        Genome.of(
            dict(
                zip(scenario.vocabulary, rng.uniform(-1, 1, len(scenario.vocabulary)), strict=True)
            ),
            scenario.vocabulary,
            depth=int(rng.integers(0, 65)),
        )
        for _ in range(n)
    ]
    return hand_made + random


@pytest.mark.parametrize("which", ["training", "deployment"])
def test_population_fitness_equals_the_episode_by_episode_reference(which: str) -> None:
    distribution = SCENARIO.training if which == "training" else SCENARIO.deployment
    worlds = distribution.sample_many(5, seed=3)
    genomes = _genomes(SCENARIO, np.random.default_rng(1), 10)
    fast = PopulationFitness(TrainingSet.compile(worlds, SCENARIO.vocabulary, SCENARIO.base))
    assert fast(genomes) == reference_fitness(genomes, worlds, SCENARIO.base)


def test_the_genetic_algorithm_climbs_the_base_objective() -> None:
    worlds = SCENARIO.training.sample_many(8, seed=0)
    fitness = PopulationFitness(TrainingSet.compile(worlds, SCENARIO.vocabulary, SCENARIO.base))
    ga = GeneticOptimizer(GeneticConfig(population=32), SCENARIO.vocabulary, SCENARIO.base, 1)
    first = max(_step(ga, lambda g: fitness([g])[0]))
    for _ in range(30):
        tokens = ga.ask()
        ga.tell(list(zip(tokens, fitness([t.model for t in tokens]), strict=True)))
    assert ga.best()[1] > first
    assert ga.base_objective is SCENARIO.base


def test_it_is_a_base_optimizer_that_the_generic_run_loop_drives() -> None:
    ga = GeneticOptimizer(GeneticConfig(population=4), SCENARIO.vocabulary, SCENARIO.base, 2)
    fitness = episode_fitness(SCENARIO.base)
    record = ga.run(
        SCENARIO.training,
        lambda genomes, worlds: fitness([TreeSearchAgent(g) for g in genomes], worlds),
        generations=2,
        environments=2,
        seed=0,
    )
    assert purpose(record) is SCENARIO.base
    assert (record.product, record.fitness) == ga.best()
    assert len(record.history) == 2
