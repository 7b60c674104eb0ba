"""Fitness of a whole population on the training mazes.

Fitness is the base objective's mean over the training mazes. It is computed
through the population path (:mod:`search.batched.population`): the mazes are compiled
once per run, every genome's choice in every maze comes from one batched
computation, and the chosen object's base score is looked up. The reference
:func:`reference_fitness` runs every genome as a :class:`TreeSearchAgent`, one
episode per maze; the two agree bit for bit (a test pins it).

The work goes through any :class:`~mesa_types.Executor`, the population
cut into a few chunks, one task each. A genome's fitness depends on nothing but
the genome and the mazes, so every engine gives the same numbers.

A genetic run scores each generation as the arrays the optimizer hands out
(:meth:`PopulationFitness.score` of :class:`~mesa_types.GenomeArrays`), so no
genome object is built; the numbers are those of the genomes, to the bit.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import (
    BaseObjective,
    Executor,
    FeatureVector,
    Genome,
    GenomeArrays,
    SerialExecutor,
    episode_fitness,
)
from search.agents.tree_search import TreeSearchAgent
from search.batched.population import (
    MazeBatch,
    as_the_agent_reads,
    compile_mazes,
    genome_arrays,
    population_choices,
)
from search.world.grid import GridWorld

__all__ = [
    "PopulationFitness",
    "TrainingSet",
    "reference_fitness",
    "score_chunk",
]


@dataclass(frozen=True)
class TrainingSet:
    """The training mazes as workers need them: compiled, with each object's base score.

    Attributes:
        batch: The compiled mazes (see :func:`~search.compile_mazes`).
        values: ``(mazes, objects + 1)`` base score of each object; the last
            column is the base score of getting nothing, so the index ``NOTHING``
            (-1) looks it up.
    """

    batch: MazeBatch
    values: NDArray[np.float64]

    @functools.cached_property
    def lookup(self) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
        """``values`` flat with each maze's nothing-column first, and each maze's offset in it.

        ``flat[choice + offsets[m]]`` is ``values[m, choice]`` for every choice,
        ``NOTHING`` (-1) included: one lookup for a whole population's choices.
        """
        width = self.values.shape[1]
        flat = np.roll(self.values, 1, axis=1).reshape(-1)
        return flat, np.arange(len(self.values), dtype=np.int64) * width + 1

    @functools.cached_property
    def sums_exactly(self) -> bool:
        """Whether any order of adding a genome's base scores gives the exact sum.

        True when every score is an integer (no negative zero) small enough that
        every partial sum over the mazes is an integer below 2**53: then numpy's
        sum equals ``math.fsum`` (the exact sum, rounded once) to the bit.
        """
        values = self.values
        integral = bool(np.all(values == np.trunc(values)))
        negative_zero = bool(np.any((values == 0.0) & np.signbit(values)))
        small = float(np.abs(values).max(initial=0.0)) * len(values) < 2.0**53
        return integral and small and not negative_zero

    @classmethod
    def compile(
        cls,
        worlds: Sequence[GridWorld],
        vocabulary: Sequence[str],
        base: BaseObjective[FeatureVector],
    ) -> TrainingSet:
        """Compile ``worlds`` once and score every object with ``base``.

        Each object is scored by calling ``base`` on its features, exactly as
        an episode ending on it is scored, so any base objective works and the
        numbers are the reference's to the bit.
        """
        if not worlds:
            raise ValueError("fitness needs at least one training maze")
        batch = compile_mazes(worlds, vocabulary)
        values = np.zeros((len(worlds), batch.features.shape[1] + 1), dtype=np.float64)
        for m, (world, things) in enumerate(zip(worlds, batch.things, strict=True)):
            # What an episode ending there brings about: the object, steps and pickups if counted.
            values[m, -1] = base(world.ending_on(None, world.max_steps))
            for k in range(len(things)):
                values[m, k] = base(batch.ending(m, k))
        return cls(batch, values)

    def portable(self) -> TrainingSet:
        """The same without the worlds themselves: all a worker needs, cheap to send."""
        return TrainingSet(
            dataclasses.replace(self.batch, worlds=(), things=(), collected=()), self.values
        )


def score_chunk(
    training: TrainingSet, weights: NDArray[np.float64], depths: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Fitness of each genome of a chunk: its mean base score over the training mazes."""
    choices = population_choices(weights, depths, training.batch)  # (genomes, mazes)
    mazes = training.values.shape[0]
    flat, offsets = training.lookup
    scores = flat[choices + offsets]
    if training.sums_exactly:
        fitness: NDArray[np.float64] = scores.sum(axis=1) / mazes
        return fitness
    # fsum, then divide: the same arithmetic as the reference, so the same bits.
    return np.array([math.fsum(row) / mazes for row in scores.tolist()], dtype=np.float64)


