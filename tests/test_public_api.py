"""The public API: a handful of packages, each public name importable from exactly one of them."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = (
    "mesa_types",
    "mesa_types.examples",
    "search",
    "search.render",
    "search.gym",
    "search.toy",
    "mesa_minigrid",
)
MODULES = sorted(
    p
    for package in ("mesa_types", "search", "mesa_minigrid")
    for p in (ROOT / package).rglob("*.py")
)


def _exports(package: str) -> list[str]:
    return list(importlib.import_module(package).__all__)


def test_every_public_name_exists_and_is_exported_by_one_package_only() -> None:
    owner: dict[str, str] = {}
    for package in PUBLIC:
        module = importlib.import_module(package)
        for name in _exports(package):
            assert hasattr(module, name), f"{package}.__all__ names missing {name}"
            assert name not in owner or name == "__version__", (name, owner[name], package)
            owner[name] = package


def _defined_at_top(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.If):  # names defined under TYPE_CHECKING and its else
            names |= _defined_at_top(ast.Module(body=node.body + node.orelse, type_ignores=[]))
    return names


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.name != "__init__.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_a_module_exports_only_what_it_defines(path: Path) -> None:
    tree = ast.parse(path.read_text())
    exported: list[str] = next(
        (
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ),
        [],
    )
    passed_through = set(exported) - _defined_at_top(tree)
    assert not passed_through, f"re-exported from elsewhere: {sorted(passed_through)}"


DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
IMPORT = re.compile(r"^\s*(?:from|import) ((?:mesa_types|search)[a-z_.]*)", re.M)


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_import_only_from_the_public_packages(page: Path) -> None:
    used = set(IMPORT.findall(page.read_text()))
    assert used <= set(PUBLIC), f"internal modules imported: {sorted(used - set(PUBLIC))}"
