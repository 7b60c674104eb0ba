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

from mesa_types.algorithms import LearnedAlgorithm, SearchTrace, run_episode
from mesa_types.environments import Distribution, Environment
from mesa_types.objectives import BaseObjective, Objective
from mesa_types.optimizers.driver import drive
from mesa_types.optimizers.generations import Candidate, GenerationStats

__all__ = [
    "BaseOptimizer",
    "Fitness",
    "MetaOptimizer",
    "TrainingRecord",
    "episode_fitness",
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
        batch = training.sample_many(environments, seed)
        history = drive(self, lambda models: fitness(models, batch), generations)
        product, best_fitness = self.best()
        return TrainingRecord(product, best_fitness, self.base_objective, training.name, history)


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
