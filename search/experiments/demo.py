"""The green-exit experiment end to end: evolve, deploy, judge, report, draw.

:func:`run_demo` evolves search-tree agents on green-exit training mazes,
deploys the best genome on deployment mazes, judges it with
:func:`~search.judge_run` (the exact checker, on the run's own
training mazes, against the scenario's universe), and writes
a run folder: ``run.json``, ``verdict.json`` and pictures (the fitness curve,
the best agent's path in a training maze and in a deployment maze).
:func:`draw_run` redraws the pictures of any saved run.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from mesa_types import (
    Engine,
    GeneticConfig,
    Genome,
    ObjectivesReport,
    Progress,
    Verdict,
    describe,
    describe_objectives,
    linear_weights,
    objectives_to_json,
    verdict_to_json,
)
from search.agents.tree_search import TreeSearchAgent
from search.batched.behaviour import Behaviour, behaviours
from search.batched.population import MazeBatch, genome_arrays, population_choices
from search.experiments.phenomenon import deployment_batch, training_batch
from search.experiments.run_judgement import judge_run
from search.scenarios.paper import Scenario
from search.scenarios.registry import get_scenario
from search.training.evolution import evolve
from search.training.files import save_json
from search.training.runs import RunRecord, RunSettings
from search.training.validity import fitness_range
from search.world.grid import Cell, GridWorld

__all__ = [
    "DEMO_SETTINGS",
    "OBJECTIVES_PNG",
    "DemoResult",
    "demo_report",
    "draw_run",
    "run_demo",
]

DEMO_SETTINGS = RunSettings(
    scenario="green-exit",
    seed=0,
    generations=60,
    training_environments=32,
    config=GeneticConfig(population=128),
)
"""The demo's run: small enough to take well under a second, big enough to reach fitness 1."""

_SHOWN = 16
"""Deployment mazes searched for one where the agent fails, to draw it."""


@dataclass(frozen=True)
class DemoResult:
    """What the demo found and where it wrote it."""

    record: RunRecord
    scenario: Scenario
    training: Behaviour
    deployment: Behaviour
    verdict: Verdict
    folder: Path
    files: tuple[str, ...]
    objectives: ObjectivesReport | None = None
    """The agent's four objectives and three gaps, over the scenario's universe."""
    objectives_picture: Path | None = None
    """Where they are drawn, if pictures were drawn."""


def run_demo(
    out: str | os.PathLike[str],
    settings: RunSettings = DEMO_SETTINGS,
    *,
    deployment_environments: int = 256,
    engine: Engine | None = None,
    progress: Progress | None = None,
    pictures: bool = True,
) -> DemoResult:
    """Evolve, deploy, judge and write the run folder ``out``.

    Args:
        out: The run folder (created if needed).
        settings: The run; :data:`DEMO_SETTINGS` by default.
        deployment_environments: Deployment mazes the best genome is measured on.
        engine: Where fitness is computed; serial if omitted.
        progress: Called after each generation.
        pictures: Draw the PNGs (needs matplotlib).
    """
    folder = Path(out)
    scenario = get_scenario(settings.scenario)
    record = evolve(settings, engine, progress=progress)
    save_json(record, folder / "run.json")
    best = record.best.genome
    training = behaviours([best], training_batch(record, scenario))[0]
    deployment = behaviours([best], deployment_batch(record, scenario, deployment_environments))[0]
    judgement = judge_run(record, scenario, deployment_mazes=deployment_environments)
    verdict = judgement.verdict
    save_json(verdict, folder / "verdict.json")
    files = ["run.json", "verdict.json"]
    objectives, picture = judgement.objectives(), None
    if pictures:
        files += [p.name for p in draw_run(record, folder, scenario)]
        picture = _draw_objectives(objectives, folder)
    return DemoResult(
        record, scenario, training, deployment, verdict, folder, tuple(files), objectives, picture
    )


def _draw_objectives(objectives: ObjectivesReport, folder: Path) -> Path:
    from search.render.gaps import save_objectives_png  # matplotlib is heavy: only when drawing

    return save_objectives_png(objectives, folder / OBJECTIVES_PNG)


OBJECTIVES_PNG = "objectives.png"
"""The picture of the demo agent's four objectives and three gaps, in the run folder."""


