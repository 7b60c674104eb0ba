"""A Gymnasium ``Env`` over gridworlds, for reinforcement-learning code that expects one.

Needs the ``gym`` extra (``pip install mesa-types[gym]``). It is not imported
by ``search``: import it from ``search.gym``. The planner never searches
through this environment (a Gymnasium ``Env`` is mutable and has no standard
copy); it wraps the same pure world model for interoperability.

Observation: a ``(height, width, 2 + len(vocabulary))`` ``uint8`` array of
0s and 1s. Channel 0 marks walls, channel 1 the agent, and channel ``2 + i``
the tiles whose object has feature ``vocabulary[i]`` (``kind:exit``,
``color:green``, ...). Smaller mazes are padded with wall at the bottom and right;
:func:`~search.gym.observation_of` computes the same array for any state.

Actions: ``Discrete(5)``, index ``i`` meaning ``ACTIONS[i]``: up, down, left,
right, stay. Staying ends the episode, as in the world model.

Reward: the base objective's score of the outcome, paid once when the
episode ends, 0 on every other step. ``terminated`` is true when the agent
stands on an object or stayed; ``truncated`` when the step limit ran out first.

Every maze ``reset`` draws is recorded (:attr:`GridWorldEnv.trained_on`), so a
checker can judge a trained policy on exactly the mazes it saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from mesa_types import Distribution, FeatureVector, Objective
from search.gym.observation import Observation, maze_layout, scenario_shape
from search.gym.pictures import rgb_picture
from search.render.pictures import render_text
from search.scenarios.paper import Scenario
from search.world.grid import Cell, GridState, GridWorld, Move

__all__ = ["ACTIONS", "GridWorldEnv"]

ACTIONS: tuple[Move, ...] = (Move.UP, Move.DOWN, Move.LEFT, Move.RIGHT, Move.STAY)
"""The move each action index stands for."""

Action = int | np.integer[Any]


class GridWorldEnv(gym.Env[Observation, Action]):
    """One gridworld, or a fresh one per episode from a distribution, as a Gymnasium ``Env``.

    Args:
        worlds: A fixed world, or a distribution that ``reset`` draws from with
            the environment's seeded generator (so ``reset(seed=s)`` always
            gives the same maze).
        base: The base objective that rewards the outcome.
        vocabulary: The features that get an observation channel, in order.
        shape: The ``(height, width)`` of observations; defaults to the size of
            ``worlds``, or of the world a distribution draws with seed 0.
        render_mode: ``"ansi"`` to render text, ``"rgb_array"`` an image, or None.
        scenario: The scenario the worlds come from, if any, for checkers to judge on.

    Raises:
        ValueError: ``render_mode`` is not supported, ``vocabulary`` is empty,
            or (on reset) a world is larger than ``shape``.

    Example:
        >>> from search import green_exit
        >>> scenario = green_exit()
        >>> env = GridWorldEnv(scenario.training, scenario.base, scenario.vocabulary)
        >>> observation, info = env.reset(seed=0)
        >>> observation.shape
        (15, 15, 7)
    """

    # Gymnasium declares metadata as a plain attribute, so it cannot be a ClassVar here.
    metadata: dict[str, Any] = {"render_modes": ["ansi", "rgb_array"], "render_fps": 4}  # noqa: RUF012

    def __init__(
        self,
        worlds: GridWorld | Distribution[GridWorld],
        base: Objective[FeatureVector],
        vocabulary: Sequence[str],
        *,
        shape: tuple[int, int] | None = None,
        render_mode: str | None = None,
        scenario: Scenario | None = None,
    ) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(
                f"render_mode must be None, 'ansi' or 'rgb_array', got {render_mode!r}"
            )
        if not vocabulary:
            raise ValueError("vocabulary must name at least one feature")
        self.worlds = worlds
        self.base = base
        self.vocabulary = tuple(vocabulary)
        self.render_mode = render_mode
        self.scenario = scenario
        if shape is None:
            first = worlds if isinstance(worlds, GridWorld) else worlds.sample_many(1, 0)[0]
            shape = (first.height, first.width)
        self.shape = shape
        channels = 2 + len(self.vocabulary)
        self.observation_space = spaces.Box(0, 1, (*shape, channels), dtype=np.uint8)
        self.action_space = spaces.Discrete(len(ACTIONS))
        self._world: GridWorld | None = None
        self._state: GridState | None = None
        self._layout: Observation = np.zeros((*shape, channels), dtype=np.uint8)
        self._path: list[Cell] = []
        self._drawn: dict[GridWorld, None] = {}

    @classmethod
    def from_scenario(
        cls,
        scenario: Scenario,
        deployment: bool = False,
        render_mode: str | None = None,
        *,
        shape: tuple[int, int] | None = None,
    ) -> GridWorldEnv:
        """The training (or deployment) mazes of ``scenario``, rewarded by its base objective.

        Observations have one shape across the scenario: ``shape``, or by default
        :func:`~search.gym.scenario_shape` (its largest maze), so that a policy
        trained on the training mazes runs unchanged on the deployment ones.
        """
        worlds = scenario.deployment if deployment else scenario.training
        shape = shape or scenario_shape(scenario)
        return cls(
            worlds,
            scenario.base,
            scenario.vocabulary,
            shape=shape,
            render_mode=render_mode,
            scenario=scenario,
        )

    @staticmethod
    def inside(env: gym.Env[Any, Any]) -> GridWorldEnv:
        """The ``GridWorldEnv`` that ``env`` wraps (``gymnasium.make`` adds wrappers), or ``env``.

        Raises:
            TypeError: ``env`` does not wrap a ``GridWorldEnv``.
        """
        inner = env.unwrapped
        if not isinstance(inner, GridWorldEnv):
            raise TypeError(f"env must wrap a GridWorldEnv, got {type(inner).__name__}")
        return inner

    @property
    def trained_on(self) -> tuple[GridWorld, ...]:
        """Every distinct maze ``reset`` has drawn, in the order first drawn."""
        return tuple(self._drawn)

    @property
    def world(self) -> GridWorld:
        """The maze of the current episode.

        Raises:
            RuntimeError: ``reset`` has not been called yet.
        """
        if self._world is None:
            raise RuntimeError("call reset() before using the environment")
        return self._world

    @property
    def state(self) -> GridState:
        """The world-model state of the current episode."""
        if self._state is None:
            raise RuntimeError("call reset() before using the environment")
        return self._state

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        """Start an episode: a new draw from the distribution, or the fixed world again."""
        super().reset(seed=seed)
        world = (
            self.worlds
            if isinstance(self.worlds, GridWorld)
            else self.worlds.sample(self.np_random)
        )
        self._layout = maze_layout(world, self.vocabulary, self.shape)
        self._world, self._state = world, world.initial()
        self._drawn.setdefault(world)
        self._path = [world.start]
        return self._observe(), self._info()

    def step(self, action: Action) -> tuple[Observation, float, bool, bool, dict[str, Any]]:
        """Apply the move with index ``action``; reward the outcome when the episode ends."""
        if not self.action_space.contains(action):
            raise ValueError(f"action must be an integer in 0..{len(ACTIONS) - 1}, got {action!r}")
        world, state = self.world, self.state
        if world.is_terminal(state):
            raise RuntimeError("the episode has ended: call reset() to start another")
        state = world.step(state, ACTIONS[int(action)])
        self._state = state
        self._path.append(state.position)
        terminated = state.stopped or state.position in world.thing_at
        truncated = not terminated and world.is_terminal(state)
        ended = terminated or truncated
        reward = float(self.base(world.outcome(state))) if ended else 0.0
        return self._observe(), reward, terminated, truncated, self._info()

    def render(self) -> str | Observation | None:
        """The maze and the path so far: text (``"ansi"``), an image (``"rgb_array"``), or None."""
        if self.render_mode == "ansi":
            return render_text(self.world, self._path)
        if self.render_mode == "rgb_array":
            return rgb_picture(self.world, self.state.position, self._path, self.shape)
        return None

    def _observe(self) -> Observation:
        observation = self._layout.copy()
        row, col = self.state.position
        observation[row, col, 1] = 1
        return observation

    def _info(self) -> dict[str, Any]:
        state = self.state
        return {
            "position": state.position,
            "time": state.time,
            "outcome": self.world.outcome(state).describe(),
        }
