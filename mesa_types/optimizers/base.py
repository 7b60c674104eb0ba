"""Base optimizers (which search over learned algorithms) and meta-optimizers.

A base optimizer proposes learned algorithms, measures them with its base
objective on a training distribution, and keeps what scores well: gradient
descent, evolution, or the genetic algorithm of the ``search`` package. The
interface is ask/tell: ``ask`` hands out candidates as tokens and ``tell``
takes them back with their fitness, rejecting tokens it never handed out.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from mesa_types.algorithms import LearnedAlgorithm, SearchTrace, run_episode
from mesa_types.environments import Distribution, Environment
from mesa_types.objectives import BaseObjective, Objective

__all__ = [
    "BaseOptimizer",
    "Candidate",
    "Fitness",
    "GenerationStats",
    "MetaOptimizer",
    "TrainingRecord",
    "episode_fitness",
    "fitness_in_ask_order",
    "purpose",
]

M = TypeVar("M")
E = TypeVar("E")
C = TypeVar("C")
O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")

Fitness = Callable[[Sequence[M], Sequence[E]], Sequence[float]]
"""Scores each model on a batch of training environments; one number per model."""


@dataclass(frozen=True, slots=True)
class Candidate(Generic[M]):
    """A model handed out by ``ask``, tagged so ``tell`` can tell it was asked for."""

    generation: int
    index: int
    model: M


class GenerationStats(BaseModel):
    """Fitness of one generation: best, mean and spread."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    generation: int
    best: float
    mean: float
    std: float

    @classmethod
    def of(cls, generation: int, fitnesses: Sequence[float]) -> GenerationStats:
        """Summarise one generation's fitnesses."""
        values = np.asarray(fitnesses, dtype=np.float64)
        return cls(
            generation=generation,
            best=float(values.max()),
            mean=float(values.mean()),
            std=float(values.std()),
        )


@dataclass(frozen=True, slots=True)
class TrainingRecord(Generic[M, S]):
    """What a base optimizer's run produced, and what selected it.

    Attributes:
        product: The learned algorithm selected.
        fitness: Its base-objective fitness on the training environments.
        base_objective: The base objective that selected it: its purpose.
        training: The name of the training distribution.
        history: Fitness statistics, one entry per generation.
    """

    product: M
    fitness: float
    base_objective: BaseObjective[S]
    training: str
    history: tuple[GenerationStats, ...]


def fitness_in_ask_order(
    asked: Sequence[Candidate[M]], evaluated: Sequence[tuple[Candidate[M], float]]
) -> list[float]:
    """Match the tokens given to ``tell`` with those the last ``ask`` handed out.

    What every ``tell`` must check before it trusts its input, written once.

    Args:
        asked: The candidates of the last ``ask``, in the order handed out.
        evaluated: Each candidate with its fitness, in any order.

    Returns:
        The fitness of each asked candidate, in ask order.

    Raises:
        ValueError: Nothing was asked; a token is from another generation, was
            not handed out, or comes twice; one is missing; or a fitness is NaN
            or infinite.
    """
    if not asked:
        raise ValueError("tell() needs the tokens of an ask(): call ask() first")
    generation = asked[0].generation
    fitness: list[float | None] = [None] * len(asked)
    for candidate, value in evaluated:
        if candidate.generation != generation:
            raise ValueError(
                f"token {candidate.index} is from generation {candidate.generation}, "
                f"but generation {generation} is out"
            )
        if not 0 <= candidate.index < len(asked) or asked[candidate.index] != candidate:
            raise ValueError(f"token {candidate.index} was not handed out by this optimizer")
        if fitness[candidate.index] is not None:
            raise ValueError(f"token {candidate.index} is told twice")
        if not math.isfinite(value):
            raise ValueError(f"token {candidate.index} has fitness {value}; it must be finite")
        fitness[candidate.index] = float(value)
    missing = [i for i, f in enumerate(fitness) if f is None]
    if missing:
        raise ValueError(f"{len(missing)} tokens were not told, first {missing[0]}")
    return [f for f in fitness if f is not None]


def purpose(record: TrainingRecord[Any, S]) -> BaseObjective[S]:
    """What a learned algorithm was optimized to do: the base objective that selected it."""
    return record.base_objective


class BaseOptimizer(ABC, Generic[M, S]):
    """An optimizer whose candidates are learned algorithms ``M``.

    Subclasses implement ``ask``/``tell``; ``run`` drives them over a training
    distribution with a fitness function and returns a :class:`TrainingRecord`.
    """

    @property
    @abstractmethod
    def base_objective(self) -> BaseObjective[S]:
        """The criterion used to select learned algorithms."""

    @abstractmethod
    def ask(self) -> Sequence[Candidate[M]]:
        """Propose the next generation of candidates."""

    @abstractmethod
    def tell(self, evaluated: Sequence[tuple[Candidate[M], float]]) -> None:
        """Take back every candidate of the last ``ask`` with its fitness.

        Raises:
            ValueError: A candidate was not handed out by the last ``ask``,
                one is missing, or a fitness is NaN.
        """

    @abstractmethod
    def best(self) -> tuple[M, float]:
        """The best model seen so far and its fitness."""

    def run(
        self,
        training: Distribution[E],
        fitness: Fitness[M, E],
        *,
        generations: int,
        environments: int,
        seed: int,
    ) -> TrainingRecord[M, S]:
        """Evolve for ``generations`` on ``environments`` draws from ``training``."""
        if generations < 1:
            raise ValueError(f"generations must be at least 1, got {generations}")
        batch = training.sample_many(environments, seed)
        history: list[GenerationStats] = []
        for generation in range(generations):
            candidates = self.ask()
            scores = list(fitness([c.model for c in candidates], batch))
            self.tell(list(zip(candidates, scores, strict=True)))
            history.append(GenerationStats.of(generation, scores))
        product, best_fitness = self.best()
        return TrainingRecord(
            product, best_fitness, self.base_objective, training.name, tuple(history)
        )


def episode_fitness(
    base: BaseObjective[S],
) -> Callable[[Sequence[LearnedAlgorithm[O, A]], Sequence[Environment[O, A, S]]], list[float]]:
    """The plain fitness: each model's mean base-objective score over one episode per environment.

    Worlds with a faster batched evaluation (the ``search`` package has one)
    should pass that instead; this one is the reference it must agree with.
    """

    def fitness(
        models: Sequence[LearnedAlgorithm[O, A]], environments: Sequence[Environment[O, A, S]]
    ) -> list[float]:
        if not environments:
            raise ValueError("fitness needs at least one training environment")
        return [
            math.fsum(base(run_episode(m, env).outcome) for env in environments) / len(environments)
            for m in models
        ]

    return fitness


@dataclass(frozen=True)
class MetaOptimizer(Generic[C]):
    """An optimizer whose candidates are base-optimizer settings ``C``.

    Its objective scores a setting, typically by running a base optimizer with
    it and reporting the fitness reached. The paper's meta/mesa duality: a
    meta-optimizer sits above the base optimizer, a mesa-optimizer below it.
    """

    objective: Objective[C]

    def search(self, settings: Sequence[C]) -> SearchTrace[C]:
        """Score every setting and choose the first best one."""
        if not settings:
            raise ValueError("settings must offer at least one candidate")
        scores = tuple(self.objective(s) for s in settings)
        return SearchTrace(tuple(settings), scores, int(np.argmax(scores)))
