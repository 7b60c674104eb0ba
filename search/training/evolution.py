"""Running the genetic base optimizer on a scenario: start, checkpoint, resume, record.

:func:`evolve` runs a fresh run; :func:`resume` continues one from its
checkpoint. Both end in a :class:`~search.training.runs.RunRecord`, and a resumed run
ends identical to one never interrupted: the checkpoint holds the whole state
of the genetic algorithm, random generator included, and the training mazes
are drawn again from the seed.

All randomness is derived from the run's one seed (:class:`RunSeeds`): one
stream for the genetic algorithm, one for the training mazes, one for the
deployment mazes of experiments.
"""

from __future__ import annotations

import inspect
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from pydantic import JsonValue

import mesa_types
from mesa_types import GenerationStats
from mesa_types.optimizers.executors import Engine, SerialExecutor
from mesa_types.optimizers.genetic import TIE_BREAK, GeneticOptimizer
from mesa_types.optimizers.genome import Genome
from search.batched.fitness import PopulationFitness, TrainingSet
from search.scenarios.paper import SCENARIOS, Scenario, get_scenario
from search.training.runs import (
    BestGenome,
    Checkpoint,
    RunRecord,
    RunSettings,
    Timing,
    TopGenome,
    save_json,
)

__all__ = ["Progress", "RunSeeds", "evolve", "resume", "scenario_settings", "training_set"]

Progress = Callable[[GenerationStats], None]
"""Called after each generation with its fitness statistics."""


@dataclass(frozen=True)
class RunSeeds:
    """The independent seeds a run derives from its one seed.

    Attributes:
        genetic: Seeds the genetic algorithm's generator.
        training: Seeds the draw of training mazes.
        deployment: Seeds the draw of deployment mazes (for experiments).
    """

    genetic: int
    training: int
    deployment: int

    @classmethod
    def of(cls, seed: int) -> RunSeeds:
        """Spawn three independent child seeds from ``seed``."""
        children = np.random.SeedSequence(seed).spawn(3)
        genetic, training, deployment = (int(c.generate_state(1, np.uint64)[0]) for c in children)
        return cls(genetic, training, deployment)


def scenario_settings(name: str) -> dict[str, JsonValue]:
    """The settings (keyword defaults) the named built-in scenario is built with."""
    factory = SCENARIOS[name]
    return {
        p.name: p.default
        for p in inspect.signature(factory).parameters.values()
        if p.default is not inspect.Parameter.empty
    }


def training_set(settings: RunSettings, scenario: Scenario) -> TrainingSet:
    """The run's training mazes, compiled once for the population path."""
    worlds = scenario.training.sample_many(
        settings.training_environments, RunSeeds.of(settings.seed).training
    )
    return TrainingSet.compile(worlds, scenario.vocabulary, scenario.base)


def evolve(
    settings: RunSettings,
    engine: Engine | None = None,
    *,
    checkpoint: str | os.PathLike[str] | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> RunRecord:
    """Run the genetic algorithm on ``settings.scenario`` from the start.

    Args:
        settings: What determines the run.
        engine: Where fitness is computed; serial if omitted.
        checkpoint: Where to keep the checkpoint, if anywhere.
        checkpoint_every: Save the checkpoint every this many generations (and
            at the end); 0 never.
        progress: Called after each generation.

    Raises:
        KeyError: Unknown scenario.
        ValueError: The config's depth range exceeds what the scenario allows,
            or ``checkpoint_every`` is negative.
    """
    scenario = _scenario(settings)
    ga = GeneticOptimizer(
        settings.config, scenario.vocabulary, scenario.base, RunSeeds.of(settings.seed).genetic
    )
    run = _Run(settings, scenario, ga, [], _now(), 0.0, None)
    return run.drive(engine, checkpoint, checkpoint_every, progress)


def resume(
    saved: Checkpoint,
    engine: Engine | None = None,
    *,
    checkpoint: str | os.PathLike[str] | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> RunRecord:
    """Continue a run from its checkpoint; it ends as if it had never stopped.

    Arguments are as for :func:`evolve`; the settings come from ``saved``.
    """
    settings = saved.settings
    scenario = _scenario(settings)
    ga = GeneticOptimizer.restore(saved.state, settings.config, scenario.vocabulary, scenario.base)
    run = _Run(
        settings,
        scenario,
        ga,
        list(saved.history),
        saved.started,
        saved.wall_seconds,
        saved.state.generation,
    )
    return run.drive(engine, checkpoint, checkpoint_every, progress)


@dataclass
class _Run:
    settings: RunSettings
    scenario: Scenario
    ga: GeneticOptimizer
    history: list[GenerationStats]
    started: str
    earlier_seconds: float
    resumed_from: int | None

    def drive(
        self,
        engine: Engine | None,
        checkpoint: str | os.PathLike[str] | None,
        every: int,
        progress: Progress | None,
    ) -> RunRecord:
        if every < 0:
            raise ValueError(f"checkpoint_every must be at least 0, got {every}")
        engine = engine or Engine(SerialExecutor(), 1, "serial")
        fitness = PopulationFitness(
            training_set(self.settings, self.scenario), engine.executor, engine.chunks
        )
        clock = time.perf_counter()
        while self.ga.generation < self.settings.generations:
            tokens = self.ga.ask()
            values = fitness([t.model for t in tokens])
            self.ga.tell(list(zip(tokens, values, strict=True)))
            self.history.append(GenerationStats.of(tokens[0].generation, values))
            if progress is not None:
                progress(self.history[-1])
            done = self.ga.generation == self.settings.generations
            if checkpoint is not None and every and (self.ga.generation % every == 0 or done):
                elapsed = self.earlier_seconds + time.perf_counter() - clock
                save_json(self._checkpoint(elapsed), checkpoint)
        elapsed = self.earlier_seconds + time.perf_counter() - clock
        return self._record(
            Timing(
                started=self.started,
                wall_seconds=elapsed,
                engine=engine.name,
                resumed_from_generation=self.resumed_from,
            )
        )

    def _checkpoint(self, elapsed: float) -> Checkpoint:
        return Checkpoint(
            library_version=mesa_types.__version__,
            settings=self.settings,
            state=self.ga.state(),
            history=tuple(self.history),
            started=self.started,
            wall_seconds=elapsed,
        )

    def _record(self, timing: Timing) -> RunRecord:
        incumbent = self.ga.incumbent
        assert incumbent is not None  # at least one generation ran
        final = self.ga.evaluated
        top = max(f for _, f in final)
        copies: dict[Genome, int] = {}
        for genome, value in final:
            if value == top:
                copies[genome] = copies.get(genome, 0) + 1
        return RunRecord(
            library_version=mesa_types.__version__,
            settings=self.settings,
            scenario_settings=scenario_settings(self.settings.scenario),
            base_objective=self.scenario.base.describe(),
            training=self.scenario.training.name,
            history=tuple(self.history),
            best=BestGenome(
                genome=incumbent.genome,
                fitness=incumbent.fitness,
                generation=incumbent.generation,
                index=incumbent.index,
                tie_break=TIE_BREAK,
                tied_in_final_population=sum(copies.values()),
            ),
            top_genomes=tuple(
                TopGenome(genome=g, fitness=top, copies=n) for g, n in copies.items()
            ),
            timing=timing,
        )


def _scenario(settings: RunSettings) -> Scenario:
    scenario = get_scenario(settings.scenario)
    if settings.config.max_depth > scenario.max_depth:
        raise ValueError(
            f"config.max_depth is {settings.config.max_depth}, but scenario "
            f"{scenario.name!r} allows depths up to {scenario.max_depth}"
        )
    return scenario


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
