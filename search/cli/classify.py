"""``mesa-types classify``: the best genomes of many green-exit runs, each judged."""

from __future__ import annotations

import argparse

from search.cli.output import add_force_argument
from search.cli.seeds import seed_output
from search.cli.tools import (
    MAX_DEPLOYMENT_ENVIRONMENTS,
    Subparsers,
    add_engine_arguments,
    add_seed_arguments,
    between,
    engine_of,
    seed_runs,
)
from search.experiments.classification import VerdictTable, classify_seeds

__all__ = ["add_classify"]


def add_classify(subparsers: Subparsers) -> None:
    """``mesa-types classify``: the green-exit runs of many seeds, each best genome judged."""
    parser = subparsers.add_parser(
        "classify",
        help="classify the best genome of many green-exit runs (robust, pseudo-aligned, ...)",
        description="For each seed, evolve on green-exit training mazes, judge the best "
        "genome with the exact checker, replay its witness from JSON, and count its failures "
        "on deployment mazes. Prints a Markdown table and a summary.",
    )
    add_seed_arguments(parser)
    parser.add_argument(
        "--deployment-mazes",
        type=between(1, MAX_DEPLOYMENT_ENVIRONMENTS),
        default=1000,
        help="(1000)",
    )
    parser.add_argument(
        "--out", help="also write classification.json and .md here (kept seed by seed)"
    )
    add_force_argument(parser)
    add_engine_arguments(parser)
    parser.set_defaults(handler=_classify)


def _text(table: VerdictTable) -> str:
    return f"{table.table()}\n\n{table.summary()}\n\n{table.gaps_table()}"


def _classify(args: argparse.Namespace) -> int:
    expected = {
        "generations": args.generations,
        "population": args.population,
        "training_environments": args.training_mazes,
        "deployment_environments": args.deployment_mazes,
    }
    with seed_output(args, "classification", expected) as kept:
        with engine_of(args) as engine:
            table = classify_seeds(
                **seed_runs(args),
                deployment_environments=args.deployment_mazes,
                engine=engine,
                on_partial=lambda t: kept.finished(t, _text(t), len(t.rows)),
            )
        kept.publish(_text(table), table)
    return 0 if table.contradictions == 0 else 1
