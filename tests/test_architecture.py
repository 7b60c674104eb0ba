"""The layering contracts in pyproject.toml hold, and they fail when the layering is broken."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True
    )


def _copy_of_the_packages(tmp_path: Path) -> Path:
    for package in ("mesa_types", "search", "mesa_minigrid"):
        shutil.copytree(ROOT / package, tmp_path / package)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout
    assert "5 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("mesa_types/objectives.py", "import search", "engine:"),
        ("mesa_types/objectives.py", "import mesa_minigrid", "engine-minigrid:"),
        ("mesa_minigrid/agents.py", "import search", "minigrid:"),
        ("search/agents/policies.py", "import search.cli.main", "layers:"),
        ("search/world/mazes.py", "import search.world.placement", "cycles:"),
    ],
)
def test_a_broken_layering_fails_the_contracts(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    tree = _copy_of_the_packages(tmp_path)
    with open(tree / module, "a", encoding="utf-8") as source:
        source.write(f"\n{line}  # noqa: E402, F401\n")
    done = _lint(tree)
    assert done.returncode != 0
    verdicts = {
        line.split(":")[0] + ":": line.rsplit(" ", 1)[-1]
        for line in done.stdout.splitlines()
        if line.endswith((" KEPT", " BROKEN"))
    }
    assert verdicts[broken] == "BROKEN"
