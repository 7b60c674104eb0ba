"""``mesa-types adversarial`` seed by seed: both arms, then the deceptive agents hunted.

A seed is one task on the command's engine: the run without the adversary, the
run with it, and (for the first ``--hunts`` seeds) the adversary hunting each
deceptive agent directly. The hunt draws the very mazes the run's adversary
drew (same seed, same rounds), which the task still holds
(:func:`search.training.adversarial.universe_draws`), and each round's mazes
are tried against all three agents at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial

from mesa_types import Engine, in_order
from search.agents.deceptive import ByLabel, BySignature, BySize, DeceptiveAgent, Detector
from search.cli.tools import eta
from search.experiments.adversarial import (
    CHECKER_ENVIRONMENTS,
    DEPLOYMENT_ENVIRONMENTS,
    Comparison,
    ComparisonRow,
    seed_arms,
)
from search.experiments.deception_audit import HuntReport, audit_deceptive, hunt_each
from search.scenarios.registry import get_scenario
from search.training.adversarial import Adversary
from search.training.runs import AdversarialRun
from search.world.grid import GridWorld

__all__ = ["SeedResult", "adversarial_report", "seed_task"]

SCENARIO = "green-exit"

SeedResult = tuple[list[tuple[AdversarialRun, ComparisonRow]], list[HuntReport] | None]
"""One seed's two arms (if compared) and its hunts (if hunted)."""


def _agents() -> list[DeceptiveAgent]:
    vocabulary = get_scenario(SCENARIO).vocabulary
    detectors: list[Detector] = [BySize(), BySignature(), ByLabel()]
    return [DeceptiveAgent.green_seeker(vocabulary, d) for d in detectors]


def seed_task(
    seed: int,
    *,
    compared: range,
    hunted: range,
    generations: int,
    population: int,
    training_environments: int,
    adversary: Adversary,
) -> SeedResult:
    """One seed of ``mesa-types adversarial``, in this process: a task for a worker."""
    arms = []
    if seed in compared:
        arms = seed_arms(
            seed,
            generations=generations,
            population=population,
            training_environments=training_environments,
            adversary=adversary,
            checker_environments=CHECKER_ENVIRONMENTS,
            deployment_environments=DEPLOYMENT_ENVIRONMENTS,
        )
    hunts = None
    if seed in hunted:
        scenario = get_scenario(SCENARIO)
        hunts = hunt_each(_agents(), scenario, adversary, generations - 1, seed)
    return arms, hunts


def adversarial_report(
    args: argparse.Namespace,
    adversary: Adversary,
    engine: Engine,
    on_partial: Callable[[Comparison], None],
) -> tuple[Comparison, list[str]]:
    """The comparison of both arms, and the deceptive agents' lines (audits, then hunts)."""
    compared = range(args.first_seed, args.first_seed + args.seeds)
    hunted = range(args.first_seed, args.first_seed + args.hunts)
    task = partial(
        seed_task,
        compared=compared,
        hunted=hunted,
        generations=args.generations,
        population=args.population,
        training_environments=args.training_mazes,
        adversary=adversary,
    )
    rows: list[ComparisonRow] = []
    mazes: list[GridWorld] = []
    hunts: list[list[HuntReport]] = []

    def comparison() -> Comparison:
        return Comparison(
            generations=args.generations,
            population=args.population,
            training_environments=args.training_mazes,
            checker_environments=CHECKER_ENVIRONMENTS,
            adversary=adversary,
            rows=tuple(rows),
        )

    seeds = range(args.first_seed, args.first_seed + max(args.seeds, args.hunts))
    started = time.monotonic()
    for done, (arms, hunt) in enumerate(in_order(engine, task, seeds), start=1):
        for run, row in arms:
            rows.append(row)
            mazes.extend(run.added)
        if hunt is not None:
            hunts.append(hunt)
        if arms:
            on_partial(comparison())
        elif not args.quiet:
            left = eta(time.monotonic() - started, done, len(seeds) - done)
            print(f"hunts: {done}/{len(seeds)} seeds done, {left}", file=sys.stderr, flush=True)
    return comparison(), _deceptive_lines(args, adversary, mazes, hunts)


def _deceptive_lines(
    args: argparse.Namespace,
    adversary: Adversary,
    mazes: list[GridWorld],
    hunts: list[list[HuntReport]],
) -> list[str]:
    """Deceptive agents on the runs' adversarial mazes, then how the hunts went."""
    scenario = get_scenario(SCENARIO)
    deployment = scenario.deployment.sample_many(256, seed=args.first_seed)
    lines = []
    for a, agent in enumerate(_agents()):
        lines.append(audit_deceptive(agent, mazes, deployment, scenario).describe())
        reports = [h[a] for h in hunts]
        caught = [r for r in reports if r.caught_in_round is not None]
        if reports:
            lines.append(
                f"Hunted directly, for {args.generations - 1} rounds of {adversary.draws} "
                f"draws: caught on {len(caught)} of {len(reports)} seeds"
                + (
                    f", after {min(r.mazes for r in caught)} to {max(r.mazes for r in caught)} "
                    "mazes."
                    if caught
                    else "."
                )
            )
    return lines
