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
"""

from __future__ import annotations

import dataclasses
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
    SerialExecutor,
    episode_fitness,
)
from search.agents.tree_search import TreeSearchAgent
from search.batched.population import MazeBatch, compile_mazes, genome_arrays, population_choices
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
) -> list[float]:
    """Fitness of each genome of a chunk: its mean base score over the training mazes."""
    choices = population_choices(weights, depths, training.batch)  # (genomes, mazes)
    scores = np.take_along_axis(
        np.broadcast_to(training.values, (len(choices), *training.values.shape)),
        np.where(choices < 0, training.values.shape[1] - 1, choices)[:, :, None],
        axis=2,
    )[:, :, 0]
    # fsum, then divide: the same arithmetic as the reference, so the same bits.
    return [math.fsum(row) / len(row) for row in scores.tolist()]


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

    def arrays(self, weights: NDArray[np.float64], depths: NDArray[np.int64]) -> list[float]:
        """One fitness per row of ``weights`` (genome weights) and entry of ``depths``."""
        parts = np.array_split(np.arange(len(depths)), min(self.chunks, max(1, len(depths))))
        results = self.executor.map(
            score_chunk,
            [self._portable] * len(parts),
            [weights[p] for p in parts],
            [depths[p] for p in parts],
        )
        return [value for chunk in results for value in chunk]


def reference_fitness(
    genomes: Sequence[Genome], worlds: Sequence[GridWorld], base: BaseObjective[FeatureVector]
) -> list[float]:
    """The straightforward fitness: every genome as an agent, one episode in every maze."""
    fitness = episode_fitness(base)
    return fitness([TreeSearchAgent(g) for g in genomes], list(worlds))
