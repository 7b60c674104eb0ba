"""The ``emergence`` subcommand: the phase diagram of when mesa-optimizers arise."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mesa_types import open_engine
from search.cli.tools import CommandError, Subparsers, add_engine_arguments, between
from search.experiments.emergence_settings import OPTIMIZERS, DescentSettings, EmergenceSettings
from search.experiments.emergence_sweep import (
    PhaseCell,
    load_emergence,
    phase_table,
    save_phase_diagram,
    sweep,
)
from search.scenarios.diversity import DIVERSITY_LEVELS

__all__ = ["add_emergence"]

RESULTS, FIGURE = "emergence.json", "phase.png"


def add_emergence(subparsers: Subparsers) -> None:
    """``mesa-types emergence``: plants or planners, over diversity and the cost of thinking."""
    parser = subparsers.add_parser(
        "emergence",
        help="map when the base optimizer produces a mesa-optimizer (a phase diagram)",
        description="For every diversity level and thinking cost, evolve plants and planners "
        "with the genetic algorithm (or train them by gradient descent) over many seeds, "
        "deploy each product where the exit is grey and the apples green, and count "
        "optimizers and outcomes. Writes emergence.json "
        "(with a digest, saved after every cell) and phase.png, and prints the table.",
    )
    parser.add_argument("--out", default="runs/emergence", help="folder (runs/emergence)")
    parser.add_argument("--seeds", type=between(1, 1000), default=20, help="per cell (20)")
    parser.add_argument("--generations", type=between(1, 10_000), default=50, help="per run (50)")
    parser.add_argument("--population", type=between(3, 4096), default=64, help="per run (64)")
    parser.add_argument(
        "--levels",
        nargs="+",
        default=[level.name for level in DIVERSITY_LEVELS],
        metavar="LEVEL",
        help="diversity levels to sweep (all six); quote names with spaces",
    )
    parser.add_argument(
        "--costs",
        nargs="+",
        type=float,
        default=[0.0, 1e-5, 1e-4, 1e-3, 1e-2],
        metavar="COST",
        help="thinking costs per unit of depth (0 1e-05 0.0001 0.001 0.01)",
    )
    parser.add_argument(
        "--pool", type=between(1, 1024), default=1024, help="mazes per training pool (1024)"
    )
    parser.add_argument(
        "--optimizer",
        choices=OPTIMIZERS,
        default="genetic",
        help="the base optimizer: the genetic algorithm, or gradient descent on the "
        "relaxed plant-or-planner (genetic)",
    )
    parser.add_argument(
        "--steps", type=between(1, 100_000), default=200, help="gradient steps per run (200)"
    )
    parser.add_argument("--resume", action="store_true", help="continue the sweep saved in --out")
    parser.add_argument(
        "--force", action="store_true", help="replace a sweep already saved in --out"
    )
    add_engine_arguments(parser)
    parser.set_defaults(handler=_emergence)


def _emergence(args: argparse.Namespace) -> int:
    settings = EmergenceSettings(
        seeds=args.seeds,
        generations=args.generations,
        population=args.population,
        levels=tuple(args.levels),
        costs=tuple(args.costs),
        pool=args.pool,
        optimizer=args.optimizer,
        descent=DescentSettings(steps=args.steps),
    )
    out = Path(args.out)
    path = out / RESULTS
    resume = None
    if path.exists():
        if args.resume:
            resume = load_emergence(path)
        elif not args.force:
            raise CommandError(f"{path} exists: pass --resume to continue it or --force")
    elif args.resume:
        raise CommandError(f"--resume: no sweep saved at {path}")
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()

    def report(cell: PhaseCell, done: int, total: int) -> None:
        elapsed = time.perf_counter() - began
        print(
            f"emergence: cell {done}/{total} ({cell.level}, cost {cell.cost:g}): "
            f"{cell.optimizers:.0%} optimizers, {elapsed:.1f} s",
            file=sys.stderr,
            flush=True,
        )

    with open_engine(args.workers, args.dask) as engine:
        results = sweep(settings, engine.executor, out=path, resume=resume, progress=report)
    save_phase_diagram(results, out / FIGURE)
    print(phase_table(results))
    print(
        "entries: optimizers / generalises / pseudo-aligned / fails / misaligned, "
        f"of {settings.seeds} seeds"
    )
    print(f"wrote {path} and {out / FIGURE}")
    return 0
