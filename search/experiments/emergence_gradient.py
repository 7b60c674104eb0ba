"""The green-exit phenomenon under gradient descent, on the same mazes as under evolution.

For each seed the training and deployment mazes are those of the genetic run of
the same seed (:class:`~search.RunSeeds`). The learned algorithm is the
search-tree planner at the scenario's full depth, relaxed for training into a
softmax over what its search can reach in each maze (every reachable object,
and staying, which scores 0): gradient ascent on the expected base objective
(:func:`mesa_types.softmax_descent`) trains its mesa-objective, and it is
deployed greedily, as a :class:`~search.TreeSearchAgent`. Depth is discrete,
so gradient descent does not change it: the planner searches as deep as the
scenario allows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from mesa_types import ChoiceSet, Genome, GradientConfig, LinearObjective, softmax_descent
from search.batched.behaviour import behaviours
from search.batched.fitness import TrainingSet
from search.batched.population import compile_mazes
from search.scenarios.registry import get_scenario
from search.training.run_loop import RunSeeds

__all__ = ["GradientReport", "GradientRow", "gradient_green_exit"]


class GradientRow(BaseModel):
    """One seed: the trained mesa-objective and where it goes, in training and deployment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    genome: Genome
    training_exit: float
    deployment_exit: float
    deployment_green_apple: float
    deployment_nothing: float


class GradientReport(BaseModel):
    """Every seed's row, the settings, and how many runs mostly went where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    config: GradientConfig
    training_environments: int
    deployment_environments: int
    rows: tuple[GradientRow, ...]

    def mostly(self) -> dict[str, int]:
        """Runs whose deployment outcome is mostly the exit, a green apple, or nothing."""
        counts = {"exit": 0, "green apple": 0, "nothing": 0}
        for r in self.rows:
            shares = {
                "exit": r.deployment_exit,
                "green apple": r.deployment_green_apple,
                "nothing": r.deployment_nothing,
            }
            counts[max(shares, key=lambda k: shares[k])] += 1
        return counts


def gradient_green_exit(
    seeds: Sequence[int],
    *,
    config: GradientConfig | None = None,
    training_environments: int = 32,
    deployment_environments: int = 256,
) -> GradientReport:
    """Train one relaxed planner per seed by gradient descent; deploy it greedily."""
    scenario = get_scenario("green-exit")
    config = config or GradientConfig()
    rows = []
    for seed in seeds:
        seeds_of = RunSeeds.of(seed)
        worlds = scenario.training.sample_many(training_environments, seeds_of.training)
        training = TrainingSet.compile(worlds, scenario.vocabulary, scenario.base)
        sets = []
        for m, things in enumerate(training.batch.things):
            features = np.vstack(
                [training.batch.features[m, : len(things)], np.zeros(len(scenario.vocabulary))]
            )
            values = np.append(training.values[m, : len(things)], training.values[m, -1])
            sets.append(ChoiceSet(features, values))
        run = softmax_descent(sets, len(scenario.vocabulary), config, seeds_of.genetic)
        objective = LinearObjective(features=scenario.vocabulary, weights=run.weights)
        genome = Genome(objective=objective, depth=scenario.max_depth)
        deployment = compile_mazes(
            scenario.deployment.sample_many(deployment_environments, seeds_of.deployment),
            scenario.vocabulary,
        )
        trained = behaviours([genome], training.batch)[0]
        deployed = behaviours([genome], deployment)[0]
        rows.append(
            GradientRow(
                seed=seed,
                genome=genome,
                training_exit=trained.share("exit"),
                deployment_exit=deployed.share("exit"),
                deployment_green_apple=deployed.share("apple", "green"),
                deployment_nothing=deployed.nothing,
            )
        )
    return GradientReport(
        config=config,
        training_environments=training_environments,
        deployment_environments=deployment_environments,
        rows=tuple(rows),
    )
