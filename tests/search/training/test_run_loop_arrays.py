"""A run on the array path is the run the one driver makes on tokens, generation for generation."""

from __future__ import annotations

import pytest

from mesa_types import GeneticConfig, GeneticOptimizer, Genome, drive
from search import PopulationFitness, RunSettings, TrainingSet, evolve
from search.scenarios.registry import get_scenario
from search.training.run_loop import RunSeeds, training_worlds


@pytest.mark.parametrize(
    ("scenario", "seed", "config"),
    [
        ("green-exit", 3, GeneticConfig(population=16)),
        ("gems", 8, GeneticConfig(population=9, elite=0, max_depth=30, initial_depth=12)),
        ("distributional-shift", 1, GeneticConfig(population=12, max_depth=20, initial_depth=8)),
    ],
)
def test_a_run_equals_driving_the_optimizer_on_tokens(
    scenario: str, seed: int, config: GeneticConfig
) -> None:
    settings = RunSettings(
        scenario=scenario, seed=seed, generations=5, training_environments=6, config=config
    )
    record = evolve(settings)
    world = get_scenario(scenario)
    training = TrainingSet.compile(training_worlds(settings, world), world.vocabulary, world.base)
    ga = GeneticOptimizer(config, world.vocabulary, world.base, RunSeeds.of(seed).genetic)
    history = drive(ga, PopulationFitness(training), settings.generations)
    assert record.history == history
    incumbent = ga.incumbent
    assert incumbent is not None
    assert (record.best.genome, record.best.fitness) == (incumbent.genome, incumbent.fitness)
    assert (record.best.generation, record.best.index) == (incumbent.generation, incumbent.index)
    top = max(f for _, f in ga.evaluated)
    copies: dict[Genome, int] = {}
    for genome, value in ga.evaluated:
        if value == top:
            copies[genome] = copies.get(genome, 0) + 1
    assert [(t.genome, t.fitness, t.copies) for t in record.top_genomes] == [
        (g, top, n) for g, n in copies.items()
    ]
