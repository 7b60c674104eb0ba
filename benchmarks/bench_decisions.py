"""How fast a whole population decides: tree search, networkx, and the population path.

Every genome of a population makes its first decision in every maze of a batch,
three ways, in the same run:

* ``tree search``: :meth:`search.TreeSearchAgent.decide`, one genome and one
  maze at a time, through the pure world model, search trace included;
* ``networkx``: what a user would write with networkx: the maze's walkable
  floor as an ``nx.Graph`` built once per maze, then per genome a
  breadth-first search with ``nx.single_source_shortest_path_length`` cut off
  at the genome's horizon, and each object next to a reached tile scored with
  the genome's objective (objects end an episode, so the search never walks
  through one);
* ``population``: :func:`search.compile_mazes`, :func:`search.genome_arrays`
  and :func:`search.population_choices`, compiling included.

All three must head for the same object (or stay) for every (genome, maze)
pair; the script checks that, then prints decisions per second and each way's
speed relative to networkx. Each way is timed as the best of a few repeats
(the tree search once: it is by far the slowest).

Run ``python -m benchmarks.bench_decisions`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from mesa_types import Decision, FeatureVector, Genome
from search import (
    NOTHING,
    ROOT,
    Cell,
    GridWorld,
    MazeBatch,
    Move,
    TreeSearchAgent,
    compile_mazes,
    genome_arrays,
    green_exit,
    population_choices,
)

T = TypeVar("T")

Choices = list[list[Cell | None]]
"""``choices[g][m]``: the object tile genome ``g`` heads for in maze ``m``; None to stay."""


@dataclass(frozen=True)
class Report:
    """What one run measured.

    Attributes:
        decisions: Genomes times mazes.
        seconds: Best time of each way, by name.
        population_parts: Best time of each step of the population path.
        agree: Whether all three ways made the same choices (the run fails otherwise).
    """

    decisions: int
    seconds: dict[str, float]
    population_parts: dict[str, float]
    agree: bool


def make_genomes(
    count: int, vocabulary: tuple[str, ...], max_depth: int, seed: int
) -> list[Genome]:
    """Random genomes: normal weights, depths spread over ``1..max_depth``."""
    rng = np.random.default_rng(seed)
    return [
        Genome.of(
            dict(zip(vocabulary, rng.normal(size=len(vocabulary)).tolist(), strict=True)),
            vocabulary,
            depth=int(rng.integers(1, max_depth + 1)),
        )
        for _ in range(count)
    ]


def by_tree_search(
    genomes: Sequence[Genome], worlds: Sequence[GridWorld]
) -> list[Decision[Move, FeatureVector]]:
    """The single agent's first decision, trace included, for every genome in every maze."""
    return [TreeSearchAgent(g).decide(world.initial()) for g in genomes for world in worlds]


def tree_search_targets(genomes: Sequence[Genome], worlds: Sequence[GridWorld]) -> Choices:
    """Where each first decision heads: the chosen node of the same search (not timed)."""
    choices: Choices = []
    for genome in genomes:
        agent = TreeSearchAgent(genome)
        row: list[Cell | None] = []
        for world in worlds:
            tree = agent.search(world.initial())
            row.append(tree.nodes[tree.chosen].position if tree.chosen != ROOT else None)
        choices.append(row)
    return choices


def by_networkx(genomes: Sequence[Genome], worlds: Sequence[GridWorld]) -> Choices:
    """The same choices from a breadth-first search over a networkx graph of each maze."""
    graphs = [_walkable_graph(world) for world in worlds]
    return [
        [
            _best_object(genome, world, graph, min(genome.depth, world.max_steps))
            for world, graph in zip(worlds, graphs, strict=True)
        ]
        for genome in genomes
    ]


def _walkable_graph(world: GridWorld) -> nx.Graph[Cell]:
    """Floor tiles without objects, joined to their floor neighbours."""
    graph: nx.Graph[Cell] = nx.Graph()
    for r, row in enumerate(world.rows):
        for c, tile in enumerate(row):
            if tile == "." and (r, c) not in world.thing_at:
                graph.add_node((r, c))
    for cell in list(graph.nodes):
        for _, nxt in world.neighbours(cell):
            if nxt in graph:
                graph.add_edge(cell, nxt)
    return graph


