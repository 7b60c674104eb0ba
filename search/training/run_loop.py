"""The one run loop behind :mod:`search.training.evolution`, and the seeds a run derives.

:class:`GeneticRun` is a genetic run on a scenario, plain or adversarial,
fresh or restored from a checkpoint; it builds the run record and the
checkpoints. It is driven by :func:`mesa_types.drive_steps` (the loop of
:func:`mesa_types.drive`, with progress, adversary and checkpoint hooks) on the
genetic optimizer's array path: each generation is scored as arrays and no
genome object is built but those the record, the checkpoints and the adversary
need.
:class:`RunSeeds` derives every random stream of a run from its one seed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

import mesa_types
from mesa_types import (
    TIE_BREAK,
    Engine,
    Evaluate,
    GenerationStats,
    GeneticOptimizer,
    Genome,
    Hooks,
    Progress,
    SerialExecutor,
    drive_steps,
)
from search.batched.fitness import PopulationFitness, TrainingSet
from search.scenarios.paper import Scenario
from search.scenarios.registry import get_scenario, scenario_settings
from search.training.adversarial import FINAL_BEST, Adversary, adversary_seed
from search.training.files import save_json
from search.training.record_parts import AdversarialState, BestGenome, Timing, TopGenome
from search.training.runs import AdversarialRun, Checkpoint, RunRecord, RunSettings
from search.world.grid import GridWorld

__all__ = ["GeneticRun", "RunSeeds", "training_worlds"]

_Path = str | os.PathLike[str]


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


def training_worlds(settings: RunSettings, scenario: Scenario) -> list[GridWorld]:
    """The run's training mazes, drawn from its seed."""
    seed = RunSeeds.of(settings.seed).training
    return scenario.training.sample_many(settings.training_environments, seed)


