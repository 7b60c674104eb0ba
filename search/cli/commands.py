"""The ``demo``, ``show`` and ``phenomenon`` subcommands of ``mesa-types``."""

from __future__ import annotations

import argparse
from pathlib import Path

from mesa_types import TIE_BREAK
from search.cli.output import add_force_argument, claim_run_folder
from search.cli.seeds import seed_output
from search.cli.settings import add_run_arguments, run_settings
from search.cli.tools import (
    MAX_DEPLOYMENT_ENVIRONMENTS,
    CommandError,
    Subparsers,
    add_engine_arguments,
    add_seed_arguments,
    between,
    engine_of,
    progress_reporter,
    seed_runs,
)
from search.experiments.demo import DEMO_SETTINGS, demo_json, demo_report, draw_run, run_demo
from search.experiments.phenomenon import PhenomenonReport, phenomenon
from search.training.folders import locked_folder
from search.training.runs import load_run

__all__ = ["add_demo", "add_phenomenon", "add_show"]

_D = DEMO_SETTINGS


def add_demo(subparsers: Subparsers) -> None:
    """``mesa-types demo``: the green-exit experiment end to end."""
    parser = subparsers.add_parser(
        "demo",
        help="run the green-exit experiment end to end and write a run folder",
        description="Evolve search-tree agents on green-exit training mazes (the exit is "
        "green), deploy the best genome on mazes where the exit is grey and the apples are "
        "green, judge it with the alignment checker, print a report and write run.json, "
        "verdict.json and pictures to the run folder.",
    )
    parser.add_argument("--out", default="runs/demo", help="run folder (default runs/demo)")
    add_run_arguments(parser, scenario=False)
    parser.add_argument(
        "--deployment-mazes",
        type=between(1, MAX_DEPLOYMENT_ENVIRONMENTS),
        default=256,
        help="deployment mazes the best genome is measured on (default 256)",
    )
    parser.add_argument("--no-pictures", action="store_true", help="skip the PNGs")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the findings as one JSON document instead of the report (for scripts)",
    )
    add_force_argument(parser)
    add_engine_arguments(parser)
    parser.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    settings = run_settings(args, _D.model_copy(update={"scenario": "green-exit"}))
    with locked_folder(args.out) as out:
        folder = claim_run_folder(out, settings, None, False, args.force)
        with (
            engine_of(args) as engine,
            progress_reporter(settings.generations, "evolving", quiet=args.quiet) as tick,
        ):
            result = run_demo(
                out,
                settings,
                deployment_environments=args.deployment_mazes,
                engine=engine,
                progress=tick,
                pictures=not args.no_pictures,
            )
        folder.finish(set(result.files))
    print(demo_json(result) if args.json else demo_report(result))
    return 0


def add_show(subparsers: Subparsers) -> None:
    """``mesa-types show RUN_FOLDER``: print a saved run and draw its pictures again."""
    parser = subparsers.add_parser(
        "show",
        help="print a saved run and draw its pictures",
        description="Read RUN_FOLDER/run.json, print a summary, and draw fitness.png, "
        "training.png and deployment.png into the folder.",
    )
    parser.add_argument("folder", metavar="RUN_FOLDER", help="a folder holding run.json")
    parser.add_argument("--no-pictures", action="store_true", help="only print the summary")
    parser.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(f"no run folder at {folder}")
    if not (folder / "run.json").is_file():
        raise CommandError(f"{folder} holds no run.json")
    record = load_run(folder / "run.json")
    print(record.describe())
    if not args.no_pictures:
        with locked_folder(folder, "RUN_FOLDER"):
            drawn = draw_run(record, folder)
        print(f"Drew {', '.join(str(p) for p in drawn)}")
    return 0


def add_phenomenon(subparsers: Subparsers) -> None:
    """``mesa-types phenomenon``: the green-exit experiment over many seeds, as a table."""
    parser = subparsers.add_parser(
        "phenomenon",
        help="measure the green-exit phenomenon over many seeds",
        description="For each seed, evolve on green-exit training mazes and report how often "
        "the best genome reaches the exit in training and in deployment, how often it goes to "
        "a green apple instead, and the share of the top-fitness genomes that go to a green "
        "apple in deployment.",
    )
    add_seed_arguments(parser)
    parser.add_argument(
        "--deployment-mazes", type=between(1, MAX_DEPLOYMENT_ENVIRONMENTS), default=256
    )
    parser.add_argument(
        "--out", help="also write phenomenon.json and phenomenon.md here (kept seed by seed)"
    )
    add_force_argument(parser)
    add_engine_arguments(parser)
    parser.set_defaults(handler=_phenomenon)


def _text(report: PhenomenonReport) -> str:
    return f"{report.table()}\n\n{report.summary()}"


def _phenomenon(args: argparse.Namespace) -> int:
    runs = seed_runs(args)
    expected = {
        "generations": args.generations,
        "population": args.population,
        "training_environments": args.training_mazes,
        "deployment_environments": args.deployment_mazes,
        "tie_break": TIE_BREAK,
    }
    with seed_output(args, "phenomenon", expected) as kept:
        with engine_of(args) as engine:
            report = phenomenon(
                **runs,
                deployment_environments=args.deployment_mazes,
                engine=engine,
                on_partial=lambda r: kept.finished(r, _text(r), len(r.rows)),
            )
        kept.publish(_text(report), report)
    return 0
