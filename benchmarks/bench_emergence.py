"""Workload W5, the emergence phase diagram: 6 diversity levels x 5 thinking costs x 20 seeds.

Each seed is a genetic run of population 64 for 50 generations on 13x13 mazes,
every generation measured on 8 training mazes (all of them at the one-maze
level), then deployed on 256 mazes. Timed whole, maze pools included, on a
process pool of ``--workers`` processes (2 by default: this machine's cores).
In the same run, and as the baseline, the one-agent episode
(:func:`search.forage`) is timed on a sample of the sweep's genomes and mazes
and compared per episode with the batched walk (:func:`search.walk_pool`),
whose episodes it must equal, bit for bit; the serial and process-pool sweeps
of a small sweep must give the same results.

Run ``python -m benchmarks.bench_emergence`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass

import numpy as np

from mesa_types import Genome, LinearObjective, SerialExecutor, open_engine
from search import (
    EMERGENCE_FEATURES,
    EmergenceSettings,
    GenomeBatch,
    compile_pool,
    draw_pool,
    forage,
    learned_algorithm,
    phase_table,
    plant_vocabulary,
    sweep,
    walk_pool,
)

BUDGET = 60.0
QUICK = EmergenceSettings(
    levels=("1 maze", "16 corner"),
    costs=(0.0, 0.01),
    seeds=2,
    generations=3,
    population=8,
    deployment=16,
    pool=16,
)


@dataclass(frozen=True)
class Report:
    """What one benchmark run measured."""

    sweep_seconds: float
    load_before: float
    load_after: float
    cells: int
    runs: int
    identical: bool
    episodes_per_second_batched: float
    episodes_per_second_reference: float


def _episode_rates(genomes: int, mazes: int) -> tuple[float, float, bool]:
    """Episodes per second, batched and one by one, on the same random genomes and mazes."""
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    rng = np.random.default_rng(0)
    weights = rng.uniform(-1.0, 1.0, (genomes, len(vocabulary)))
    depths = rng.integers(0, 17, genomes)
    worlds = draw_pool("training", "anywhere", mazes, 13, 0)
    pool = compile_pool(worlds)
    batch = GenomeBatch.from_arrays(weights, depths, len(EMERGENCE_FEATURES))
    began = time.perf_counter()
    walks = walk_pool(pool, np.arange(mazes, dtype=np.int64), batch, EMERGENCE_FEATURES)
    batched = genomes * mazes / (time.perf_counter() - began)
    same, began = True, time.perf_counter()
    for g in range(genomes):
        objective = LinearObjective(features=vocabulary, weights=tuple(weights[g].tolist()))
        agent = learned_algorithm(
            Genome(objective=objective, depth=int(depths[g])), EMERGENCE_FEATURES
        )
        for m, world in enumerate(worlds):
            episode = forage(agent, world)
            same &= pool.kinds[walks.kind[g, m]] == episode.outcome
            same &= bool(walks.steps[g, m] == episode.steps)
    reference = genomes * mazes / (time.perf_counter() - began)
    return batched, reference, same


def main(argv: list[str] | None = None) -> Report:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small sweep only")
    parser.add_argument("--workers", type=int, default=2, help="processes (2)")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else EmergenceSettings()
    small_serial = sweep(QUICK, SerialExecutor())
    with open_engine(args.workers) as engine:
        identical = sweep(QUICK, engine.executor) == small_serial
        load_before = os.getloadavg()[0]
        began = time.perf_counter()
        results = sweep(settings, engine.executor)
        seconds = time.perf_counter() - began
        load_after = os.getloadavg()[0]
    batched, reference, same = _episode_rates(16 if args.quick else 64, 8)
    runs = sum(len(c.seeds) for c in results.cells)
    print(
        f"W5: {len(results.cells)} cells, {runs} genetic runs, {args.workers} workers: "
        f"{seconds:.1f} s (budget {BUDGET:.0f} s: {'met' if seconds <= BUDGET else 'NOT met'})"
    )
    print(f"load average (1 min) before and after the sweep: {load_before:.2f}, {load_after:.2f}")
    print(phase_table(results))
    print(f"serial and process pool gave {'the same' if identical else 'DIFFERENT'} results")
    print(
        f"episodes per second: batched walk {batched:,.0f}, one agent at a time "
        f"{reference:,.0f} ({batched / reference:.0f}x); episodes "
        f"{'equal' if same else 'DIFFER'}"
    )
    return Report(
        seconds,
        load_before,
        load_after,
        len(results.cells),
        runs,
        identical and same,
        batched,
        reference,
    )


if __name__ == "__main__":
    main()
