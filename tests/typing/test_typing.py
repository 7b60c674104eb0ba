"""The typing corpus: mypy accepts ``accept_*.py`` and rejects each misuse in ``reject/``.

The main ``mypy`` run already checks both (a misuse that stops failing leaves
an unused ``# type: ignore``, which ``warn_unused_ignores`` reports). This test
adds what that run cannot see: with the ignore comments stripped, each misuse
fails with exactly the error code its comment names, on its own line, and
nothing else fails.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.mypy_run import run_mypy

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REJECT = HERE / "reject"
ACCEPT = sorted(HERE.glob("accept_*.py"))
IGNORE = re.compile(r"\s*#\s*type:\s*ignore\[(?P<codes>[^\]]+)\]\s*$")
MIN_CASES = 12
COPY_PREFIX = "stripped_"


@dataclass(frozen=True)
class Misuse:
    """One line of the reject corpus and the error codes its comment expects."""

    file: str
    line: int
    codes: frozenset[str]
    source: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}[{','.join(sorted(self.codes))}]"


@dataclass(frozen=True)
class MypyError:
    """One error reported by mypy; ``file`` is a reject file's name, or a path."""

    file: str
    line: int
    code: str | None
    message: str


def _reject_files() -> list[Path]:
    return sorted(p for p in REJECT.glob("*.py") if p.name != "__init__.py")


def _misuses() -> list[Misuse]:
    found = []
    for path in _reject_files():
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            match = IGNORE.search(text)
            if match:
                codes = frozenset(c.strip() for c in match["codes"].split(","))
                found.append(Misuse(path.name, number, codes, text[: match.start()].strip()))
    return found


MISUSES = _misuses()


def _stripped(path: Path) -> str:
    """The file with every ``# type: ignore[...]`` removed, line numbers unchanged."""
    return "\n".join(IGNORE.sub("", line) for line in path.read_text().splitlines()) + "\n"


def _run_mypy(paths: list[Path]) -> list[MypyError]:
    errors = []
    for reported in run_mypy(paths):
        if reported.severity == "error":
            name = reported.name
            file = name.removeprefix(COPY_PREFIX) if name.startswith(COPY_PREFIX) else reported.path
            errors.append(MypyError(file, reported.line, reported.code, reported.message))
    return errors


@pytest.fixture(scope="module")
def stripped_errors(tmp_path_factory: pytest.TempPathFactory) -> list[MypyError]:
    """One mypy run over the stripped reject corpus and the accept files."""
    folder = tmp_path_factory.mktemp("reject_stripped")
    copies = []
    for path in _reject_files():
        copy = folder / f"{COPY_PREFIX}{path.name}"
        copy.write_text(_stripped(path))
        copies.append(copy)
    return _run_mypy([*copies, *ACCEPT])


def test_reject_corpus_has_enough_cases() -> None:
    assert len(MISUSES) >= MIN_CASES, [str(m) for m in MISUSES]


@pytest.mark.parametrize("misuse", MISUSES, ids=str)
def test_misuse_is_rejected_with_exactly_its_code(
    misuse: Misuse, stripped_errors: list[MypyError]
) -> None:
    on_line = [e for e in stripped_errors if (e.file, e.line) == (misuse.file, misuse.line)]
    assert on_line, f"mypy accepted `{misuse.source}`"
    assert {e.code for e in on_line} == misuse.codes, [f"[{e.code}] {e.message}" for e in on_line]


def test_only_the_listed_misuses_are_errors(stripped_errors: list[MypyError]) -> None:
    expected = defaultdict(set)
    for misuse in MISUSES:
        expected[misuse.file].add(misuse.line)
    unexpected = [e for e in stripped_errors if e.line not in expected.get(e.file, set())]
    report = [f"{e.file}:{e.line}: [{e.code}] {e.message}" for e in unexpected]
    assert not unexpected, "\n".join(report)


def test_stripping_keeps_line_numbers() -> None:
    for path in _reject_files():
        original = path.read_text().splitlines()
        assert len(_stripped(path).splitlines()) == len(original)
        assert not any(IGNORE.search(line) for line in _stripped(path).splitlines())


@pytest.mark.parametrize("path", ACCEPT, ids=lambda p: p.name)
def test_accept_program_runs(path: Path) -> None:
    # assert_type does nothing at run time, so the programs must simply run.
    importlib.import_module(f"tests.typing.{path.stem}")