def _best_object(
    genome: Genome, world: GridWorld, graph: nx.Graph[Cell], horizon: int
) -> Cell | None:
    """The best positive-scoring object within ``horizon`` moves; ties go nearer, then topmost."""
    if horizon == 0:
        return None
    lengths = nx.single_source_shortest_path_length(graph, world.start, cutoff=horizon - 1)
    best: tuple[float, int, Cell] | None = None
    for thing in world.things:
        steps = [lengths[n] + 1 for _, n in world.neighbours(thing.position) if n in lengths]
        if not steps:
            continue
        key = (-genome.objective(thing.features), min(steps), thing.position)
        if key[0] < 0.0 and (best is None or key < best):
            best = key
    return best[2] if best is not None else None


def by_population(
    genomes: Sequence[Genome], worlds: Sequence[GridWorld], vocabulary: tuple[str, ...]
) -> tuple[MazeBatch, NDArray[np.int64]]:
    """The population path, compiling the mazes and the genomes included."""
    batch = compile_mazes(worlds, vocabulary)
    weights, depths = genome_arrays(genomes, vocabulary)
    return batch, population_choices(weights, depths, batch)


def population_targets(batch: MazeBatch, picked: NDArray[np.int64]) -> Choices:
    """The population path's choices as object tiles (not timed)."""
    return [
        [batch.things[m][k].position if k != NOTHING else None for m, k in enumerate(row)]
        for row in picked.tolist()
    ]


def best_of(repeats: int, run: Callable[[], T]) -> tuple[T, float]:
    """The result of ``run`` and its fastest time over ``repeats`` runs (monotonic clock)."""
    best = float("inf")
    result: Any = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    found: T = result
    return found, best


def _population_parts(
    genomes: Sequence[Genome], worlds: Sequence[GridWorld], vocabulary: tuple[str, ...]
) -> dict[str, float]:
    """The population path step by step, to show which step dominates."""
    batch, compile_s = best_of(5, lambda: compile_mazes(worlds, vocabulary))
    (weights, depths), arrays_s = best_of(5, lambda: genome_arrays(genomes, vocabulary))
    _, choose_s = best_of(5, lambda: population_choices(weights, depths, batch))
    return {"compile_mazes": compile_s, "genome_arrays": arrays_s, "population_choices": choose_s}


def run(genomes_n: int, mazes_n: int, seed: int) -> Report:
    """Time the three ways on ``genomes_n`` genomes and ``mazes_n`` green-exit training mazes."""
    scenario = green_exit(size=15)
    vocabulary = scenario.vocabulary
    worlds = scenario.training.sample_many(mazes_n, seed=seed)
    genomes = make_genomes(genomes_n, vocabulary, scenario.max_depth, seed)

    _, tree_s = best_of(1, lambda: by_tree_search(genomes, worlds))
    networkx_choices, networkx_s = best_of(3, lambda: by_networkx(genomes, worlds))
    (batch, picked), population_s = best_of(5, lambda: by_population(genomes, worlds, vocabulary))

    reference = tree_search_targets(genomes, worlds)
    agree = networkx_choices == reference and population_targets(batch, picked) == reference
    if not agree:
        raise AssertionError("the three ways chose differently; see tests/search/test_population")
    return Report(
        decisions=genomes_n * mazes_n,
        seconds={"tree search": tree_s, "networkx": networkx_s, "population": population_s},
        population_parts=_population_parts(genomes, worlds, vocabulary),
        agree=agree,
    )


def main(argv: Sequence[str] | None = None) -> Report:
    """Parse the command line, run, and print decisions per second and the ratios."""
    parser = argparse.ArgumentParser(description="Time three ways of deciding for a population.")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 16 genomes on 4 mazes")
    parser.add_argument("--genomes", type=int, default=256)
    parser.add_argument("--mazes", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    genomes_n, mazes_n = (16, 4) if args.quick else (args.genomes, args.mazes)

    report = run(genomes_n, mazes_n, args.seed)
    print(
        f"{genomes_n} genomes x {mazes_n} mazes of 15x15 = {report.decisions} first decisions; "
        "all three ways chose the same object in every case"
    )
    baseline = report.seconds["networkx"]
    for name, seconds in report.seconds.items():
        print(
            f"{name:>12}: {seconds * 1e3:10.2f} ms {report.decisions / seconds:14,.0f} decisions/s"
            f" {baseline / seconds:9.1f}x networkx"
        )
    parts = ", ".join(f"{name} {s * 1e3:.2f} ms" for name, s in report.population_parts.items())
    print(f"population path by step: {parts}")
    return report


if __name__ == "__main__":
    main()
