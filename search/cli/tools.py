"""Pieces every ``mesa-types`` subcommand shares: argument types, errors, progress, engines.

A subcommand lives in any module as a registration function
``register(subparsers) -> None`` that adds its parser and sets ``handler`` to
a function ``(args) -> exit code``; ``search.cli.main.COMMANDS`` lists them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, TextIO, TypedDict

from mesa_types import Engine, GenerationStats, Progress, open_engine
from search.training.validity import (
    MAX_GENERATIONS,
    MAX_POPULATION,
    MAX_SEED,
    MAX_TRAINING_ENVIRONMENTS,
)

__all__ = [
    "MAX_DEPLOYMENT_ENVIRONMENTS",
    "MAX_SEEDS",
    "CommandError",
    "Handler",
    "Interrupted",
    "Register",
    "SeedRuns",
    "Subparsers",
    "add_engine_arguments",
    "add_seed_arguments",
    "at_least",
    "between",
    "engine_of",
    "eta",
    "max_workers",
    "progress_reporter",
    "seed_runs",
]

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    Subparsers = argparse._SubParsersAction
"""What ``ArgumentParser.add_subparsers()`` returns."""

Handler = Callable[[argparse.Namespace], int]
"""What a subcommand runs: parsed arguments in, exit code out."""

Register = Callable[[Subparsers], None]
"""Adds one subcommand's parser; sets ``handler`` (a :data:`Handler`) as its default."""


MAX_SEEDS = 10_000
"""The most seeds a many-seed command runs."""

MAX_DEPLOYMENT_ENVIRONMENTS = 10_000
"""The most deployment mazes a command measures a genome on."""


class CommandError(Exception):
    """A problem to report to the user in one line, with a non-zero exit code."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with a line saying what was kept."""


def at_least(low: int) -> Callable[[str], int]:
    """An argparse ``type``: an integer no smaller than ``low``."""
    return between(low, None)


def between(low: int, high: int | None) -> Callable[[str], int]:
    """An argparse ``type``: an integer in ``[low, high]`` (no upper bound if ``high`` is None)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text[:40]!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"must be at most {high}, got {value}")
        return value

    parse.__name__ = f"integer >= {low}" if high is None else f"integer in [{low}, {high}]"
    return parse


def add_seed_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a many-seed experiment: which seeds, and each run's budget."""
    parser.add_argument(
        "--seeds", type=between(1, MAX_SEEDS), default=20, help="how many seeds (20)"
    )
    parser.add_argument(
        "--first-seed", type=between(0, MAX_SEED - MAX_SEEDS), default=0, help="first seed (0)"
    )
    parser.add_argument(
        "--generations", type=between(1, MAX_GENERATIONS), default=60, help="per run (60)"
    )
    # Each run keeps the genetic defaults, tournaments of 3 included.
    parser.add_argument(
        "--population",
        type=between(3, MAX_POPULATION),
        default=128,
        help="per run (128; at least 3, the size of a tournament)",
    )
    parser.add_argument(
        "--training-mazes",
        type=between(1, MAX_TRAINING_ENVIRONMENTS),
        default=32,
        help="per run at the start (32)",
    )
    parser.add_argument(
        "--no-pictures", action="store_true", help="with --out, do not draw the report's figure"
    )


class SeedRuns(TypedDict):
    """The keyword arguments :func:`add_seed_arguments`' options give an experiment."""

    seeds: range
    generations: int
    population: int
    training_environments: int


def seed_runs(args: argparse.Namespace) -> SeedRuns:
    """What the many-seed options asked for, as keyword arguments of an experiment."""
    return SeedRuns(
        seeds=range(args.first_seed, args.first_seed + args.seeds),
        generations=args.generations,
        population=args.population,
        training_environments=args.training_mazes,
    )


def max_workers() -> int:
    """The most worker processes a command starts: one per CPU (at least 2)."""
    return max(2, os.cpu_count() or 1)


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """``--workers`` and ``--dask``: where fitness is computed (the result never depends on it)."""
    most = max_workers()
    parser.add_argument(
        "--workers",
        type=between(0, most),
        default=0,
        help="0 or 1: compute fitness in this process; N: on a pool of N processes, at most "
        f"one per CPU ({most} here) (default 0)",
    )
    parser.add_argument(
        "--dask",
        action="store_true",
        help="compute fitness on a local Dask cluster of max(2, --workers) processes "
        "(needs the dask extra)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="send the work to the running Dask scheduler at ADDRESS (tcp://host:8786) "
        "instead; --workers and --dask are then not used (needs the dask extra)",
    )
    parser.add_argument("--quiet", action="store_true", help="print no progress, only the results")


def engine_of(args: argparse.Namespace) -> AbstractContextManager[Engine]:
    """The engine ``--workers``, ``--dask`` and ``--scheduler`` ask for."""
    return open_engine(args.workers, args.dask, scheduler=args.scheduler)


def eta(elapsed: float, done: int, left: int) -> str:
    """``12 s elapsed, about 30 s left``: the time left at the pace so far.

    Example:
        >>> eta(12.0, 2, 5)
        '12 s elapsed, about 30 s left'
    """
    if done <= 0:
        return f"{elapsed:.0f} s elapsed"
    return f"{elapsed:.0f} s elapsed, about {elapsed / done * left:.0f} s left"


@contextmanager
def progress_reporter(
    total: int,
    label: str,
    *,
    initial: int = 0,
    stream: TextIO | None = None,
    quiet: bool = False,
) -> Iterator[Progress]:
    """A per-generation progress callback: a tqdm bar on a terminal, plain lines otherwise.

    Off a terminal (a CI log, a pipe) it prints about ten lines per run, so
    logs show progress without a wall of carriage returns.

    Args:
        total: Generations in the run.
        label: What is progressing.
        initial: Generations already done (a resumed run).
        stream: Where to write; standard error by default.
        quiet: Print nothing.
    """
    out = stream if stream is not None else sys.stderr
    if quiet:

        def silent(stats: GenerationStats) -> None:
            pass

        yield silent
        return
    if out.isatty():
        from tqdm import tqdm

        # A pseudo-terminal may report a size of 0x0, and tqdm then draws nothing.
        size = shutil.get_terminal_size((80, 24))
        with tqdm(
            total=total,
            initial=initial,
            desc=label,
            file=out,
            unit="gen",
            ncols=min(100, size.columns),
            nrows=size.lines,
        ) as bar:

            def tick(stats: GenerationStats) -> None:
                bar.set_postfix(best=f"{stats.best:.3f}", mean=f"{stats.mean:.3f}")
                bar.update(1)

            yield tick
        return
    every = max(1, total // 10)
    started = time.monotonic()

    def line(stats: GenerationStats) -> None:
        done = stats.generation + 1
        if done % every == 0 or done == total:
            print(
                f"{label}: generation {done}/{total}, best {stats.best:.3f}, mean {stats.mean:.3f}"
                f", {eta(time.monotonic() - started, done - initial, total - done)}",
                file=out,
                flush=True,
            )

    yield line
