"""The green-exit phenomenon, measured over many seeds.

In training the exit is always green, so "go to the exit" and "go to green"
earn the same fitness and the genetic algorithm cannot prefer one to the
other. In deployment the exit is grey and the apples are green. For each seed
:func:`phenomenon` evolves a population, then reports how often the best
genome reaches the exit in training and in deployment, how often it goes to a
green apple instead, and, since many genomes tie at the top fitness, the share
of those top-fitness genomes whose most frequent deployment outcome is a green
apple.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from pydantic import BaseModel, ConfigDict

from mesa_types import TIE_BREAK, Engine, GeneticConfig, in_order
from search.batched.behaviour import behaviours
from search.batched.population import MazeBatch, compile_mazes
from search.scenarios.paper import Scenario
from search.scenarios.registry import get_scenario
from search.training.evolution import evolve
from search.training.run_loop import RunSeeds
from search.training.runs import RunRecord, RunSettings

__all__ = [
    "PhenomenonReport",
    "PhenomenonRow",
    "deployment_batch",
    "measure",
    "phenomenon",
    "seed_row",
    "training_batch",
]

SCENARIO = "green-exit"


class PhenomenonRow(BaseModel):
    """One seed of the green-exit experiment.

    Attributes:
        seed: The run's seed.
        best_fitness: The best genome's training fitness.
        best_genome: The best genome, described.
        training_exit: Share of training mazes in which the best genome reaches the exit.
        deployment_exit: The same on deployment mazes.
        deployment_green_apple: Share of deployment mazes in which it ends on a green apple.
        deployment_nothing: Share of deployment mazes in which it reaches nothing.
        top_genomes: Genomes of the final population with its top fitness (copies counted).
        top_green_share: Share of those whose most frequent deployment outcome is a green apple.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    best_fitness: float
    best_genome: str
    training_exit: float
    deployment_exit: float
    deployment_green_apple: float
    deployment_nothing: float
    top_genomes: int
    top_green_share: float


class PhenomenonReport(BaseModel):
    """The green-exit experiment over several seeds, with the settings that produced it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    generations: int
    population: int
    training_environments: int
    deployment_environments: int
    tie_break: str
    rows: tuple[PhenomenonRow, ...]

    def table(self) -> str:
        """The rows as a Markdown table, shares in percent."""
        lines = [
            "| seed | best fitness | training: exit | deployment: exit | deployment: green apple "
            "| deployment: nothing | top-fitness genomes | of which go to a green apple |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.rows:
            lines.append(
                f"| {r.seed} | {r.best_fitness:.3f} | {r.training_exit:.0%} | "
                f"{r.deployment_exit:.0%} | {r.deployment_green_apple:.0%} | "
                f"{r.deployment_nothing:.0%} | {r.top_genomes} | {r.top_green_share:.0%} |"
            )
        return "\n".join(lines)

    def summary(self) -> str:
        """Counts over seeds: which way the best genome went in deployment."""
        n = len(self.rows)
        exit_seekers = sum(r.deployment_exit > 0.5 for r in self.rows)
        green_seekers = sum(r.deployment_green_apple > 0.5 for r in self.rows)
        stayers = sum(r.deployment_nothing > 0.5 for r in self.rows)
        perfect = sum(r.training_exit == 1.0 for r in self.rows)
        share = sum(r.top_green_share for r in self.rows) / n if n else 0.0
        return (
            f"{n} seeds; population {self.population}, {self.generations} generations, "
            f"{self.training_environments} training and {self.deployment_environments} "
            f"deployment mazes.\n"
            f"The best genome reaches the exit in every training maze in {perfect} of {n} runs.\n"
            f"In deployment it mostly reaches the exit in {exit_seekers} runs, mostly goes "
            f"to a green apple in {green_seekers} and mostly reaches nothing in {stayers}.\n"
            f"On average {share:.0%} of a run's top-fitness genomes mostly go to a green apple "
            f"in deployment.\nBest genome among ties: {self.tie_break}."
        )


def training_batch(record: RunRecord, scenario: Scenario) -> MazeBatch:
    """The run's training mazes, compiled (drawn again from its seed)."""
    settings = record.settings
    worlds = scenario.training.sample_many(
        settings.training_environments, RunSeeds.of(settings.seed).training
    )
    return compile_mazes(worlds, scenario.vocabulary)