@dataclass
class GeneticRun:
    """One genetic run on a scenario: plain (``adversarial`` None) or adversarial."""

    settings: RunSettings
    scenario: Scenario
    engine: Engine
    ga: GeneticOptimizer
    adversarial: AdversarialState | None
    history: tuple[GenerationStats, ...]
    started: str
    earlier_seconds: float
    resumed_from: int | None
    saved_every: int = 0
    worlds: list[GridWorld] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.worlds = training_worlds(self.settings, self.scenario)

    @classmethod
    def fresh(
        cls, settings: RunSettings, engine: Engine | None, adversarial: AdversarialState | None
    ) -> GeneticRun:
        scenario = _scenario(settings)
        ga = GeneticOptimizer(
            settings.config, scenario.vocabulary, scenario.base, RunSeeds.of(settings.seed).genetic
        )
        return cls(settings, scenario, _engine(engine), ga, adversarial, (), _now(), 0.0, None)

    @classmethod
    def restored(cls, saved: Checkpoint, engine: Engine | None) -> GeneticRun:
        s = saved.settings
        scenario = _scenario(s)
        ga = GeneticOptimizer.restore(saved.state, s.config, scenario.vocabulary, scenario.base)
        return cls(
            s,
            scenario,
            _engine(engine),
            ga,
            saved.adversarial,
            saved.history,
            saved.started,
            saved.wall_seconds,
            saved.state.generation,
            saved.checkpoint_every,
        )

    def go(self, checkpoint: _Path | None, every: int, progress: Progress | None) -> RunRecord:
        """Drive the run to its last generation and record it."""
        clock = time.perf_counter()
        every = every or self.saved_every  # a resumed run keeps its interval

        def save(done: int, history: Sequence[GenerationStats]) -> None:
            assert checkpoint is not None
            elapsed = self.earlier_seconds + time.perf_counter() - clock
            save_json(self._checkpoint(tuple(history), elapsed, every), checkpoint)

        hooks = Hooks[Genome](
            progress=progress,
            adversary=self._adversary_round if self._adversary is not None else None,
            checkpoint=save if checkpoint is not None else None,
            checkpoint_every=every,
        )
        self.history = drive_steps(
            self._generation,
            self._fitness(),
            self.settings.generations,
            start=self.ga.generation,
            history=self.history,
            hooks=hooks,
        )
        timing = Timing(
            started=self.started,
            wall_seconds=self.earlier_seconds + time.perf_counter() - clock,
            engine=self.engine.name,
            resumed_from_generation=self.resumed_from,
        )
        return self._record(timing)

    def _generation(self, evaluate: Evaluate[Genome]) -> NDArray[np.float64]:
        """One generation on the genetic optimizer's array path, scored by ``evaluate``."""
        assert isinstance(evaluate, PopulationFitness)  # what _fitness and the adversary give
        asked = self.ga.ask_arrays()
        scores = evaluate.score(asked)
        self.ga.tell_arrays(asked, scores)
        return scores

    def adversarial_run(self, record: RunRecord) -> AdversarialRun:
        """The finished run with the adversary's settings and the mazes it added."""
        assert self.adversarial is not None
        a = self.adversarial
        return AdversarialRun(
            record=record, adversary=a.adversary, added=a.added, added_after=a.added_after
        )

    @property
    def _adversary(self) -> Adversary | None:
        return self.adversarial.adversary if self.adversarial is not None else None

    def _adversary_round(self, done: int) -> PopulationFitness | None:
        """After ``done`` generations: add the mazes the best genome fails, if it is time."""
        adversary, state = self._adversary, self.adversarial
        assert adversary is not None and state is not None
        if done % adversary.every != 0:
            return None
        best = _top(self.ga)[0]
        found = adversary.search(best, self.scenario, adversary_seed(self.settings.seed, done))
        if not found:
            return None
        self.adversarial = state.model_copy(
            update={
                "added": (*state.added, *found),
                "added_after": (*state.added_after, *[done] * len(found)),
            }
        )
        return self._fitness()

    def _fitness(self) -> PopulationFitness:
        added = self.adversarial.added if self.adversarial is not None else ()
        worlds = [*self.worlds, *added]
        training = TrainingSet.compile(worlds, self.scenario.vocabulary, self.scenario.base)
        return PopulationFitness(training, self.engine.executor, self.engine.chunks)

    def _checkpoint(
        self, history: tuple[GenerationStats, ...], elapsed: float, every: int
    ) -> Checkpoint:
        return Checkpoint(
            library_version=mesa_types.__version__,
            settings=self.settings,
            state=self.ga.state(),
            history=history,
            started=self.started,
            wall_seconds=elapsed,
            checkpoint_every=every,
            adversarial=self.adversarial,
        )

    def _record(self, timing: Timing) -> RunRecord:
        final = self.ga.evaluated_fitness
        top = float(final.max())
        copies: dict[Genome, int] = {}
        for index in np.flatnonzero(final == top).tolist():  # only the top genomes are built
            genome = self.ga.evaluated_genome(index)
            copies[genome] = copies.get(genome, 0) + 1
        return RunRecord(
            library_version=mesa_types.__version__,
            settings=self.settings,
            scenario_settings=scenario_settings(self.settings.scenario),
            base_objective=self.scenario.base.describe(),
            training=self.scenario.training.name,
            history=self.history,
            best=self._best(sum(copies.values())),
            top_genomes=tuple(
                TopGenome(genome=g, fitness=top, copies=n) for g, n in copies.items()
            ),
            timing=timing,
        )

    def _best(self, tied: int) -> BestGenome:
        """The genome handed over: the incumbent, or for adversarial runs the final best."""
        if self.adversarial is not None:
            genome, value, index = _top(self.ga)
            generation, rule = self.settings.generations - 1, FINAL_BEST
        else:
            incumbent = self.ga.incumbent
            assert incumbent is not None  # at least one generation ran
            genome, value, index = incumbent.genome, incumbent.fitness, incumbent.index
            generation, rule = incumbent.generation, TIE_BREAK
        return BestGenome(
            genome=genome,
            fitness=value,
            generation=generation,
            index=index,
            tie_break=rule,
            tied_in_final_population=tied,
        )


def _top(ga: GeneticOptimizer) -> tuple[Genome, float, int]:
    """The first genome of the last generation told with the highest fitness, and its index."""
    fitness = ga.evaluated_fitness
    index = int(np.argmax(fitness))
    return ga.evaluated_genome(index), float(fitness[index]), index


def _engine(engine: Engine | None) -> Engine:
    return engine or Engine(SerialExecutor(), 1, "serial")


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
