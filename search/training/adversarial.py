"""Adversarial training: the training set grows with the mazes the current best genome fails.

The paper's answer to proxy pseudo-alignment. Between generations of the
genetic algorithm an :class:`Adversary` looks for mazes of the universe on
which the best genome of the generation just evaluated does not do what the
base objective wants: it draws mazes from ``scenario.universe.distribution``
and, if asked, also tries the exact checker's witness mazes for that genome
(one corridor per pair of outcomes its mesa-objective orders differently from
the base objective) and the universe's limit probes (an exit just beyond its
search depth). The mazes it fails are added to the training set, so from the
next generation on, fitness rewards the genomes that get them right.

:func:`evolve_adversarial` is :func:`search.training.evolution.evolve` with the
adversary in the loop: with ``adversary=None`` it runs the very same
generations (same seeds, same mazes, same fitness). Its best genome is the
best of the final generation, judged on the final training set: fitness from
earlier generations was measured on fewer mazes and is not comparable.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

import mesa_types
from mesa_types import GenerationStats, pairs_ordered_differently
from mesa_types.optimizers.executors import Engine, SerialExecutor
from mesa_types.optimizers.genetic import GeneticOptimizer
from mesa_types.optimizers.genome import Genome
from search.agents.tree_search import TreeSearchAgent
from search.batched.fitness import PopulationFitness, TrainingSet
from search.checks.agent_checker import JudgedMazes
from search.scenarios.paper import Scenario, get_scenario
from search.training.evolution import Progress, RunSeeds, scenario_settings
from search.training.runs import BestGenome, RunRecord, RunSettings, Timing, TopGenome
from search.world.grid import GridWorld

__all__ = [
    "FINAL_BEST",
    "AdversarialRun",
    "Adversary",
    "adversary_seed",
    "evolve_adversarial",
    "witness_mazes",
]

FINAL_BEST = (
    "highest fitness in the final generation, on the final training set (adversarial mazes "
    "included); among genomes with equal fitness, the lowest index"
)
"""How :func:`evolve_adversarial` picks the genome it hands over."""


class Adversary(BaseModel):
    """How the adversary searches for mazes the current best genome fails.

    Attributes:
        draws: Mazes drawn from the universe each round (>= 0).
        keep: At most this many failed mazes are added to the training set per round (>= 1).
        every: Generations between rounds (>= 1).
        witnesses: Also try the exact checker's witness mazes and the
            universe's limit probes for the best genome (white-box help).

    Raises:
        pydantic.ValidationError: A count is out of range; the message names the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    draws: int = Field(default=32, ge=0)
    keep: int = Field(default=4, ge=1)
    every: int = Field(default=1, ge=1)
    witnesses: bool = False

    def candidates(self, genome: Genome, scenario: Scenario, seed: int) -> list[GridWorld]:
        """The mazes tried against ``genome`` in one round: witnesses first, then draws."""
        found = witness_mazes(genome, scenario) if self.witnesses else []
        return found + scenario.universe.distribution.sample_many(self.draws, seed)

    def search(self, genome: Genome, scenario: Scenario, seed: int) -> list[GridWorld]:
        """The first :attr:`keep` candidate mazes on which ``genome`` fails the base objective.

        Judged on the population path, which ends where the agent ends, maze for maze.
        """
        mazes = self.candidates(genome, scenario, seed)
        if not mazes:
            return []
        judged = JudgedMazes(mazes, genome.objective.features, scenario.base)
        fails = judged.failures([genome], 1e-9)[0]
        return [mazes[i] for i in np.flatnonzero(fails)[: self.keep]]


def witness_mazes(genome: Genome, scenario: Scenario) -> list[GridWorld]:
    """The exact checker's witness mazes for ``genome``, and the universe's limit probes."""
    universe = scenario.universe
    found: list[GridWorld] = []
    if universe.outcomes is not None and universe.offering is not None:
        pairs = pairs_ordered_differently(scenario.base, genome.objective, universe.outcomes)
        found += [universe.offering([wanted, chosen]) for wanted, chosen in pairs]
    if universe.limit_probes is not None:
        found += universe.limit_probes(TreeSearchAgent(genome))
    return found


