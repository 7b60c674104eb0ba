"""Output folders of the ``mesa-types`` commands: locked, checked before computing, not clobbered.

Every command that writes into a folder holds it with
:func:`~search.training.folders.locked_folder` while it runs, so a second run
into the same folder is refused at once, and an unwritable folder fails before
any computing. Before computing, it also checks what the folder already holds:

- ``evolve`` and ``demo`` refuse a folder holding a run (or a checkpoint) of
  other settings, or a file that cannot be read, unless ``--force`` is given; a
  fresh ``evolve`` also refuses an unfinished checkpoint of the same run (it
  would be overwritten or left behind: continue it with ``--resume``);
- ``evolve --resume`` refuses to replace a ``run.json`` that is not the
  checkpoint's own run (one finished later from other settings, say);
- the many-seed commands refuse a report of other settings.

With ``--force`` the old run is replaced, and once the new one is written the
files the old run left that the new one did not write are removed, so a
folder never holds a verdict or picture of another run.

These checks only decide whether writing would lose something, so they read
files written before files carried a digest (a run of the same settings is
then simply written again, with one); a file whose digest does not match is
refused as any loader refuses it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from search.cli.tools import CommandError
from search.training.adversarial import FINAL_BEST, Adversary
from search.training.loaders import load_adversarial_run
from search.training.runs import (
    Checkpoint,
    RunFormatError,
    RunSettings,
    load_checkpoint,
    load_run,
    read_file,
)

__all__ = [
    "RUN_FILES",
    "RunFolder",
    "add_force_argument",
    "claim_report_folder",
    "claim_resume_folder",
    "claim_run_folder",
]

RUN_FILES = (
    "run.json",
    "checkpoint.json",
    "adversarial.json",
    "verdict.json",
    "witness.png",
    "fitness.png",
    "training.png",
    "deployment.png",
)
"""What a run folder may hold, all of it about the one run in ``run.json``."""

_FORCE = "use --force to replace it, or choose another --out"


def add_force_argument(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace what ``--out`` holds even if it is another run."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace what --out holds even if it is another run (or cannot be read)",
    )


@dataclass
class RunFolder:
    """A run folder claimed for one run; :meth:`finish` tidies it once the run is written."""

    path: Path
    replacing: bool = False
    removable: set[str] = field(default_factory=set)

    def finish(self, written: set[str]) -> None:
        """Remove what the replaced run left that this run did not write."""
        if self.replacing:
            for name in self.removable - written:
                (self.path / name).unlink(missing_ok=True)


def claim_run_folder(
    out: Path, settings: RunSettings, adversary: Adversary | None, adversarial: bool, force: bool
) -> RunFolder:
    """Check that a fresh run of ``settings`` may write into ``out`` (already locked).

    Raises:
        CommandError: ``out`` holds another run, a checkpoint, or a file that
            cannot be read, and ``force`` is False.
    """
    folder = RunFolder(out, removable={n for n in RUN_FILES if (out / n).exists()})
    problem = _checkpoint_problem(out, settings, adversary, adversarial)
    problem = problem or _run_problem(out, settings, adversary, adversarial)
    if problem is not None:
        if not force:
            raise CommandError(problem)
        folder.replacing = True
    elif (out / "checkpoint.json").exists():  # a finished run's own: stale once we run again
        (out / "checkpoint.json").unlink()
    return folder


def claim_resume_folder(out: Path, saved: Checkpoint, force: bool) -> RunFolder:
    """Check that resuming ``saved`` may replace the ``run.json`` in ``out``, if there is one.

    Raises:
        CommandError: ``run.json`` is not the checkpoint's own run (or cannot be
            read), and ``force`` is False.
    """
    folder = RunFolder(out, removable={n for n in RUN_FILES if (out / n).exists()})
    path = out / "run.json"
    if not path.exists():
        return folder
    try:
        record = load_run(path, require_digest=False)
    except RunFormatError as error:
        problem: str | None = f"{error}; resuming would replace it: {_FORCE}"
    else:
        problem = None
        if record.settings != saved.settings or record.timing.started != saved.started:
            problem = (
                f"{path} is another run than {out / 'checkpoint.json'} (started "
                f"{record.timing.started}; the checkpoint's run started {saved.started}): "
                f"resuming would replace it with the checkpoint's; {_FORCE}"
            )
    if problem is not None and not force:
        raise CommandError(problem)
    folder.replacing = problem is not None
    return folder


def claim_report_folder(
    out: Path, stems: tuple[str, ...], expected: dict[str, object], seeds: range, force: bool
) -> None:
    """Check that a many-seed report may be written over what ``out`` holds.

    A report (or a partial one) of the same settings and seeds may be replaced;
    one of other settings, or one that cannot be read, only with ``force``.

    Raises:
        CommandError: It holds a report of other settings, and ``force`` is False.
    """
    if force:
        return
    for stem in stems:
        path = out / f"{stem}.json"
        if not path.exists():
            continue
        try:
            data = read_file(path, "report", False)
        except RunFormatError as error:
            raise CommandError(f"{error}; {_FORCE}") from None
        rows = data.get("rows")
        listed = rows if isinstance(rows, list) else [None]
        found = {r.get("seed") if isinstance(r, dict) else None for r in listed}
        same = all(data.get(k) == v for k, v in expected.items() if k in data)
        if not same or not found <= set(seeds):
            raise CommandError(f"{path} is a report of other settings or seeds; {_FORCE}")


def _checkpoint_problem(
    out: Path, settings: RunSettings, adversary: Adversary | None, adversarial: bool
) -> str | None:
    path = out / "checkpoint.json"
    if not path.exists():
        return None
    try:
        saved = load_checkpoint(path, require_digest=False)
    except RunFormatError as error:
        return f"{error}; {_FORCE}"
    state = saved.adversarial
    same = saved.settings == settings and (state is not None) == adversarial
    if same and state is not None and state.adversary != adversary:
        same = False
    if not same:
        return f"{out} holds the checkpoint of another run ({_described(saved.settings)}); {_FORCE}"
    done = saved.state.generation
    if done < settings.generations:
        return (
            f"{out} holds the checkpoint of this run, unfinished at generation {done} of "
            f"{settings.generations}: continue it with --resume, or start again with --force"
        )
    return None


def _run_problem(
    out: Path, settings: RunSettings, adversary: Adversary | None, adversarial: bool
) -> str | None:
    path = out / "run.json"
    if not path.exists():
        return None
    try:
        record = load_run(path, require_digest=False)
    except RunFormatError as error:
        return f"{error}; {_FORCE}"
    same = record.settings == settings and (record.best.tie_break == FINAL_BEST) == adversarial
    if same and adversarial:
        try:
            adversarial_run = load_adversarial_run(out / "adversarial.json", require_digest=False)
            same = adversarial_run.adversary == adversary
        except (OSError, RunFormatError):
            same = False
    if not same:
        return f"{out} holds a run of other settings ({_described(record.settings)}); {_FORCE}"
    return None


def _described(s: RunSettings) -> str:
    return (
        f"{s.scenario}, seed {s.seed}, {s.generations} generations, population "
        f"{s.config.population}, {s.training_environments} training mazes"
    )
