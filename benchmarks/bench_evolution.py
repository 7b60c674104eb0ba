"""Workload W1, the population path against the straightforward way, in the same run.

W1: the green-exit scenario, a population of 128, 50 generations, fitness on 32
training mazes of 15x15 tiles, then the best genome deployed on 256 deployment
mazes. Timed whole: maze generation, compiling, evolution, deployment.

* ``population path``: what :func:`search.training.evolution.evolve` does, fitness via
  :class:`search.batched.fitness.PopulationFitness` in this process (one core),
  best of a few repeats.
* ``straightforward``: the same genetic algorithm, but fitness by running every
  genome as a :class:`search.agents.tree_search.TreeSearchAgent` for one episode
  (:func:`mesa_types.run_episode`) in every maze, every generation, and the
  best genome deployed episode by episode. That takes hours, so it is timed
  on a sample of genomes taken from early, middle and late generations of the
  fast run (on all 32 mazes) and on a sample of deployment mazes, then
  extrapolated per episode; the output says so. The sampled fitness is checked
  to equal the population path's, bit for bit.

Run ``python -m benchmarks.bench_evolution`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import (
    Evaluate,
    GenerationStats,
    GeneticConfig,
    GeneticOptimizer,
    Genome,
    GenomeArrays,
    drive_steps,
    run_episode,
)
from search import (
    PopulationFitness,
    RunSeeds,
    Scenario,
    TrainingSet,
    TreeSearchAgent,
    behaviours,
    compile_mazes,
    green_exit,
)
from search.batched.fitness import reference_fitness
from search.batched.population import genome_arrays

POPULATION, GENERATIONS, TRAINING, DEPLOYMENT, SEED = 128, 50, 32, 256, 0


@dataclass(frozen=True)
class Phases:
    """Seconds spent in each phase of one W1 run with the population path."""

    training_mazes: float
    compile: float
    evolution: float
    deployment_mazes: float
    deployment: float

    @property
    def total(self) -> float:
        """The whole workload."""
        return (
            self.training_mazes
            + self.compile
            + self.evolution
            + self.deployment_mazes
            + self.deployment
        )


def fast_w1(scenario: Scenario) -> tuple[Phases, list[list[Genome]], Genome]:
    """One W1 run with the population path; also every generation's genomes and the best.

    Evolution runs as :class:`search.training.run_loop.GeneticRun` runs it: each
    generation asked for and told as arrays, scored by ``PopulationFitness.score``,
    driven by :func:`mesa_types.drive_steps` (statistics summarised in batches).
    The genomes returned are built after the clock stops.
    """
    seeds = RunSeeds.of(SEED)
    t0 = time.perf_counter()
    worlds = scenario.training.sample_many(TRAINING, seeds.training)
    t1 = time.perf_counter()
    fitness = PopulationFitness(TrainingSet.compile(worlds, scenario.vocabulary, scenario.base))
    t2 = time.perf_counter()
    ga, generations, _ = evolve_w1(scenario, fitness, seeds.genetic)
    best, _ = ga.best()
    t3 = time.perf_counter()
    deployed = scenario.deployment.sample_many(DEPLOYMENT, seeds.deployment)
    t4 = time.perf_counter()
    behaviours([best], compile_mazes(deployed, scenario.vocabulary))
    t5 = time.perf_counter()
    genomes = [arrays.genomes() for arrays in generations]
    return Phases(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), genomes, best


def evolve_w1(
    scenario: Scenario,
    fitness: PopulationFitness,
    seed: int,
    config: GeneticConfig | None = None,
    generations: int = GENERATIONS,
) -> tuple[GeneticOptimizer, list[GenomeArrays], list[GenerationStats]]:
    """W1's evolution on the array path: the optimizer after it, every generation, its stats.

    ``config`` and ``generations`` are W1's (population 128, 50) unless given.
    """
    config = config or GeneticConfig(population=POPULATION)
    ga = GeneticOptimizer(config, scenario.vocabulary, scenario.base, seed)
    told: list[GenomeArrays] = []

    def generation(evaluate: Evaluate[Genome]) -> NDArray[np.float64]:
        # W1 has no adversary: the evaluation is always ``fitness``, scored as arrays.
        asked = ga.ask_arrays()
        values = fitness.score(asked)
        ga.tell_arrays(asked, values)
        told.append(asked)
        return values

    history = drive_steps(generation, fitness, generations)
    return ga, told, list(history)


def main() -> None:
    """Time W1 both ways and print the times and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny samples, one repeat")
    parser.add_argument("--repeats", type=int, default=3, help="fast-path repeats (best kept)")
    parser.add_argument("--per-generation", type=int, default=4, help="sampled genomes per phase")
    parser.add_argument("--deployment-sample", type=int, default=16, help="sampled deployments")
    args = parser.parse_args()
    per, deploy_sample = (1, 2) if args.quick else (args.per_generation, args.deployment_sample)
    scenario = green_exit()
    runs = [fast_w1(scenario) for _ in range(1 if args.quick else args.repeats)]
    phases, generations, best = min(runs, key=lambda r: r[0].total)
    print(
        f"W1: green-exit, population {POPULATION}, {GENERATIONS} generations, {TRAINING} "
        f"training mazes 15x15, best genome deployed on {DEPLOYMENT} mazes 21x21"
    )
    print(f"population path, one core, best of {len(runs)}:")
    for name, seconds in vars(phases).items():
        print(f"  {name.replace('_', ' '):<18}{seconds:8.3f} s")
    verdict = "met" if phases.total < 1.0 else "MISSED"
    print(f"  {'total':<18}{phases.total:8.3f} s   (target < 1 s: {verdict})")

    episode, deploy_episode, checked = _straightforward(
        scenario, generations, best, per, deploy_sample
    )
    training_episodes = POPULATION * TRAINING * GENERATIONS
    ga_overhead = max(0.0, phases.evolution - _fast_fitness_seconds(scenario, generations))
    slow_total = (
        phases.training_mazes
        + phases.deployment_mazes
        + ga_overhead
        + training_episodes * episode
        + DEPLOYMENT * deploy_episode
    )
    print("straightforward way (TreeSearchAgent + run_episode per genome, maze and generation):")
    print(
        f"  timed {checked} training episodes ({per} genomes from each of generations 0, "
        f"{GENERATIONS // 2}, {GENERATIONS - 1}, on all {TRAINING} mazes): "
        f"{episode * 1e3:.2f} ms per episode; fitness equal to the population path's"
    )
    print(
        f"  timed {deploy_sample} deployment episodes of the best genome: "
        f"{deploy_episode * 1e3:.2f} ms per episode"
    )
    print(
        f"  extrapolated to {training_episodes} training and {DEPLOYMENT} deployment episodes, "
        f"plus the same maze generation and genetic operators: {slow_total:,.0f} s"
    )
    ratio = slow_total / phases.total
    print(f"ratio: {ratio:,.0f}x   (target >= 200x: {'met' if ratio >= 200 else 'MISSED'})")