class AdversarialRun(BaseModel):
    """A genetic run with (or without) the adversary: its record and the mazes it added.

    Attributes:
        record: The run as :func:`search.training.evolution.evolve` records one; its
            ``best`` is picked as :data:`FINAL_BEST` says.
        adversary: The adversary's settings, or None for a plain run.
        added: The mazes the adversary added to the training set, in order.
        added_after: For each, the generation after which it was added.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    record: RunRecord
    adversary: Adversary | None
    added: tuple[GridWorld, ...]
    added_after: tuple[int, ...]


def evolve_adversarial(
    settings: RunSettings,
    adversary: Adversary | None = None,
    engine: Engine | None = None,
    *,
    progress: Progress | None = None,
) -> AdversarialRun:
    """Run the genetic algorithm on ``settings.scenario`` with the adversary between generations.

    Args:
        settings: What determines the run (the adversary's draws are seeded from its seed too).
        adversary: How the adversary searches; None runs without one.
        engine: Where fitness is computed; serial if omitted.
        progress: Called after each generation.

    Raises:
        KeyError: Unknown scenario.
        ValueError: The config's depth range exceeds what the scenario allows.
    """
    scenario = get_scenario(settings.scenario)
    if settings.config.max_depth > scenario.max_depth:
        raise ValueError(
            f"config.max_depth is {settings.config.max_depth}, but scenario "
            f"{scenario.name!r} allows depths up to {scenario.max_depth}"
        )
    engine = engine or Engine(SerialExecutor(), 1, "serial")
    seeds = RunSeeds.of(settings.seed)
    ga = GeneticOptimizer(settings.config, scenario.vocabulary, scenario.base, seeds.genetic)
    worlds = scenario.training.sample_many(settings.training_environments, seeds.training)
    added: list[GridWorld] = []
    added_after: list[int] = []
    fitness = _fitness([*worlds], scenario, engine)
    history: list[GenerationStats] = []
    started, clock = datetime.now(UTC).isoformat(timespec="seconds"), time.perf_counter()
    while ga.generation < settings.generations:
        tokens = ga.ask()
        values = fitness([t.model for t in tokens])
        ga.tell(list(zip(tokens, values, strict=True)))
        history.append(GenerationStats.of(tokens[0].generation, values))
        if progress is not None:
            progress(history[-1])
        done = ga.generation
        if adversary is not None and done < settings.generations and done % adversary.every == 0:
            best = _top(ga.evaluated)[0]
            found = adversary.search(best, scenario, adversary_seed(settings.seed, done))
            if found:
                added += found
                added_after += [done] * len(found)
                fitness = _fitness([*worlds, *added], scenario, engine)
    timing = Timing(started=started, wall_seconds=time.perf_counter() - clock, engine=engine.name)
    return AdversarialRun(
        record=_record(settings, scenario, ga, history, timing),
        adversary=adversary,
        added=tuple(added),
        added_after=tuple(added_after),
    )


def _fitness(worlds: list[GridWorld], scenario: Scenario, engine: Engine) -> PopulationFitness:
    training = TrainingSet.compile(worlds, scenario.vocabulary, scenario.base)
    return PopulationFitness(training, engine.executor, engine.chunks)


def adversary_seed(seed: int, round_: int) -> int:
    """The seed of the adversary's draws in one round of a run seeded ``seed``.

    Independent of the run's other streams (:class:`search.training.evolution.RunSeeds`).
    """
    sequence = np.random.SeedSequence([seed, 4, round_])
    return int(sequence.generate_state(1, np.uint64)[0])


def _top(evaluated: Sequence[tuple[Genome, float]]) -> tuple[Genome, float, int]:
    """The first genome with the highest fitness, its fitness and its index."""
    values = [f for _, f in evaluated]
    index = int(np.argmax(values))
    return evaluated[index][0], values[index], index


def _record(
    settings: RunSettings,
    scenario: Scenario,
    ga: GeneticOptimizer,
    history: list[GenerationStats],
    timing: Timing,
) -> RunRecord:
    genome, value, index = _top(ga.evaluated)
    copies: dict[Genome, int] = {}
    for g, f in ga.evaluated:
        if f == value:
            copies[g] = copies.get(g, 0) + 1
    return RunRecord(
        library_version=mesa_types.__version__,
        settings=settings,
        scenario_settings=scenario_settings(settings.scenario),
        base_objective=scenario.base.describe(),
        training=scenario.training.name,
        history=tuple(history),
        best=BestGenome(
            genome=genome,
            fitness=value,
            generation=settings.generations - 1,
            index=index,
            tie_break=FINAL_BEST,
            tied_in_final_population=sum(copies.values()),
        ),
        top_genomes=tuple(TopGenome(genome=g, fitness=value, copies=n) for g, n in copies.items()),
        timing=timing,
    )
