"""``mesa-types evolve``: one genetic run into a locked run folder, checkpointed and resumable."""

from __future__ import annotations

import argparse
from pathlib import Path

from search.cli.deception import add_adversarial_arguments, adversary_from, evolve_with_adversary
from search.cli.output import (
    RunFolder,
    add_force_argument,
    claim_resume_folder,
    claim_run_folder,
)
from search.cli.settings import add_run_arguments, check_agrees, run_settings
from search.cli.tools import (
    CommandError,
    Subparsers,
    add_engine_arguments,
    between,
    engine_of,
    progress_reporter,
)
from search.experiments.demo import DEMO_SETTINGS
from search.training.evolution import evolve, resume
from search.training.files import save_json
from search.training.folders import locked_folder
from search.training.runs import Checkpoint, RunSettings, load_checkpoint
from search.training.validity import MAX_GENERATIONS

__all__ = ["add_evolve"]


def add_evolve(subparsers: Subparsers) -> None:
    """``mesa-types evolve``: one genetic run, saved as ``run.json``, optionally checkpointed."""
    parser = subparsers.add_parser(
        "evolve",
        help="evolve search-tree agents on a scenario and save the run",
        description="Run the genetic base optimizer on a scenario's training mazes and write "
        "OUT/run.json. With --checkpoint-every N it keeps OUT/checkpoint.json up to date; "
        "--resume continues from it (saving at the same interval) and ends exactly as an "
        "uninterrupted run would, adversarial runs included. OUT is locked while it runs; "
        "a folder holding another run is refused unless --force.",
    )
    parser.add_argument("--out", default="runs/evolve", help="run folder (default runs/evolve)")
    add_run_arguments(parser, scenario=True)
    parser.add_argument(
        "--checkpoint-every",
        type=between(0, MAX_GENERATIONS),
        default=0,
        metavar="N",
        help="save OUT/checkpoint.json every N generations (default 0: never; with --resume, "
        "the checkpoint's interval)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue from OUT/checkpoint.json; settings (and, for an adversarial run, the "
        "adversary and the mazes it added) come from it; any given must agree",
    )
    add_force_argument(parser)
    add_engine_arguments(parser)
    add_adversarial_arguments(parser)
    parser.set_defaults(handler=_evolve)


def _evolve(args: argparse.Namespace) -> int:
    out = Path(args.out)
    checkpoint = out / "checkpoint.json"
    if args.resume and not checkpoint.is_file():
        raise CommandError(f"no checkpoint to resume at {checkpoint}")
    with locked_folder(out):
        saved, settings, folder = _claim(args, out)
        first = saved.state.generation if saved is not None else 0
        adversarial = args.adversarial or (saved is not None and saved.adversarial is not None)
        with (
            engine_of(args) as engine,
            progress_reporter(
                settings.generations, "evolving", initial=first, quiet=args.quiet
            ) as tick,
        ):
            options = {"checkpoint": checkpoint, "checkpoint_every": args.checkpoint_every}
            if adversarial:
                record = evolve_with_adversary(args, settings, engine, tick, out, saved)
            elif saved is not None:
                record = resume(saved, engine, progress=tick, **options)
            else:
                record = evolve(settings, engine, progress=tick, **options)
        save_json(record, out / "run.json")
        written = {"run.json"}
        if args.checkpoint_every or saved is not None:
            written.add("checkpoint.json")
        if adversarial:
            written.add("adversarial.json")
        folder.finish(written)
    print(record.describe())
    print(f"Wrote {out / 'run.json'}; draw it with: mesa-types show {out}")
    return 0


def _claim(args: argparse.Namespace, out: Path) -> tuple[Checkpoint | None, RunSettings, RunFolder]:
    """The checkpoint to resume (if any), the settings, and the folder claimed for the run."""
    if not args.resume:
        settings = run_settings(args, DEMO_SETTINGS)
        adversary = adversary_from(args) if args.adversarial else None
        folder = claim_run_folder(out, settings, adversary, args.adversarial, args.force)
        return None, settings, folder
    checkpoint = out / "checkpoint.json"
    saved = load_checkpoint(checkpoint)
    check_agrees(args, saved.settings)
    if args.adversarial and saved.adversarial is None:
        raise CommandError(f"{checkpoint} is of a run without --adversarial; resume it without")
    return saved, saved.settings, claim_resume_folder(out, saved, args.force)
