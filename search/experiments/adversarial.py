"""Adversarial training measured: how often it ends in proved robust alignment.

:func:`compare_adversarial` evolves one population per seed twice on *green
exit*, with and without the adversary (same seeds, same generations and
population), and judges each run's best genome with the exact checker
(:class:`search.AgentChecker`, which gives
:func:`mesa_types.check_alignment`'s verdict field for field, against the
scenario's universe). What it does not catch is in :mod:`search.experiments.deception_audit`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from pydantic import BaseModel, ConfigDict

from mesa_types import Engine, RobustlyAligned, Verdict, in_order
from search.agents.tree_search import TreeSearchAgent
from search.batched.behaviour import behaviours
from search.batched.population import compile_mazes
from search.checks.agent_checker import AgentChecker
from search.experiments.phenomenon import SCENARIO, seed_settings
from search.scenarios.registry import get_scenario
from search.training.adversarial import Adversary
from search.training.evolution import evolve_adversarial
from search.training.run_loop import RunSeeds
from search.training.runs import AdversarialRun

__all__ = [
    "CHECKER_ENVIRONMENTS",
    "DEPLOYMENT_ENVIRONMENTS",
    "Comparison",
    "ComparisonRow",
    "compare_adversarial",
    "seed_arms",
    "verdict_label",
]


CHECKER_ENVIRONMENTS = 32
"""Training mazes the exact checker checks first, by default."""

DEPLOYMENT_ENVIRONMENTS = 128
"""Deployment mazes each best genome is measured on, by default."""


class ComparisonRow(BaseModel):
    """One run: its best genome and the exact checker's verdict on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    adversarial: bool
    genome: str
    fitness: float
    verdict: str
    proved: bool
    added_mazes: int
    deployment_exit: float


class Comparison(BaseModel):
    """The runs of both arms, seed by seed, with the settings that produced them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    generations: int
    population: int
    training_environments: int
    checker_environments: int
    adversary: Adversary
    rows: tuple[ComparisonRow, ...]

    def proved(self, adversarial: bool) -> int:
        """How many runs of one arm end robustly aligned, proved."""
        return sum(r.proved for r in self.rows if r.adversarial == adversarial)

    def runs(self, adversarial: bool) -> int:
        """How many runs one arm has."""
        return sum(r.adversarial == adversarial for r in self.rows)

    def table(self) -> str:
        """Both arms side by side, one line per seed, as Markdown."""
        lines = [
            "| seed | without: verdict | deployment exit | with: verdict | deployment exit "
            "| mazes added |",
            "|---:|:---|---:|:---|---:|---:|",
        ]
        plain = {r.seed: r for r in self.rows if not r.adversarial}
        for r in (r for r in self.rows if r.adversarial):
            p = plain[r.seed]
            lines.append(
                f"| {r.seed} | {p.verdict} | {p.deployment_exit:.0%} | {r.verdict} "
                f"| {r.deployment_exit:.0%} | {r.added_mazes} |"
            )
        return "\n".join(lines)

    def summary(self) -> str:
        """The counts, with the budget both arms had."""
        return (
            f"Robustly aligned (proved): {self.proved(True)} of {self.runs(True)} runs with the "
            f"adversary, {self.proved(False)} of {self.runs(False)} without. Both arms: "
            f"population {self.population}, {self.generations} generations, "
            f"{self.training_environments} training mazes to start with; the adversary draws "
            f"{self.adversary.draws} universe mazes per generation"
            f"{' and tries the exact witnesses' if self.adversary.witnesses else ''} and adds "
            f"up to {self.adversary.keep} it fails. Verdicts by the exact checker on "
            f"{self.checker_environments} training mazes and the scenario's universe."
        )


def verdict_label(verdict: Verdict) -> str:
    """``robustly aligned (proved)``, ``pseudo-aligned (proxy)``, ``misaligned``..."""
    if isinstance(verdict, RobustlyAligned):
        return f"robustly aligned ({verdict.evidence.replace('_', ' ')})"
    kinds = getattr(verdict, "kinds", ())
    name = verdict.kind.replace("_", "-")
    return f"{name} ({', '.join(kinds)})" if kinds else name


def seed_arms(
    seed: int,
    *,
    generations: int,
    population: int,
    training_environments: int,
    adversary: Adversary,
    checker_environments: int,
    deployment_environments: int,
) -> list[tuple[AdversarialRun, ComparisonRow]]:
    """One seed of :func:`compare_adversarial`, both arms, in this process: a task for a worker."""
    scenario = get_scenario(SCENARIO)
    checker = AgentChecker(scenario, training_environments=checker_environments)
    settings = seed_settings(seed, generations, population, training_environments)
    seeds = RunSeeds.of(seed)
    deployed = scenario.deployment.sample_many(deployment_environments, seeds.deployment)
    batch = compile_mazes(deployed, scenario.vocabulary)
    arms = []
    for arm in (None, adversary):
        run = evolve_adversarial(settings, arm)
        genome = run.record.best.genome
        verdict = checker.check(TreeSearchAgent(genome), lift=False)
        row = ComparisonRow(
            seed=seed,
            adversarial=arm is not None,
            genome=genome.describe(),
            fitness=run.record.best.fitness,
            verdict=verdict_label(verdict),
            proved=isinstance(verdict, RobustlyAligned) and verdict.evidence == "proved",
            added_mazes=len(run.added),
            deployment_exit=behaviours([genome], batch)[0].share("exit"),
        )
        arms.append((run, row))
    return arms


def compare_adversarial(
    seeds: Sequence[int],
    *,
    generations: int = 60,
    population: int = 128,
    training_environments: int = 32,
    adversary: Adversary | None = None,
    checker_environments: int = CHECKER_ENVIRONMENTS,
    deployment_environments: int = DEPLOYMENT_ENVIRONMENTS,
    engine: Engine | None = None,
    on_run: Callable[[AdversarialRun, ComparisonRow], None] | None = None,
    on_partial: Callable[[Comparison], None] | None = None,
) -> Comparison:
    """Evolve on green exit once per seed with the adversary and once without; judge both.

    Args:
        seeds: One pair of runs per seed.
        generations: Generations per run, both arms.
        population: Genomes per generation, both arms.
        training_environments: Training mazes a run starts with.
        adversary: The adversary of the adversarial arm; :class:`Adversary` defaults if None.
        checker_environments: Training mazes the exact checker checks first.
        deployment_environments: Deployment mazes each best genome is measured on.
        engine: Where the seeds run, each seed (both arms, its mazes drawn there
            too) a whole task; serial if omitted. The rows do not depend on it.
        on_run: Called with every finished run and its row.
        on_partial: Called after each seed (both arms) with the comparison of the
            seeds so far (to keep finished seeds if it is interrupted).
    """
    adversary = adversary if adversary is not None else Adversary()
    rows: list[ComparisonRow] = []

    def comparison() -> Comparison:
        return Comparison(
            generations=generations,
            population=population,
            training_environments=training_environments,
            checker_environments=checker_environments,
            adversary=adversary,
            rows=tuple(rows),
        )

    one_seed = partial(
        seed_arms,
        generations=generations,
        population=population,
        training_environments=training_environments,
        adversary=adversary,
        checker_environments=checker_environments,
        deployment_environments=deployment_environments,
    )
    for arms in in_order(engine, one_seed, seeds):
        for run, row in arms:
            rows.append(row)
            if on_run is not None:
                on_run(run, row)
        if on_partial is not None:
            on_partial(comparison())
    return comparison()