def deployment_batch(record: RunRecord, scenario: Scenario, environments: int) -> MazeBatch:
    """``environments`` deployment mazes drawn from the run's deployment seed, compiled."""
    worlds = scenario.deployment.sample_many(
        environments, RunSeeds.of(record.settings.seed).deployment
    )
    return compile_mazes(worlds, scenario.vocabulary)


def measure(record: RunRecord, training: MazeBatch, deployment: MazeBatch) -> PhenomenonRow:
    """One row of the experiment for a finished run."""
    best = record.best.genome
    trained, deployed = behaviours([best], training)[0], behaviours([best], deployment)[0]
    top = [t.genome for t in record.top_genomes]
    copies = [t.copies for t in record.top_genomes]
    green = sum(
        n
        for b, n in zip(behaviours(top, deployment), copies, strict=True)
        if b.most_often == "green apple"
    )
    return PhenomenonRow(
        seed=record.settings.seed,
        best_fitness=record.best.fitness,
        best_genome=best.describe(),
        training_exit=trained.share("exit"),
        deployment_exit=deployed.share("exit"),
        deployment_green_apple=deployed.share("apple", "green"),
        deployment_nothing=deployed.nothing,
        top_genomes=sum(copies),
        top_green_share=green / sum(copies),
    )


def seed_settings(
    seed: int, generations: int, population: int, training_environments: int
) -> RunSettings:
    """The settings of one green-exit run in a many-seed experiment: the defaults but these."""
    return RunSettings(
        scenario=SCENARIO,
        seed=seed,
        generations=generations,
        training_environments=training_environments,
        config=GeneticConfig(population=population),
    )


def seed_row(
    seed: int,
    *,
    generations: int,
    population: int,
    training_environments: int,
    deployment_environments: int,
) -> PhenomenonRow:
    """One seed of :func:`phenomenon`, start to end, in this process: a task for a worker."""
    scenario = get_scenario(SCENARIO)
    record = evolve(seed_settings(seed, generations, population, training_environments))
    return measure(
        record,
        training_batch(record, scenario),
        deployment_batch(record, scenario, deployment_environments),
    )


def phenomenon(
    seeds: Sequence[int],
    *,
    generations: int = 60,
    population: int = 128,
    training_environments: int = 32,
    deployment_environments: int = 256,
    engine: Engine | None = None,
    on_seed: Callable[[PhenomenonRow], None] | None = None,
    on_partial: Callable[[PhenomenonReport], None] | None = None,
) -> PhenomenonReport:
    """Run the green-exit experiment once per seed and measure each run.

    Args:
        seeds: One run per seed.
        generations: Generations per run.
        population: Genomes per generation.
        training_environments: Training mazes per run.
        deployment_environments: Deployment mazes each run's genomes are measured on.
        engine: Where the seeds run, each seed a whole task (its mazes drawn
            there too); serial if omitted. The rows do not depend on it.
        on_seed: Called with each row as it is measured.
        on_partial: Called after each seed with the report of the seeds so far
            (to keep finished seeds if the experiment is interrupted).
    """
    rows: list[PhenomenonRow] = []

    def report() -> PhenomenonReport:
        return PhenomenonReport(
            generations=generations,
            population=population,
            training_environments=training_environments,
            deployment_environments=deployment_environments,
            tie_break=TIE_BREAK,
            rows=tuple(rows),
        )

    one_seed = partial(
        seed_row,
        generations=generations,
        population=population,
        training_environments=training_environments,
        deployment_environments=deployment_environments,
    )
    for row in in_order(engine, one_seed, seeds):
        rows.append(row)
        if on_seed is not None:
            on_seed(row)
        if on_partial is not None:
            on_partial(report())
    return report()
