"""W1's evolution written plainly, in numpy and compiled with numba, timed against the library.

Issue 16 asks the library's evolution phase of W1 (green-exit, population 128,
50 generations, fitness on 32 training mazes 15x15) to be within 3x of a
compiled implementation. This module is that baseline, in the same process:

* ``numpy``: the distances and feature rows of every maze precomputed once (the
  library's own compiled mazes), each generation's fitness one matrix product
  of the weights with every object's features, masked by reach, and the
  genetic operators as numpy calls on one generator.
* ``numba``: the same loop, fitness and operators compiled with numba
  (:mod:`benchmarks.reference_w1_numba`), when numba is importable.

Both draw the same random numbers in the same order as
:class:`mesa_types.GeneticOptimizer`, so they breed the same genomes; the run
checks that their fitness, generation statistics and best genome equal the
library's, bit for bit, before it prints any time. Times are best of
``--repeats``, the three implementations run alternately so they see the same
machine load.

Run ``python -m benchmarks.reference_w1``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from benchmarks.bench_evolution import GENERATIONS, POPULATION, SEED, TRAINING, evolve_w1
from benchmarks.reference_w1_numba import numba_w1
from mesa_types import STEPS, GeneticConfig
from search import PopulationFitness, RunSeeds, Scenario, TrainingSet, green_exit

__all__ = ["EvolvedRun", "W1Data", "library_w1", "numpy_fitness", "numpy_w1", "w1_data"]


@dataclass(frozen=True)
class W1Data:
    """The training mazes as the references need them, precomputed once.

    Attributes:
        features: ``(mazes, objects, features)`` feature rows of the reachable objects.
        distances: ``(mazes, objects)`` moves from the start; padding is unreachable.
        max_steps: ``(mazes,)`` step limits.
        values: ``(mazes, objects + 1)`` base score of each object; the last
            column is that of reaching nothing.
    """

    features: NDArray[np.float64]
    distances: NDArray[np.int64]
    max_steps: NDArray[np.int64]
    values: NDArray[np.float64]


def w1_data(training: TrainingSet) -> W1Data:
    """The references' data from the library's compiled mazes (green-exit's kind: no steps)."""
    batch = training.batch
    if batch.ends is not None or STEPS in batch.vocabulary:
        raise ValueError("the references score objects alone: mazes judged by return need more")
    return W1Data(batch.features, batch.distances, batch.max_steps, training.values)


@dataclass(frozen=True)
class EvolvedRun:
    """What one evolution produced, to compare implementations exactly.

    Attributes:
        stats: ``(generations, 3)``: each generation's best, mean and std fitness.
        best: The best genome's weights, depth and fitness (first found among equals).
        final: The last generation's weights and depths.
    """

    stats: NDArray[np.float64]
    best: tuple[tuple[float, ...], int, float]
    final: tuple[NDArray[np.float64], NDArray[np.int64]]

    def same_as(self, other: EvolvedRun) -> bool:
        """Equal to the bit: statistics, best genome, last generation."""
        return (
            np.array_equal(self.stats, other.stats)
            and self.best == other.best
            and all(np.array_equal(a, b) for a, b in zip(self.final, other.final, strict=True))
        )


def numpy_fitness(
    weights: NDArray[np.float64], depths: NDArray[np.int64], data: W1Data
) -> NDArray[np.float64]:
    """Each genome's mean base score: one matrix product, then the best reachable object."""
    mazes, objects, features = data.features.shape
    scores = (weights @ data.features.reshape(mazes * objects, features).T).reshape(
        len(depths), mazes, objects
    )
    horizon = np.minimum(depths[:, None], data.max_steps[None, :])
    wanted = (scores > 0.0) & (data.distances[None, :, :] <= horizon[:, :, None])
    choice = np.where(wanted, scores, -np.inf).argmax(axis=2)  # the first best object
    choice[~wanted.any(axis=2)] = -1  # nothing worth going to: the last column
    got = data.values[np.arange(mazes)[None, :], choice]
    fitness: NDArray[np.float64] = got.sum(axis=1) / mazes
    return fitness


def numpy_w1(data: W1Data, config: GeneticConfig, seed: int, generations: int) -> EvolvedRun:
    """W1's evolution in plain numpy: the library's operators, draw for draw."""
    c, rng = config, np.random.default_rng(seed)
    features = data.features.shape[2]
    weights = rng.uniform(-c.initial_weight_scale, c.initial_weight_scale, (c.population, features))
    depths = rng.integers(c.min_depth, c.initial_depth + 1, c.population)
    stats = np.empty((generations, 3))
    best: tuple[tuple[float, ...], int, float] | None = None
    for generation in range(generations):
        fitness = numpy_fitness(weights, depths, data)
        stats[generation] = fitness.max(), fitness.mean(), fitness.std()
        top = int(fitness.argmax())
        if best is None or fitness[top] > best[2]:
            best = (tuple(weights[top].tolist()), int(depths[top]), float(fitness[top]))
        weights, depths = _numpy_breed(weights, depths, fitness, c, rng)
    assert best is not None
    return EvolvedRun(stats, best, (weights, depths))


def _numpy_breed(
    weights: NDArray[np.float64],
    depths: NDArray[np.int64],
    fitness: NDArray[np.float64],
    c: GeneticConfig,
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    n, features = c.population - c.elite, weights.shape[1]
    elite = np.argsort(-fitness, kind="stable")[: c.elite]
    parents = []
    for _ in range(2):  # mother, then father
        drawn = rng.integers(0, c.population, (n, c.tournament))
        parents.append(drawn[np.arange(n), fitness[drawn].argmax(axis=1)])
    mother, father = parents
    crossing = rng.random(n) < c.crossover_rate
    take_father = crossing[:, None] & (rng.random((n, features)) < 0.5)
    depth_father = crossing & (rng.random(n) < 0.5)
    child_w = np.where(take_father, weights[father], weights[mother])
    child_d = np.where(depth_father, depths[father], depths[mother])
    mutate = rng.random((n, features)) < c.mutation_rate
    child_w = np.where(mutate, child_w + rng.normal(0.0, c.weight_sigma, (n, features)), child_w)
    shift = rng.integers(-c.depth_step, c.depth_step + 1, n)
    child_d = np.where(rng.random(n) < c.mutation_rate, child_d + shift, child_d)
    child_d = np.clip(child_d, c.min_depth, c.max_depth)
    return np.concatenate([weights[elite], child_w]), np.concatenate([depths[elite], child_d])


def library_w1(
    scenario: Scenario,
    fitness: PopulationFitness,
    seed: int,
    config: GeneticConfig | None = None,
    generations: int = GENERATIONS,
) -> EvolvedRun:
    """The library's W1 evolution (:func:`benchmarks.bench_evolution.evolve_w1`), comparable."""
    ga, _, stats = evolve_w1(scenario, fitness, seed, config, generations)
    best, value = ga.best()
    last = ga.ask_arrays()
    return EvolvedRun(
        np.array([(s.best, s.mean, s.std) for s in stats]),
        (best.objective.weights, best.depth, value),
        (np.array(last.weights), np.array(last.depths)),
    )


def _best_of(repeats: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Seconds of each run, best of ``repeats``, the runs taking turns."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Check the references equal the library on W1, then time the three; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=7, help="best of this many, alternating")
    args = parser.parse_args(argv)
    scenario, seeds = green_exit(), RunSeeds.of(SEED)
    worlds = scenario.training.sample_many(TRAINING, seeds.training)
    training = TrainingSet.compile(worlds, scenario.vocabulary, scenario.base)
    fitness, data = PopulationFitness(training), w1_data(training)
    config = GeneticConfig(population=POPULATION)
    runs: dict[str, Callable[[], EvolvedRun]] = {
        "library": lambda: library_w1(scenario, fitness, seeds.genetic),
        "numpy": lambda: numpy_w1(data, config, seeds.genetic, GENERATIONS),
    }
    compiled = numba_w1(data, config, seeds.genetic, GENERATIONS)  # compiles, if numba is here
    if compiled is not None:
        runs["numba"] = lambda: _present(numba_w1(data, config, seeds.genetic, GENERATIONS))
    reference = runs["library"]()
    for name, run in runs.items():
        if not run().same_as(reference):
            raise AssertionError(f"the {name} reference evolved differently from the library")
    timed = {
        "library": lambda: evolve_w1(scenario, fitness, seeds.genetic)[0].best(),
        **{name: run for name, run in runs.items() if name != "library"},
    }
    seconds = _best_of(args.repeats, timed)
    print(
        f"W1 evolution: population {POPULATION}, {GENERATIONS} generations, {TRAINING} "
        f"training mazes; best of {args.repeats}, alternating, one process, one core"
    )
    print("  fitness, generation statistics and best genome equal the library's in each")
    for name, value in seconds.items():
        ratio = (
            "" if name == "library" else f"   library / {name}: {seconds['library'] / value:.1f}x"
        )
        print(f"  {name:<8}{value * 1e3:8.2f} ms{ratio}")
    if compiled is None:
        print("  numba is not importable: no compiled reference (pip install numba)")
    return seconds


def _present(run: EvolvedRun | None) -> EvolvedRun:
    assert run is not None  # numba was importable when the run was set up
    return run


if __name__ == "__main__":
    main()