def demo_report(result: DemoResult) -> str:
    """A short text report of a demo run."""
    r, best = result.record, result.record.best
    lines = [
        f"Scenario {result.scenario.name}: {result.scenario.summary}",
        f"Base objective: {r.base_objective}.",
        f"Evolved {r.settings.config.population} genomes for {r.settings.generations} "
        f"generations on {r.settings.training_environments} training mazes "
        f"(seed {r.settings.seed}, {r.timing.engine}) in {r.timing.wall_seconds:.2f} s.",
        f"Best genome: {best.genome.describe()}",
        f"  fitness {best.fitness:g}, found in generation {best.generation} (index {best.index}); "
        f"{best.tied_in_final_population} genomes of the final population share the top fitness.",
        _behaviour_line("In training", result.training),
        _behaviour_line("In deployment", result.deployment),
        "",
        f"Verdict: {describe(result.verdict)}",
        "",
        f"Wrote {result.folder}: {', '.join(result.files)}",
    ]
    if result.objectives is not None:
        lines.append("")
        if result.objectives_picture is not None:
            lines.append(f"Its four objectives and three gaps, drawn in {OBJECTIVES_PNG}:")
        lines.append(describe_objectives(result.objectives))
    return "\n".join(lines)


def demo_json(result: DemoResult) -> str:
    """The demo's findings as one JSON document, for scripts (``mesa-types demo --json``).

    Keys: ``folder`` and ``files`` (what was written), ``settings``, ``best``
    (genome, fitness, generation, index, ties), ``training`` and ``deployment``
    (outcome counts), ``verdict`` (as ``verdict.json`` holds it) and
    ``objectives`` (the four objectives and three gaps, or null).
    """
    r = result.record
    document = {
        "folder": str(result.folder),
        "files": list(result.files),
        "scenario": result.scenario.name,
        "settings": r.settings.model_dump(mode="json"),
        "best": r.best.model_dump(mode="json"),
        "training": result.training.model_dump(mode="json"),
        "deployment": result.deployment.model_dump(mode="json"),
        "verdict": json.loads(verdict_to_json(result.verdict)),
        "objectives": None
        if result.objectives is None
        else json.loads(objectives_to_json(result.objectives)),
    }
    return json.dumps(document, indent=2, allow_nan=False)


def _behaviour_line(where: str, b: Behaviour) -> str:
    return (
        f"{where} ({b.environments} mazes) it reaches the exit in {b.share('exit'):.0%}, "
        f"a green apple in {b.share('apple', 'green'):.0%}, nothing in {b.nothing:.0%}: "
        f"{b.describe()}."
    )


def draw_run(
    record: RunRecord, folder: str | os.PathLike[str], scenario: Scenario | None = None
) -> list[Path]:
    """Draw a run's pictures into ``folder``: fitness curve, training and deployment paths.

    The training maze is the run's first; the deployment maze is the first of
    the run's deployment mazes where the best agent does not do what the base
    objective wanted, or the first one if there is none among the first few.
    """
    from search import render  # matplotlib is heavy: imported by the writers, only when drawing

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    scenario = scenario or get_scenario(record.settings.scenario)
    agent = TreeSearchAgent(record.best.genome, name="best genome")
    name = scenario.name
    render.save_fitness_png(
        record.history,
        target / "fitness.png",
        title=f"{name}: fitness per generation",
        bounds=fitness_range(record.settings.scenario),
    )
    trained = training_batch(record, scenario).worlds[0]
    deployed, index = _telling_deployment_maze(record, scenario)
    drawn = [target / "fitness.png"]
    for world, file, title in (
        (trained, "training.png", f"{name}: best agent in training maze 0"),
        (deployed, "deployment.png", f"{name}: best agent in deployment maze {index}"),
    ):
        render.save_maze_png(
            world,
            target / file,
            path=render.episode_path(agent, world),
            wanted_path=_wanted_path(scenario, world),
            title=title,
        )
        drawn.append(target / file)
    return drawn


def _telling_deployment_maze(record: RunRecord, scenario: Scenario) -> tuple[GridWorld, int]:
    batch: MazeBatch = deployment_batch(record, scenario, _SHOWN)
    wanted = _base_genome(scenario, depth=max(int(s) for s in batch.max_steps))
    if wanted is not None:
        got = _choices(record.best.genome, batch)
        hoped = _choices(wanted, batch)
        for i, (a, b) in enumerate(zip(got, hoped, strict=True)):
            if a != b:
                return batch.worlds[i], i
    return batch.worlds[0], 0


def _choices(genome: Genome, batch: MazeBatch) -> list[int]:
    weights, depths = genome_arrays([genome], batch.vocabulary)
    return [int(k) for k in population_choices(weights, depths, batch)[0]]


def _base_genome(scenario: Scenario, depth: int) -> Genome | None:
    weights = linear_weights(scenario.base)
    return None if weights is None else Genome(objective=weights, depth=depth)


def _wanted_path(scenario: Scenario, world: GridWorld) -> list[Cell] | None:
    """The path an agent with the base objective as its mesa-objective would take."""
    from search.render import pictures as render

    genome = _base_genome(scenario, depth=world.max_steps)
    return None if genome is None else render.episode_path(TreeSearchAgent(genome), world)