class PopulationFitness:
    """Fitness of genomes on a training set, computed in chunks on an executor.

    Args:
        training: The compiled training mazes.
        executor: Where chunks run; :class:`SerialExecutor` if omitted.
        chunks: How many pieces each population is cut into (one task each).

    Example:
        >>> from search.scenarios.paper import green_exit
        >>> s = green_exit()
        >>> training = TrainingSet.compile(s.training.sample_many(4, 0), s.vocabulary, s.base)
        >>> exit_seeker = Genome.of({"kind:exit": 1.0}, s.vocabulary, depth=64)
        >>> PopulationFitness(training)([exit_seeker])
        [1.0]
    """

    def __init__(
        self, training: TrainingSet, executor: Executor | None = None, chunks: int = 1
    ) -> None:
        if chunks < 1:
            raise ValueError(f"chunks must be at least 1, got {chunks}")
        self.training = training
        self.executor: Executor = executor if executor is not None else SerialExecutor()
        self.chunks = chunks
        self._portable = training.portable()

    def __call__(self, genomes: Sequence[Genome]) -> list[float]:
        """One fitness per genome, in order."""
        weights, depths = genome_arrays(genomes, self.training.batch.vocabulary)
        return self.arrays(weights, depths)

    def score(self, population: GenomeArrays) -> NDArray[np.float64]:
        """One fitness per genome of a generation handed out as arrays, in order.

        Equal, value for value, to calling this on the same genomes as objects.
        """
        weights, depths = _agent_arrays(population, self.training.batch.vocabulary)
        return self._scores(weights, depths)

    def arrays(self, weights: NDArray[np.float64], depths: NDArray[np.int64]) -> list[float]:
        """One fitness per row of ``weights`` (genome weights) and entry of ``depths``."""
        scores: list[float] = self._scores(weights, depths).tolist()
        return scores

    def _scores(
        self, weights: NDArray[np.float64], depths: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        if isinstance(self.executor, SerialExecutor):
            # Each genome's fitness comes from its own row alone, so scoring the
            # whole population at once gives the numbers any cut into chunks would.
            return score_chunk(self._portable, weights, depths)
        parts = np.array_split(np.arange(len(depths)), min(self.chunks, max(1, len(depths))))
        results = self.executor.map(
            score_chunk,
            [self._portable] * len(parts),
            [weights[p] for p in parts],
            [depths[p] for p in parts],
        )
        return np.concatenate(list(results))


def _agent_arrays(
    population: GenomeArrays, vocabulary: tuple[str, ...]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The weights and depths as :func:`~search.genome_arrays` gives them for the same genomes.

    Columns follow ``vocabulary`` (features the genomes do not weigh are 0), and
    the path-length weight is read as the agent reads it: a cost or nothing.
    """
    weights = population.weights
    if population.vocabulary != vocabulary:
        column = {name: i for i, name in enumerate(population.vocabulary)}
        weights = np.zeros((len(population), len(vocabulary)), dtype=np.float64)
        for i, name in enumerate(vocabulary):
            if name in column:
                weights[:, i] = population.weights[:, column[name]]
    return as_the_agent_reads(weights, vocabulary), population.depths


def reference_fitness(
    genomes: Sequence[Genome], worlds: Sequence[GridWorld], base: BaseObjective[FeatureVector]
) -> list[float]:
    """The straightforward fitness: every genome as an agent, one episode in every maze."""
    fitness = episode_fitness(base)
    return fitness([TreeSearchAgent(g) for g in genomes], list(worlds))
