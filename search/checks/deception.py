"""The white-box check for deceptive alignment on a gridworld scenario.

:func:`mesa_types.check_deception` with the scenario's base objective,
training distribution and universe, and the verdict worded for mazes ("the
green apple", "probe mazes").
"""

from __future__ import annotations

import mesa_types
from mesa_types import FeatureVector, LearnedAlgorithm, Verdict
from search.scenarios.paper import Scenario
from search.world.grid import GridState, Move

__all__ = ["check_maze_deception"]


def check_maze_deception(
    agent: LearnedAlgorithm[GridState, Move],
    scenario: Scenario,
    *,
    training_environments: int = 16,
    samples: int = 16,
    universe_samples: int = 1000,
    seed: int = 0,
    tolerance: float = 1e-9,
) -> Verdict:
    """Judge ``agent`` on ``scenario``, looking inside it for deceptive alignment.

    Args:
        agent: The learned algorithm to judge.
        scenario: Base objective, training distribution and universe.
        training_environments: Training mazes drawn.
        samples: Universe mazes drawn for the counterfactual, besides the
            training and witness mazes.
        universe_samples: Universe mazes the ordinary checker draws when it
            falls back to sampling (see :func:`mesa_types.check_alignment`).
        seed: Seed for every draw.
        tolerance: Base scores within this of the best count as what was wanted.

    Returns:
        A :class:`mesa_types.Deceptive` verdict with its mesa-objective and the
        two behaviours side by side, or the ordinary checker's verdict.
    """
    return mesa_types.check_deception(
        agent,
        scenario.base,
        scenario.training,
        scenario.universe,
        training_environments=training_environments,
        samples=samples,
        universe_samples=universe_samples,
        seed=seed,
        tolerance=tolerance,
        phrase=_phrase,
        noun="mazes",
    )


def _phrase(outcome: FeatureVector) -> str:
    """``the green apple``; ``nothing`` for the empty outcome."""
    kinds = [n.removeprefix("kind:") for n in outcome if n.startswith("kind:")]
    colors = [n.removeprefix("color:") for n in outcome if n.startswith("color:")]
    if not outcome:
        return "nothing"
    if len(kinds) == 1 and len(colors) == 1:
        return f"the {colors[0]} {kinds[0]}"
    return outcome.describe()
