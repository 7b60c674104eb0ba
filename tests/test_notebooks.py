"""The teaching notebooks (``docs/notebooks``, MyST text notebooks) type-check with mypy --strict.

The docs build (``make docs``, part of ``make test``) executes them; here their
code cells, joined in order into one module per notebook with IPython's
``%`` magics left out, are type-checked as the code base is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.mypy_run import run_mypy

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.md"))
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.S | re.M)


def code_of(notebook: Path) -> tuple[str, list[int]]:
    """The notebook's code cells as one module, and each module line's line in the notebook."""
    text = notebook.read_text()
    lines: list[str] = []
    origin: list[int] = []
    for cell in CELL.finditer(text):
        first = text.count("\n", 0, cell.start(1)) + 1
        for offset, line in enumerate(cell.group(1).splitlines()):
            if not line.startswith("%"):
                lines.append(line)
                origin.append(first + offset)
    return "\n".join(lines) + "\n", origin


def test_there_are_notebooks_and_each_has_code() -> None:
    assert [n.stem for n in NOTEBOOKS] == ["deception", "emergence", "green-exit"]
    assert all(code_of(n)[0].strip() for n in NOTEBOOKS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.stem)
def test_a_notebook_passes_mypy_strict(notebook: Path, tmp_path: Path) -> None:
    code, origin = code_of(notebook)
    module = tmp_path / f"notebook_{notebook.stem.replace('-', '_')}.py"
    module.write_text(code)
    problems = [
        f"{notebook.name}:{origin[r.line - 1]}: {r.message}"
        for r in run_mypy([module])
        if r.severity == "error"
    ]
    assert not problems, "\n".join(problems)
