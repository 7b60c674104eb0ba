"""The settings of the emergence sweep, chosen before it ran, for either base optimizer."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mesa_types import GeneticConfig, LinearObjective
from search.scenarios.diversity import (
    DIVERSITY_LEVELS,
    EMERGENCE_FEATURES,
    DiversityLevel,
    ThinkingCharge,
)

__all__ = ["OPTIMIZERS", "BaseOptimizerName", "DescentSettings", "EmergenceSettings"]

BaseOptimizerName = Literal["genetic", "gradient"]
OPTIMIZERS: tuple[BaseOptimizerName, ...] = ("genetic", "gradient")
"""The base optimizers a sweep can use."""


class DescentSettings(BaseModel):
    """How gradient descent trains the relaxed plant-or-planner (see ``docs/emergence.md``).

    The defaults give it the genetic algorithm's budget of episodes: 200 steps of
    8 training mazes x 16 episodes is 25,600 episodes, as 50 generations of 64
    genomes on 8 mazes are.

    Attributes:
        steps: Gradient steps per run.
        samples: Episodes per training maze per step.
        learning_rate: Adam's step size.
        temperature: Divides every weight-based logit of the relaxation.
        initial_scale: First weights are uniform in ``[-initial_scale, initial_scale]``
            (as the genetic algorithm's first generation); budget logits start at 0.
        budgets: The search depths the relaxed budget is a softmax over; 0 is a plant.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    steps: int = Field(default=200, ge=1, le=100_000)
    samples: int = Field(default=16, ge=2, le=1024)
    learning_rate: float = Field(default=0.05, gt=0.0, le=10.0, allow_inf_nan=False)
    temperature: float = Field(default=1.0, gt=0.0, le=100.0, allow_inf_nan=False)
    initial_scale: float = Field(default=1.0, gt=0.0, le=100.0, allow_inf_nan=False)
    budgets: tuple[int, ...] = (0, 1, 2, 4, 8, 16, 32)

    @field_validator("budgets")
    @classmethod
    def _increasing_from_zero(cls, budgets: tuple[int, ...]) -> tuple[int, ...]:
        if len(budgets) < 2 or budgets[0] < 0 or list(budgets) != sorted(set(budgets)):
            raise ValueError(f"budgets must be at least two increasing depths >= 0, got {budgets}")
        return budgets


class EmergenceSettings(BaseModel):
    """Everything the sweep depends on, chosen before it ran (see ``docs/emergence.md``).

    Attributes:
        levels: Names of :data:`DIVERSITY_LEVELS` to sweep, least diverse first.
        costs: Thinking costs per unit of search depth per decision.
        seeds: Seeds per cell, from ``first_seed``.
        size: The mazes' side (odd, at least 7).
        per_step: The base objective's cost of one move.
        population: Genomes per generation.
        generations: Generations per run.
        batch: Training mazes each generation is measured on (all of them if fewer).
        max_depth: The deepest search a genome may have; its first generation has at most half.
        deployment: Deployment mazes each product is measured on.
        pool_seed: Seeds the maze pools, drawn once and shared by every cell and seed.
        pool: Mazes per training pool (1,024; fewer only for quick runs).
        optimizer: The base optimizer: the genetic algorithm, or gradient descent
            on the relaxed algorithm (:mod:`search.experiments.emergence_descent`).
        descent: Gradient descent's settings (unused by the genetic algorithm).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    levels: tuple[str, ...] = tuple(level.name for level in DIVERSITY_LEVELS)
    costs: tuple[float, ...] = (0.0, 1e-5, 1e-4, 1e-3, 1e-2)
    seeds: int = Field(default=20, ge=1, le=1000)
    first_seed: int = Field(default=0, ge=0, le=2**31)
    size: int = Field(default=13, ge=7, le=31)
    per_step: float = Field(default=0.001, ge=0.0, le=1.0)
    population: int = Field(default=64, ge=3, le=4096)
    generations: int = Field(default=50, ge=1, le=10_000)
    batch: int = Field(default=8, ge=1, le=1024)
    max_depth: int = Field(default=32, ge=2, le=128)
    deployment: int = Field(default=256, ge=1, le=4096)
    pool_seed: int = Field(default=0, ge=0, le=2**31)
    pool: int = Field(default=1024, ge=1, le=1024)
    optimizer: BaseOptimizerName = "genetic"
    descent: DescentSettings = DescentSettings()

    @model_validator(mode="after")
    def _known_levels_that_fit(self) -> EmergenceSettings:
        for name in self.levels:
            if self.level(name).mazes > self.pool:
                raise ValueError(f"levels: {name!r} needs more mazes than pool={self.pool}")
        if not self.levels or not self.costs:
            raise ValueError("levels and costs must each name at least one value")
        for cost in self.costs:
            if not (math.isfinite(cost) and cost >= 0.0):
                raise ValueError(f"costs must be finite numbers >= 0, got {cost}")
        if max(self.descent.budgets) > self.max_depth:
            raise ValueError(f"descent.budgets must be at most max_depth={self.max_depth}")
        return self

    def level(self, name: str) -> DiversityLevel:
        """The level called ``name``.

        Raises:
            ValueError: No level has that name; the message lists them.
        """
        for level in DIVERSITY_LEVELS:
            if level.name == name:
                return level
        names = [level.name for level in DIVERSITY_LEVELS]
        raise ValueError(f"levels: unknown level {name!r}; allowed: {names}")

    def genetic(self) -> GeneticConfig:
        """The genetic algorithm's settings: its defaults, with depths from 0 to ``max_depth``."""
        return GeneticConfig(
            population=self.population,
            min_depth=0,
            initial_depth=self.max_depth // 2,
            max_depth=self.max_depth,
        )

    def charge(self, cost: float) -> ThinkingCharge:
        """The base objective of a cell with thinking cost ``cost``."""
        reward = LinearObjective.from_weights({"kind:exit": 1.0}, EMERGENCE_FEATURES)
        return ThinkingCharge(reward, self.per_step, cost)