def _straightforward(
    scenario: Scenario,
    generations: list[list[Genome]],
    best: Genome,
    per: int,
    deploy_sample: int,
) -> tuple[float, float, int]:
    """Seconds per training episode and per deployment episode, and episodes timed."""
    seeds = RunSeeds.of(SEED)
    worlds = scenario.training.sample_many(TRAINING, seeds.training)
    picks = [0, GENERATIONS // 2, GENERATIONS - 1]
    sample = [g for p in picks for g in generations[p][:per]]
    start = time.perf_counter()
    slow = reference_fitness(sample, worlds, scenario.base)
    episode = (time.perf_counter() - start) / (len(sample) * len(worlds))
    fast = PopulationFitness(TrainingSet.compile(worlds, scenario.vocabulary, scenario.base))
    if slow != fast(sample):
        raise AssertionError("the straightforward fitness differs from the population path's")
    deployed = scenario.deployment.sample_many(deploy_sample, seeds.deployment)
    agent = TreeSearchAgent(best)
    start = time.perf_counter()
    for world in deployed:
        run_episode(agent, world)
    deploy_episode = (time.perf_counter() - start) / len(deployed)
    return episode, deploy_episode, len(sample) * len(worlds)


def _fast_fitness_seconds(scenario: Scenario, generations: list[list[Genome]]) -> float:
    """How long the population path's fitness alone takes for the run's generations."""
    seeds = RunSeeds.of(SEED)
    worlds = scenario.training.sample_many(TRAINING, seeds.training)
    fitness = PopulationFitness(TrainingSet.compile(worlds, scenario.vocabulary, scenario.base))
    # As arrays, as the run scores them: the conversion is not part of the run's fitness.
    told = [genome_arrays(genomes, scenario.vocabulary) for genomes in generations]
    start = time.perf_counter()
    for weights, depths in told:
        fitness.arrays(weights, depths)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
