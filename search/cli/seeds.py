"""Many-seed commands' output: ``--out`` claimed first, finished seeds kept as they finish.

``phenomenon``, ``classify`` and ``adversarial`` run one seed after another,
for minutes or hours. :func:`seed_output` locks ``--out`` (and checks it holds
no report of other settings) before the first seed starts. As each seed
finishes, the report of the seeds so far is written to ``OUT/STEM.partial.json``
and ``.md``, so a run that is interrupted, killed or crashes keeps every
finished seed; on Ctrl-C the partial table is also printed. When all seeds are
done the full report replaces the partial one, and its figure is drawn
(``OUT/STEM.png``, unless ``--no-pictures``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from search.cli.output import claim_report_folder
from search.cli.tools import Interrupted, eta
from search.training.files import save_json, write_text
from search.training.folders import locked_folder

__all__ = ["PartialReport", "seed_output"]


@dataclass
class PartialReport:
    """The report of the seeds finished so far, saved as they finish (with ``--out``)."""

    out: Path | None
    stem: str
    seeds: int
    text: str = ""
    done: int = 0
    quiet: bool = False
    pictures: bool = True
    started: float = field(default_factory=time.monotonic)

    def finished(self, report: BaseModel, text: str, done: int) -> None:
        """Keep the report of the first ``done`` seeds: in memory, and in ``--out``.

        Also prints a progress line with the time left (unless quiet).
        """
        self.text, self.done = text, done
        if self.out is not None:
            save_json(report, self.out / f"{self.stem}.partial.json")
            write_text(text + "\n", self.out / f"{self.stem}.partial.md")
        if not self.quiet:
            print(
                f"{self.stem}: {done}/{self.seeds} seeds done, "
                f"{eta(time.monotonic() - self.started, done, self.seeds - done)}",
                file=sys.stderr,
                flush=True,
            )

    def publish(self, text: str, report: BaseModel) -> None:
        """Print the whole report; with ``--out``, save it, draw it and drop the partial one."""
        print(text)
        if self.out is not None:
            save_json(report, self.out / f"{self.stem}.json")
            write_text(text + "\n", self.out / f"{self.stem}.md")
            if self.pictures:
                from search.experiments.figures import save_report_png  # matplotlib: only now

                save_report_png(report, self.out / f"{self.stem}.png")
            for suffix in (".partial.json", ".partial.md"):
                (self.out / f"{self.stem}{suffix}").unlink(missing_ok=True)

    def interrupted(self) -> Interrupted:
        """What Ctrl-C keeps: the partial table printed, and a line saying where it is saved."""
        if self.done:
            print(self.text)
        kept = f"the {self.done} finished of {self.seeds} seeds are printed above"
        if self.out is not None and self.done:
            kept += f" and saved in {self.out / self.stem}.partial.json and .md"
        return Interrupted(kept if self.done else f"no seed of {self.seeds} had finished")


@contextmanager
def seed_output(
    args: argparse.Namespace, stem: str, expected: dict[str, object]
) -> Iterator[PartialReport]:
    """Claim ``args.out`` (if given) for a many-seed report; keep finished seeds on Ctrl-C.

    Args:
        args: The command's arguments (``out``, ``force``, ``seeds``, ``first_seed``).
        stem: The report's file name without suffix.
        expected: Settings an existing report must share to be replaced without
            ``--force`` (field names of the report).

    Raises:
        CommandError: ``--out`` holds a report of other settings.
        FolderInUse: Another run is writing to ``--out``.
        Interrupted: Ctrl-C; the finished seeds were kept.
    """
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    with ExitStack() as stack:
        out = None
        if args.out:
            out = stack.enter_context(locked_folder(args.out))
            claim_report_folder(out, (stem, f"{stem}.partial"), expected, seeds, args.force)
        partial = PartialReport(
            out,
            stem,
            len(seeds),
            quiet=bool(getattr(args, "quiet", False)),
            pictures=not getattr(args, "no_pictures", False),
        )
        try:
            yield partial
        except KeyboardInterrupt as error:
            if isinstance(error, Interrupted):
                raise
            raise partial.interrupted() from None
