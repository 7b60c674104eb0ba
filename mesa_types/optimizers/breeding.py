"""The genetic algorithm's population as arrays, and the operators that breed it.

A generation is a :class:`GenomeArrays`: one row of weights and one depth per
genome, read-only, tagged with its generation. The operators here (the first
generation's draw, tournament selection, uniform crossover, Gaussian and
bounded integer mutation, elitism) work on those arrays with one
``numpy.random.Generator``; :class:`~mesa_types.GeneticOptimizer` wraps them
in ask/tell and builds :class:`~mesa_types.Genome` objects only when asked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types.objectives import LinearObjective
from mesa_types.optimizers.genetic_config import GeneticConfig
from mesa_types.optimizers.genome import Genome

__all__ = ["GenomeArrays", "breed", "check_vocabulary", "first_generation"]


@dataclass(frozen=True, eq=False)
class GenomeArrays:
    """One generation of genomes as arrays, as :meth:`GeneticOptimizer.ask_arrays` hands it out.

    The arrays are read-only (those given are made so, not copied): the
    optimizer keeps breeding from them. Two
    instances are equal only if they are the same object, as tokens are: the
    optimizer's ``tell_arrays`` takes back exactly the generation it handed out.

    Attributes:
        generation: The generation these genomes belong to.
        vocabulary: The features the columns of ``weights`` weigh, in order.
        weights: ``(genomes, features)`` weights of each genome's linear mesa-objective.
        depths: ``(genomes,)`` search depths.
    """

    generation: int
    vocabulary: tuple[str, ...]
    weights: NDArray[np.float64]
    depths: NDArray[np.int64]

    def __post_init__(self) -> None:
        if self.weights.shape != (len(self.depths), len(self.vocabulary)):
            raise ValueError(
                f"weights of shape {self.weights.shape} do not fit {len(self.depths)} "
                f"depths over {len(self.vocabulary)} features"
            )
        self.weights.setflags(write=False)
        self.depths.setflags(write=False)

    def __len__(self) -> int:
        """The number of genomes."""
        return len(self.depths)

    def genomes(self) -> list[Genome]:
        """Every genome as a :class:`~mesa_types.Genome`, in order.

        Raises:
            ValueError: The vocabulary is not a list of distinct names, a weight
                is not finite, or a depth is negative.
        """
        return self._build(slice(None))

    def genome(self, index: int) -> Genome:
        """Genome ``index`` alone, as :meth:`genomes` would build it.

        Raises:
            IndexError: There is no genome ``index``.
            ValueError: As for :meth:`genomes`.
        """
        if not 0 <= index < len(self):
            raise IndexError(f"genome {index} of a generation of {len(self)}")
        return self._build(slice(index, index + 1))[0]

    def check(self) -> None:
        """Make sure every genome is valid: finite weights, no negative depth.

        Raises:
            ValueError: A weight is not a finite number, or a depth is negative.
        """
        if not np.isfinite(self.weights).all():
            raise ValueError("the population's weights are no longer finite numbers")
        if self.depths.min(initial=0) < 0:
            raise ValueError("the population holds a negative depth")

    def _build(self, rows: slice) -> list[Genome]:
        # Validated as a whole (the vocabulary once per vocabulary, the numbers as
        # arrays), then built without re-validating each genome: each one equals
        # a validated genome, at a fraction of the cost.
        check_vocabulary(self.vocabulary)
        self.check()
        vocabulary = self.vocabulary
        return [
            Genome.model_construct(
                objective=LinearObjective.model_construct(features=vocabulary, weights=tuple(w)),
                depth=depth,
            )
            for w, depth in zip(
                self.weights[rows].tolist(), self.depths[rows].tolist(), strict=True
            )
        ]


@functools.lru_cache(maxsize=64)
def check_vocabulary(vocabulary: tuple[str, ...]) -> None:
    """Raise ``ValueError`` unless genomes over ``vocabulary`` are valid linear objectives."""
    LinearObjective(features=vocabulary, weights=(0.0,) * len(vocabulary))


def first_generation(
    config: GeneticConfig, vocabulary: tuple[str, ...], rng: np.random.Generator
) -> GenomeArrays:
    """Generation 0: weights uniform in ``[-scale, scale]``, depths from ``min_depth`` up."""
    size = (config.population, len(vocabulary))
    # Uniform and centred on 0, so every sign pattern is as likely as another:
    # genomes that favour green and genomes that favour the exit both start out.
    weights = rng.uniform(-config.initial_weight_scale, config.initial_weight_scale, size)
    depths = rng.integers(config.min_depth, config.initial_depth + 1, config.population)
    return GenomeArrays(0, vocabulary, weights.astype(np.float64), depths.astype(np.int64))


def breed(
    parents: GenomeArrays,
    fitness: NDArray[np.float64],
    config: GeneticConfig,
    rng: np.random.Generator,
) -> GenomeArrays:
    """The next generation: the elite unchanged, then children of tournament winners.

    Each child has a mother and a father, each the winner of a tournament of
    ``config.tournament`` genomes drawn with replacement (the first drawn wins
    among equals). With probability ``crossover_rate`` it mixes them (each
    weight from either, the depth from one), otherwise it copies its mother;
    then each weight, and the depth, is mutated with probability
    ``mutation_rate``; depths are clipped to ``[min_depth, max_depth]``.

    Args:
        parents: The generation just scored.
        fitness: Its fitness, one finite value per genome, in order.
        config: Elite size, tournament size, rates and depth bounds.
        rng: The run's generator. Every draw is made whatever the rates are,
            so the stream of random numbers depends only on the population
            size and the vocabulary.

    Returns:
        The next generation, numbered one more than ``parents``.
    """
    c, weights, depths = config, parents.weights, parents.depths
    n, features = c.population - c.elite, weights.shape[1]
    # Draws of one kind that follow each other are made in one call: numpy's
    # generator gives the same numbers whether they are asked for at once or
    # in turn, so the stream is that of drawing mothers, fathers, crossings,
    # genes from the father, depths from the father and mutations one by one.
    contestants = rng.integers(0, len(fitness), (2 * n, c.tournament))
    uniform = rng.random(n * (2 + 2 * features))
    noise = rng.normal(0.0, c.weight_sigma, (n, features))
    shift = rng.integers(-c.depth_step, c.depth_step + 1, n)
    mutate_depth = rng.random(n) < c.mutation_rate
    parent = _tournament_winners(fitness, contestants)
    mother, father = parent[:n], parent[n:]
    crossing = uniform[:n] < c.crossover_rate
    from_father = crossing[:, None] & (uniform[n : n + n * features].reshape(n, features) < 0.5)
    depth_from_father = crossing & (uniform[n + n * features : 2 * n + n * features] < 0.5)
    mutate = uniform[2 * n + n * features :].reshape(n, features) < c.mutation_rate
    child_weights = np.where(from_father, weights[father], weights[mother])
    child_weights = np.where(mutate, child_weights + noise, child_weights)
    child_depths = np.where(depth_from_father, depths[father], depths[mother])
    child_depths = np.where(mutate_depth, child_depths + shift, child_depths)
    child_depths = np.minimum(np.maximum(child_depths, c.min_depth), c.max_depth)
    # Elites: best fitness first, lower index first among equals (a stable sort).
    elite = np.argsort(-fitness, kind="stable")[: c.elite]
    return GenomeArrays(
        parents.generation + 1,
        parents.vocabulary,
        np.concatenate([weights[elite], child_weights]),
        np.concatenate([depths[elite], child_depths]),
    )


def _tournament_winners(
    fitness: NDArray[np.float64], contestants: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The winner of each row of ``contestants``: the fittest, the first drawn among equals."""
    rows, size = contestants.shape
    first_best = np.argmax(fitness[contestants], axis=1)
    winners: NDArray[np.int64] = contestants.reshape(-1)[
        np.arange(0, rows * size, size) + first_best
    ]
    return winners
