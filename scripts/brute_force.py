"""The exact checker against brute force on random finite tree worlds.

Draws N (world, agent) pairs, judges each agent with ``check_alignment`` and
by running it in every environment of its world's universe, and prints how
often each verdict met each ground truth, per agent kind, with every false
proof ("proved" where brute force finds a failure) and every disagreement
(a verdict of the wrong kind, or a witness that does not replay):

    .venv/bin/python -m scripts.brute_force --pairs 10000 --seed 0

Exits with status 1 if it found any. About 10 ms a pair.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

import numpy as np

from mesa_types import RobustlyAligned
from mesa_types.examples import (
    AGENT_KINDS,
    MAX_ENVIRONMENTS,
    BruteForceComparison,
    compare_with_brute_force,
    random_world,
)

TOLERANCES = (1e-9, 1e-9, 0.5, 1.0)
"""What a pair's tolerance is drawn from: the default half the time, else a step or two of 0.5."""


def run(
    pairs: int, seed: int, max_environments: int = MAX_ENVIRONMENTS
) -> list[BruteForceComparison]:
    """``pairs`` comparisons: the kinds in turn; worlds, agents, tolerances drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    found = []
    for i in range(pairs):
        world = random_world(int(rng.integers(2**31)), max_environments)
        kind = AGENT_KINDS[i % len(AGENT_KINDS)]
        tolerance = float(rng.choice(TOLERANCES))
        found.append(
            compare_with_brute_force(
                world,
                kind,
                int(rng.integers(2**31)),
                tolerance=tolerance,
                checker_seed=int(rng.integers(1000)),
            )
        )
    return found


def _verdict(comparison: BruteForceComparison) -> str:
    verdict = comparison.verdict
    if isinstance(verdict, RobustlyAligned):
        return f"{verdict.kind} ({verdict.evidence})"
    return verdict.kind


def _table(title: str, counts: Counter[tuple[str, str]]) -> list[str]:
    rows = sorted({r for r, _ in counts})
    columns = sorted({c for _, c in counts})
    width = max(len(title), *(len(r) for r in rows))
    lines = [f"{title:<{width}} | " + " | ".join(columns)]
    for r in rows:
        cells = [f"{counts[(r, c)]:>{len(c)}}" for c in columns]
        lines.append(f"{r:<{width}} | " + " | ".join(cells))
    return lines


def report(comparisons: Sequence[BruteForceComparison]) -> list[str]:
    """The tables and the problems, as lines to print."""
    by_kind: Counter[tuple[str, str]] = Counter((c.kind, _verdict(c)) for c in comparisons)
    by_truth: Counter[tuple[str, str]] = Counter((c.truth.truth, _verdict(c)) for c in comparisons)
    false_proofs = [c for c in comparisons if c.false_proof]
    disagreements = [c for c in comparisons if c.problem is not None and not c.false_proof]
    lines = [f"{len(comparisons)} pairs", "", *_table("agent kind", by_kind), ""]
    lines += [*_table("brute force", by_truth), ""]
    lines.append(f"false proofs: {len(false_proofs)}")
    lines += [f"  {c.describe()}" for c in false_proofs]
    lines.append(f"disagreements: {len(disagreements)}")
    lines += [f"  {c.describe()}" for c in disagreements]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; 1 if any false proof or disagreement, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000, help="how many (world, agent) pairs")
    parser.add_argument("--seed", type=int, default=0, help="seeds every draw")
    parser.add_argument(
        "--max-environments", type=int, default=MAX_ENVIRONMENTS, help="universe size cap"
    )
    args = parser.parse_args(argv)
    comparisons = run(args.pairs, args.seed, args.max_environments)
    print("\n".join(report(comparisons)))
    return 1 if any(c.problem is not None for c in comparisons) else 0


if __name__ == "__main__":
    sys.exit(main())
