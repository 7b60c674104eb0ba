"""Every Python block in ``README.md`` and ``docs/*.md`` runs, prints what it says, type-checks.

Type-checking means ``mypy --strict``.

Blocks on one page run in order, like notebook cells: each block starts with every
name the blocks above it bound, imports included. For the run, that is
pytest-examples' ``module_globals``; for mypy, each block becomes a module that
star-imports the module of the block above it and lists in ``__all__`` every name
it binds or inherits (strict mode re-exports nothing that ``__all__`` does not
name), so mypy sees the same names as the run.

To rewrite the ``#>`` output lines after a change: ``pytest tests/test_docs.py --update-examples``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from search import perfect_maze
from tests.mypy_run import run_mypy

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
EXAMPLES = [example for page in PAGES for example in find_examples(page)]
BY_PAGE: dict[Path, list[CodeExample]] = defaultdict(list)
for _example in EXAMPLES:
    BY_PAGE[_example.path].append(_example)

_after: dict[str, dict[str, Any]] = {}
"""The namespace after each block that has run, by the block's test id."""


def _position(example: CodeExample) -> int:
    return next(i for i, e in enumerate(BY_PAGE[example.path]) if e is example)


def _namespace_before(example: CodeExample, eval_example: EvalExample) -> dict[str, Any]:
    """What the blocks above ``example`` on its page define, running them if need be."""
    index = _position(example)
    if index == 0:
        return {}
    previous = BY_PAGE[example.path][index - 1]
    if str(previous) not in _after:
        before = _namespace_before(previous, eval_example)
        _after[str(previous)] = eval_example.run(previous, module_globals=before)
    return _after[str(previous)]


@pytest.fixture(autouse=True, scope="module")
def _kernels_loaded() -> None:
    """Load the compiled maze kernels before any block runs as ``__main__``.

    numba's first import fails while pytest-examples has swapped ``__main__``
    for a docs block, so a page run on its own would fail where the whole suite
    (which draws mazes first) passes.
    """
    perfect_maze(5, 5, np.random.default_rng(0))


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """pytest-examples runs each block as ``__main__``; put the real one back afterwards.

    Otherwise a later test that starts processes with "spawn" would re-run the last
    docs block in every child.
    """
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


def test_docs_have_examples() -> None:
    assert {p.name for p in PAGES} >= {"index.md", "concepts.md"}
    assert all(BY_PAGE[p] for p in PAGES if p.name in {"index.md", "concepts.md"})


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_docs_example_runs_and_prints_what_it_shows(
    example: CodeExample, eval_example: EvalExample
) -> None:
    eval_example.set_config(line_length=100)
    before = _namespace_before(example, eval_example)
    if eval_example.update_examples:
        after = eval_example.run_print_update(example, module_globals=before)
    else:
        after = eval_example.run_print_check(example, module_globals=before)
    _after[str(example)] = after


def _module_name(page: Path, index: int) -> str:
    stem = re.sub(r"\W", "_", page.stem)
    return f"docs_{stem}_{index:02d}"


def _bound_names(node: ast.AST) -> Iterator[str]:
    """The names a statement binds in the module's namespace."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield node.name
    elif isinstance(node, ast.Import | ast.ImportFrom):
        for alias in node.names:
            if alias.name != "*":
                yield alias.asname or alias.name.split(".")[0]
    elif isinstance(
        node, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
    ):
        return  # their own scope
    else:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id
        elif isinstance(node, ast.ExceptHandler) and node.name:
            yield node.name
        for child in ast.iter_child_nodes(node):
            yield from _bound_names(child)


def _write_modules(folder: Path) -> dict[str, tuple[CodeExample, int]]:
    """One module per block; returns, by file name, the block and its header's line count."""
    written = {}
    for page, examples in BY_PAGE.items():
        inherited: set[str] = set()
        for index, example in enumerate(examples):
            header = f"from {_module_name(page, index - 1)} import *\n" if index else ""
            inherited |= set(_bound_names(ast.parse(example.source)))
            exports = f"\n__all__ = {sorted(inherited)!r}\n"
            name = f"{_module_name(page, index)}.py"
            (folder / name).write_text(header + example.source + exports)
            written[name] = (example, 1 if header else 0)
    return written


def test_docs_examples_pass_mypy_strict(tmp_path: Path) -> None:
    written = _write_modules(tmp_path)
    problems = []
    for reported in run_mypy([tmp_path / name for name in written]):
        if reported.severity != "error":
            continue
        if reported.name in written:
            example, header = written[reported.name]
            line = example.start_line + reported.line - header
            problems.append(f"{example.path.name}:{line}: {reported.message}")
        else:
            problems.append(f"{reported.path}:{reported.line}: {reported.message}")
    assert not problems, "\n".join(problems)
