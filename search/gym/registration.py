"""Gymnasium ids for every registered scenario's training and deployment mazes.

``import search.gym`` registers ``mesa-types/<scenario>-training-v0`` and
``mesa-types/<scenario>-deployment-v0`` for every scenario in
:data:`search.SCENARIOS`; ``gymnasium.make("search.gym:mesa-types/green-exit-training-v0")``
imports it first, so it works without an import of its own. (Gymnasium 1.x
has no plugin entry points: it loads third-party environments by importing the
module an id names, or the module the user imported.) A scenario registered
later gets its ids from :func:`register_envs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import gymnasium as gym

from search.gym.adapter import GridWorldEnv
from search.scenarios.registry import SCENARIOS, get_scenario

__all__ = ["NAMESPACE", "env_id", "make_scenario_env", "register_envs"]

NAMESPACE = "mesa-types"
Split = Literal["training", "deployment"]
SPLITS: tuple[Split, ...] = ("training", "deployment")


def env_id(scenario: str, split: Split = "training") -> str:
    """The Gymnasium id of a scenario's training or deployment mazes.

    Example:
        >>> env_id("green-exit", "deployment")
        'mesa-types/green-exit-deployment-v0'
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
    return f"{NAMESPACE}/{scenario}-{split}-v0"


def make_scenario_env(
    scenario: str,
    split: Split = "training",
    render_mode: str | None = None,
    shape: tuple[int, int] | None = None,
) -> GridWorldEnv:
    """The entry point of every registered id: the scenario's mazes as a :class:`GridWorldEnv`.

    Raises:
        KeyError: No scenario of that name.
        ValueError: ``split`` is neither ``"training"`` nor ``"deployment"``.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
    found = get_scenario(scenario)
    return GridWorldEnv.from_scenario(
        found, split == "deployment", render_mode=render_mode, shape=shape
    )


def register_envs(names: Iterable[str] | None = None) -> list[str]:
    """Register the ids of the named scenarios (every registered one by default).

    Ids already registered are left as they are, so calling it again is harmless.

    Returns:
        The ids newly registered, training before deployment for each scenario.
    """
    ids = []
    for name in SCENARIOS if names is None else names:
        for split in SPLITS:
            if env_id(name, split) in gym.registry:
                continue
            ids.append(env_id(name, split))
            gym.register(
                id=ids[-1],
                entry_point=f"{__name__}:make_scenario_env",
                kwargs={"scenario": name, "split": split},
            )
    return ids
