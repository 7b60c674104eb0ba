"""Long runs against the code before issue 16's speed work, both timed in this run.

The baseline is the repository at ``--baseline`` (a commit; by default the one
this work started from), unpacked with ``git archive`` into a temporary folder
and run in its own processes with the same Python and packages. Every
measurement runs the baseline and the current code alternately, best of
``--repeats``, so both see the same machine load.

* **W1** whole (maze drawing, compiling, evolution, deployment), as in
  :mod:`benchmarks.bench_evolution`; also each phase, and the W1 deployment
  mazes drawn with the old drawing code kept in :mod:`benchmarks.legacy_drawing`
  in this process (bit-identical mazes, checked).
* **phenomenon**: ``phenomenon(range(20))`` serially and on a pool of 2 workers
  (seeds as tasks), current code; the rows are checked to be equal.
* **adversarial**: ``mesa-types adversarial`` with its defaults (20 seeds, 20
  hunts), the baseline serially, the current code serially and on 2 workers;
  the printed tables and lines are checked to be equal.

Run ``python -m benchmarks.bench_runs`` (``--quick`` for a smoke run: fewer
seeds, one repeat).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.legacy_drawing import old_sample_many

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "57f5204"
"""The commit this work started from: main before issue 16's speed work."""

_W1 = """
import json, time
from benchmarks.bench_evolution import fast_w1
from search import green_exit
s = green_exit()
fast_w1(s)  # untimed, in both versions: first imports, and loading the compiled kernels
phases = min((fast_w1(s)[0] for _ in range({repeats})), key=lambda p: p.total)
print(json.dumps({{**vars(phases), "total": phases.total}}))
"""

_PHENOMENON = """
import json, time
from mesa_types import open_engine
from search import phenomenon
seeds = range({seeds})
start = time.perf_counter()
serial = phenomenon(seeds)
middle = time.perf_counter()
with open_engine(workers=2) as engine:
    pooled = phenomenon(seeds, engine=engine)
end = time.perf_counter()
assert serial == pooled, "pooled rows differ from serial rows"
print(json.dumps({{"serial": middle - start, "pool of 2": end - middle}}))
"""


def _python(code: str, path: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(path)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=path, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _command(argv: list[str], path: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "search.cli", *argv],
        cwd=path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout


def _unpack(commit: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _w1(baseline: Path, repeats: int) -> None:
    old = json.loads(_python(_W1.format(repeats=repeats), baseline))
    new = json.loads(_python(_W1.format(repeats=repeats), ROOT))
    print(f"W1 (best of {repeats} each; seconds):")
    print(f"  {'phase':<18}{'baseline':>10}{'now':>10}{'ratio':>9}")
    for name in old:
        ratio = old[name] / new[name] if new[name] > 0 else float("inf")
        print(f"  {name.replace('_', ' '):<18}{old[name]:10.3f}{new[name]:10.3f}{ratio:8.1f}x")
    whole = old["total"] / new["total"]
    print(f"  W1 whole: {whole:.1f}x faster (target >= 8x: {'met' if whole >= 8 else 'MISSED'})")
    from search import green_exit

    deployment = green_exit().deployment
    legacy = min(_timed(lambda: old_sample_many(256, 2, training=False)) for _ in range(repeats))
    current = min(_timed(lambda: deployment.sample_many(256, 2)) for _ in range(repeats))
    same = old_sample_many(16, 5, training=False) == deployment.sample_many(16, 5)
    print(
        f"  256 deployment mazes in this process: old drawing {legacy:.3f} s, now "
        f"{current:.3f} s ({legacy / current:.1f}x); the same mazes: {same}"
    )


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _phenomenon(seeds: int) -> None:
    times = json.loads(_python(_PHENOMENON.format(seeds=seeds), ROOT))
    ratio = times["serial"] / times["pool of 2"]
    verdict = "met" if ratio >= 1.7 else "MISSED"
    print(
        f"phenomenon, {seeds} seeds, now: serial {times['serial']:.1f} s, pool of 2 "
        f"{times['pool of 2']:.1f} s: {ratio:.2f}x (target >= 1.7x: {verdict}); rows equal"
    )


def _adversarial(baseline: Path, seeds: int) -> None:
    argv = ["adversarial", "--seeds", str(seeds), "--hunts", str(seeds)]
    old, old_out = _command(argv, baseline)
    serial, serial_out = _command([*argv, "--quiet"], ROOT)
    pooled, pooled_out = _command([*argv, "--quiet", "--workers", "2"], ROOT)
    if not old_out == serial_out == pooled_out:
        raise AssertionError("adversarial printed other results than the baseline")
    ratio = old / pooled
    print(
        f"adversarial, {seeds} seeds and hunts: baseline {old:.1f} s, now serial {serial:.1f} s "
        f"({old / serial:.1f}x), now on 2 workers {pooled:.1f} s: {ratio:.1f}x "
        f"(target >= 10x: {'met' if ratio >= 10 else 'MISSED'}); output equal"
    )


def main() -> None:
    """Time W1, phenomenon and adversarial; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="4 seeds, one repeat")
    parser.add_argument("--repeats", type=int, default=3, help="W1 repeats (best kept)")
    parser.add_argument("--baseline", default=BASELINE, help=f"baseline commit ({BASELINE})")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["w1", "phenomenon", "adversarial"]
    )
    args = parser.parse_args()
    repeats, seeds = (1, 4) if args.quick else (args.repeats, 20)
    print(f"baseline: {args.baseline}; now: the working tree; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        baseline = _unpack(args.baseline, Path(folder))
        if "w1" not in args.skip:
            _w1(baseline, repeats)
        if "phenomenon" not in args.skip:
            _phenomenon(seeds)
        if "adversarial" not in args.skip:
            _adversarial(baseline, seeds)


if __name__ == "__main__":
    main()
