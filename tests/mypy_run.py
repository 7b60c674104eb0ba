"""Running mypy from the tests, with the project's own configuration and cache."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent

_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*?)"
    r"(?:  \[(?P<code>[a-z-]+)\])?$"
)


@dataclass(frozen=True)
class Reported:
    """One line of mypy's report: where, how bad, what, and the error code if any."""

    path: str
    line: int
    severity: str
    message: str
    code: str | None

    @property
    def name(self) -> str:
        """The file name alone.

        mypy replays cached errors of an unchanged module under the path it had
        when cached, so copies in fresh temporary folders are known by name.
        """
        return Path(self.path).name


def run_mypy(paths: Sequence[Path]) -> Iterator[Reported]:
    """Type-check ``paths`` from the project root, as the code base is checked.

    The cache is the main run's (warm after ``mypy``); running from the root
    puts it on the search path, so copies elsewhere import the project's packages too.
    """
    with contextlib.chdir(ROOT):
        stdout, stderr, status = api.run(
            [
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--cache-dir",
                str(ROOT / ".mypy_cache"),
                "--show-error-codes",
                "--no-error-summary",
                "--no-pretty",
                *map(str, paths),
            ]
        )
    assert status in (0, 1), f"mypy crashed (status {status}):\n{stderr}{stdout}"
    for text in stdout.splitlines():
        match = _LINE.match(text)
        assert match is not None, f"unexpected mypy output line: {text!r}"
        yield Reported(
            match["path"],
            int(match["line"]),
            match["severity"],
            match["message"],
            match["code"],
        )
