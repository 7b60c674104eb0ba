"""Hashes of what must not change when code moves: mazes, the demo, the tables, the docs.

Run it before and after a refactoring and compare the two JSON files:

    python -m scripts.fingerprint > before.json
    ...move code...
    python -m scripts.fingerprint > after.json
    diff before.json after.json

Mazes: 40 draws of every distribution (training, deployment, universe) of
every registered scenario, hashed from their JSON specs. Commands: the demo's
report and saved files, the 20-seed ``phenomenon`` and ``classify`` tables,
with wall-clock timings removed; a saved file is hashed without its ``digest``
field (a hash of the rest, added when files started carrying one), so that
what is compared is the content. Docs: the printed outputs (``#>`` lines) of
every page. Takes about a minute.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from search import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
DRAWS = 40
TIMING = re.compile(r"(\d+(\.\d+)?\s*(s|ms|seconds))|(\"(started|finished|seconds|elapsed)[^,}]*)")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def maze_hashes() -> dict[str, str]:
    """One hash per distribution of every registered scenario."""
    hashes: dict[str, str] = {}
    for name, factory in sorted(SCENARIOS.items()):
        scenario = factory()
        for role, dist in (
            ("training", scenario.training),
            ("deployment", scenario.deployment),
            ("universe", scenario.universe.distribution),
        ):
            specs = [json.dumps(w.spec(), sort_keys=True) for w in dist.sample_many(DRAWS, 7)]
            hashes[f"{name}/{role}"] = _digest("\n".join(specs))
    return hashes


def _command(*args: str, folder: str = "") -> str:
    out = subprocess.run(
        [sys.executable, "-m", "search.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The folder first: a temporary name can hold "3s", which looks like a timing.
    return TIMING.sub("<t>", out.replace(folder, "<out>") if folder else out)


def command_hashes() -> dict[str, str]:
    """The demo's report and files, and the 20-seed tables, timings removed."""
    with tempfile.TemporaryDirectory() as tmp:
        report = _command("demo", "--out", tmp, folder=tmp)
        hashes = {"demo/report": _digest(report)}
        for name in ("run.json", "verdict.json"):
            saved = json.loads((Path(tmp) / name).read_text())
            saved.pop("timing", None)
            saved.pop("digest", None)  # a hash of the content, not content
            hashes[f"demo/{name}"] = _digest(json.dumps(saved, sort_keys=True))
    hashes["phenomenon-20"] = _digest(_command("phenomenon", "--seeds", "20"))
    hashes["classify-20"] = _digest(_command("classify", "--seeds", "20"))
    return hashes


def docs_hashes() -> dict[str, str]:
    """The printed outputs of every docs page and the README."""
    pages = [*sorted((ROOT / "docs").glob("**/*.md")), ROOT / "README.md"]
    return {
        str(p.relative_to(ROOT)): _digest(
            "\n".join(line.strip() for line in p.read_text().splitlines() if "#>" in line)
        )
        for p in pages
    }


def main() -> None:
    result = {"mazes": maze_hashes(), "commands": command_hashes(), "docs": docs_hashes()}
    print(json.dumps(result, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
