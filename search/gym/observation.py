"""What a Gymnasium policy sees of a maze: one array per state, one shape per scenario.

:func:`observation_of` is the adapter's observation as a plain function, so a
policy trained through :class:`~search.gym.GridWorldEnv` can be run on any
:class:`~search.GridState` (that is how :class:`~search.gym.PolicyAgent` turns
it into a learned algorithm the checkers accept). :func:`scenario_shape` is the
one observation shape that fits every maze of a scenario, so a policy trained on
small training mazes can also act in the larger deployment and universe mazes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mesa_types import passed
from search.scenarios.paper import Scenario
from search.world.grid import GridState, GridWorld

__all__ = ["Observation", "maze_layout", "observation_of", "scenario_shape"]

Observation = NDArray[np.uint8]
"""A ``(height, width, 2 + len(vocabulary))`` array of 0s and 1s."""

SHAPE_DRAWS = 16
"""Mazes drawn from each of a scenario's distributions to find its largest one."""


def maze_layout(world: GridWorld, vocabulary: Sequence[str], shape: tuple[int, int]) -> Observation:
    """The channels that do not move: walls (padding included) and one per feature.

    Raises:
        ValueError: ``world`` is larger than ``shape``, or ``vocabulary`` is empty.
    """
    if not vocabulary:
        raise ValueError("vocabulary must name at least one feature")
    if world.height > shape[0] or world.width > shape[1]:
        raise ValueError(
            f"shape: a {world.height}x{world.width} world does not fit observations of shape "
            f"{shape}; pass a larger shape"
        )
    layout = np.zeros((*shape, 2 + len(vocabulary)), dtype=np.uint8)
    layout[:, :, 0] = 1  # padding is wall
    walls = np.array([[ch == "#" for ch in row] for row in world.rows], dtype=np.uint8)
    layout[: world.height, : world.width, 0] = walls
    column = {name: 2 + i for i, name in enumerate(vocabulary)}
    for thing in world.things:
        for name, value in thing.features.items():
            if name in column and value:
                layout[thing.position[0], thing.position[1], column[name]] = 1
    return layout


def observation_of(
    state: GridState, vocabulary: Sequence[str], shape: tuple[int, int]
) -> Observation:
    """The adapter's observation of ``state``: its maze's layout with the agent marked.

    Args:
        state: Where the agent is, in which maze.
        vocabulary: The features that get a channel, in order (a scenario's vocabulary).
        shape: The ``(height, width)`` of observations; smaller mazes are padded with wall.

    Example:
        >>> from search import green_exit
        >>> scenario = green_exit()
        >>> world = scenario.training.sample_many(1, 0)[0]
        >>> observation = observation_of(world.initial(), scenario.vocabulary, (21, 21))
        >>> observation.shape, int(observation[:, :, 1].sum())
        ((21, 21, 7), 1)
    """
    observation = maze_layout(state.world, vocabulary, shape)
    row, col = state.position
    observation[row, col, 1] = 1
    # A pickup not yet taken shows on the channels of what it pays: ``passed:<feature>``.
    column = {name: 2 + i for i, name in enumerate(vocabulary)}
    for tile, pickup in state.world.pickup_at.items():
        if tile in state.collected:
            continue
        for name, value in pickup.features.items():
            channel = column.get(passed(name))
            if channel is not None and value:
                observation[tile[0], tile[1], channel] = 1
    return observation


def scenario_shape(scenario: Scenario, draws: int = SHAPE_DRAWS) -> tuple[int, int]:
    """The ``(height, width)`` of the largest maze drawn from any distribution of ``scenario``.

    The training, deployment and universe distributions are drawn ``draws``
    times each (seeds 0, 1, 2). A scenario whose universe holds rare larger mazes
    should be given a ``shape`` explicitly.

    Example:
        >>> from search import green_exit
        >>> scenario_shape(green_exit())
        (21, 21)
    """
    if draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    distributions: tuple[Any, ...] = (
        scenario.training,
        scenario.deployment,
        scenario.universe.distribution,
    )
    worlds: list[GridWorld] = [
        w for seed, d in enumerate(distributions) for w in d.sample_many(draws, seed)
    ]
    return max(w.height for w in worlds), max(w.width for w in worlds)
