"""``mesa-types check RUN_FOLDER``: judge a saved run's best genome and draw the evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from mesa_types import RobustlyAligned
from search.cli.tools import MAX_DEPLOYMENT_ENVIRONMENTS, CommandError, Subparsers, between
from search.experiments.run_judgement import judge_run
from search.render.verdicts import draw_verdict
from search.training.files import save_json
from search.training.folders import locked_folder
from search.training.runs import load_run

__all__ = ["add_check"]


def add_check(subparsers: Subparsers) -> None:
    """``mesa-types check RUN_FOLDER``: judge a saved run's best genome."""
    parser = subparsers.add_parser(
        "check",
        help="judge a saved run's best genome: robust or pseudo-aligned, and why",
        description="Read RUN_FOLDER/run.json and judge its best genome with the exact "
        "checker on the run's training mazes and its scenario's universe. Prints the verdict, "
        "the base, mesa- and behavioral objectives, and its regret on deployment mazes; "
        "writes verdict.json and, when there is a witness, witness.png.",
    )
    parser.add_argument("folder", metavar="RUN_FOLDER", help="a folder holding run.json")
    parser.add_argument(
        "--deployment-mazes",
        type=between(1, MAX_DEPLOYMENT_ENVIRONMENTS),
        default=256,
        help="deployment mazes to measure it on and watch it in (default 256)",
    )
    parser.add_argument("--no-pictures", action="store_true", help="skip witness.png")
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not (folder / "run.json").is_file():
        raise CommandError(f"no run.json in {folder}")
    with locked_folder(folder, "RUN_FOLDER"):
        record = load_run(folder / "run.json")
        judged = judge_run(record, deployment_mazes=args.deployment_mazes)
        print(judged.report())
        save_json(judged.verdict, folder / "verdict.json")
        written = ["verdict.json"]
        if not args.no_pictures:
            witness = folder / "witness.png"
            drawn = draw_verdict(judged.verdict, judged.agent, judged.scenario, witness)
            written += [drawn.name] if drawn is not None else []
    proved = isinstance(judged.verdict, RobustlyAligned) and judged.verdict.evidence == "proved"
    if proved and judged.deployment_failures:  # would contradict the proof: say so loudly
        raise CommandError("a proved agent failed a deployment maze; please report this")
    print(f"Wrote {', '.join(str(folder / name) for name in written)}")
    return 0
