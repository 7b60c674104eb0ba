"""A Minigrid level as a pure :class:`mesa_types.Environment`, so the engine can judge it.

Minigrid environments are mutable Gymnasium ``Env`` objects. The engine needs a
world model it can step from any state without changing anything, so
:class:`MinigridWorld` keeps one private Minigrid environment and, for every
``step``, puts it back into the state asked about (grid, agent, direction,
what it carries, step count), steps it, and reads the new state off. States are
frozen and hashable; the same state and action always give the same next state.

An episode's outcome is what the agent stepped onto when Minigrid ended it
(``kind:goal`` and ``color:green`` for the goal, ``kind:lava`` and
``color:red`` for lava), and nothing when time ran out first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import gymnasium as gym
import minigrid  # noqa: F401  (registers the MiniGrid-* ids with Gymnasium)
import numpy as np
from minigrid.core.grid import Grid
from minigrid.core.world_object import WorldObj
from minigrid.minigrid_env import MiniGridEnv
from pydantic import JsonValue

from mesa_types import FeatureVector

__all__ = ["MinigridState", "MinigridWorld"]

Carried = tuple[int, int, int] | None
_CHANGE_GRID = frozenset({3, 4, 5})  # Minigrid's pickup, drop and toggle


@dataclass(frozen=True, slots=True)
class MinigridState:
    """Where the agent is in a Minigrid level, facing where, carrying what, after how many steps.

    Attributes:
        world: The level (not compared: states of one level are compared by their fields).
        grid: The encoded grid (Minigrid's ``Grid.encode()``), as bytes.
        position: The agent's ``(x, y)``.
        direction: 0 east, 1 south, 2 west, 3 north (Minigrid's).
        carrying: The encoding of what it carries, or None.
        steps: Actions taken so far.
        ended: What the episode ended on, once Minigrid ended it (an empty
            vector when it ended on nothing); None while it runs.
    """

    world: MinigridWorld = field(compare=False, repr=False)
    grid: bytes
    position: tuple[int, int]
    direction: int
    carrying: Carried
    steps: int
    ended: FeatureVector | None = None

    @property
    def place(self) -> tuple[bytes, tuple[int, int], int, Carried]:
        """The state without its step count: what a planner needs to tell states apart."""
        return self.grid, self.position, self.direction, self.carrying


@dataclass(frozen=True, eq=False)
class MinigridWorld:
    """One Minigrid level, made by ``gymnasium.make(env_id, **options)`` and reset with ``seed``.

    Args:
        env_id: A Minigrid id, e.g. ``"MiniGrid-DistShift1-v0"``.
        options: Keyword arguments for the level (``{"strip2_row": 3}``); JSON values.
        seed: The seed the level is reset with (the layout of random levels depends on it).
        name: A name for reports; the id by default.
        allowed: The action indices offered (Minigrid's ``Actions``); all by
            default. DistShift needs only 0 (left), 1 (right) and 2 (forward).

    Example:
        >>> world = MinigridWorld("MiniGrid-DistShift1-v0", {"max_steps": 30}, allowed=(0, 1, 2))
        >>> state = world.step(world.initial(), 2)
        >>> state.position, state.steps, world.is_terminal(state)
        ((2, 1), 1, False)
    """

    env_id: str
    options: dict[str, JsonValue] = field(default_factory=dict)
    seed: int = 0
    name: str = ""
    allowed: tuple[int, ...] | None = None
    _env: Any = field(init=False, repr=False)  # a MiniGridEnv; Any: Minigrid is partly typed
    _start: MinigridState = field(init=False, repr=False)
    _cache: dict[str, Any] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        options: dict[str, Any] = dict(self.options)
        env: Any = gym.make(self.env_id, disable_env_checker=True, **options).unwrapped
        if not isinstance(env, MiniGridEnv):
            raise ValueError(f"env_id must name a Minigrid environment, got {self.env_id!r}")
        env.reset(seed=self.seed)
        # The world model reads states off the environment, never its observations: building
        # one is most of what a Minigrid step costs, so this private copy skips it.
        vars(env)["gen_obs"] = dict
        object.__setattr__(self, "_env", env)
        object.__setattr__(self, "name", self.name or self.env_id)
        object.__setattr__(self, "_start", self._read(None))
        self._cache["grid"] = self._start.grid

    @classmethod
    def from_spec(cls, spec: JsonValue) -> MinigridWorld:
        """The level again, from its :meth:`spec`.

        Raises:
            ValueError: ``spec`` is not a Minigrid level's spec.
        """
        if not isinstance(spec, dict) or not isinstance(spec.get("env_id"), str):
            raise ValueError("spec must be a dict with a string 'env_id' (a MinigridWorld's spec)")
        options, allowed = spec.get("options", {}), spec.get("allowed")
        return cls(
            cast(str, spec["env_id"]),
            dict(cast(dict[str, JsonValue], options)),
            int(cast(int, spec.get("seed", 0))),
            str(spec.get("name", "")),
            None if allowed is None else tuple(int(cast(int, a)) for a in cast(list[Any], allowed)),
        )

    @property
    def max_steps(self) -> int:
        """Minigrid's step limit for the level."""
        return int(self._env.max_steps)

    def initial(self) -> MinigridState:
        """The state after ``reset(seed=seed)``."""
        return self._start

    def actions(self, observation: MinigridState) -> Sequence[int]:
        """The allowed action indices (none once the episode has ended)."""
        if self.is_terminal(observation):
            return ()
        return self.allowed if self.allowed is not None else range(int(self._env.action_space.n))

    def step(self, observation: MinigridState, action: int) -> MinigridState:
        """The state ``action`` leads to; the environment is restored first, so nothing leaks."""
        if self.is_terminal(observation):
            return observation
        self._restore(observation)
        _, _, terminated, _, _ = self._env.step(action)
        # Minigrid's own step changes the grid only to pick up, drop or toggle: otherwise the
        # grid is the one restored, and encoding it again (the other slow part) can be skipped.
        same_grid = type(self._env).step is MiniGridEnv.step and action not in _CHANGE_GRID
        ended = self._outcome_here() if terminated else None
        return self._read(ended, observation.grid if same_grid else None)

    def is_terminal(self, observation: MinigridState) -> bool:
        """Whether Minigrid ended the episode or the step limit ran out."""
        return observation.ended is not None or observation.steps >= self.max_steps

    def outcome(self, observation: MinigridState) -> FeatureVector:
        """What the episode ended on so far: the goal, lava, ..., or nothing."""
        return observation.ended or FeatureVector()

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every outcome some actions bring about within the step limit, nothing first.

        Found by breadth-first search over states (their step count aside).
        Nothing is always reachable: turning in place never ends an episode.
        """
        if "reachable" not in self._cache:
            found: dict[FeatureVector, None] = {FeatureVector(): None}
            seen = {self._start.place}
            frontier = [self._start]
            while frontier:
                following = []
                for state in frontier:
                    for action in self.actions(state):
                        after = self.step(state, action)
                        if after.ended is not None:
                            found.setdefault(after.ended)
                        elif after.place not in seen and not self.is_terminal(after):
                            seen.add(after.place)
                            following.append(after)
                frontier = following
            self._cache["reachable"] = tuple(found)
        return cast(tuple[FeatureVector, ...], self._cache["reachable"])

    def spec(self) -> JsonValue:
        """The id, options, seed, name and allowed actions: enough to rebuild the level."""
        allowed: JsonValue = None if self.allowed is None else list(self.allowed)
        return {
            "env_id": self.env_id,
            "options": dict(self.options),
            "seed": self.seed,
            "name": self.name,
            "allowed": allowed,
        }

    def observation(self, state: MinigridState) -> dict[str, Any]:
        """Minigrid's own observation of ``state`` (the dict a Minigrid policy is trained on)."""
        self._restore(state)
        observe: Any = MiniGridEnv.gen_obs  # the class's own: this copy's is switched off
        return cast(dict[str, Any], observe(self._env))

    def render(self, state: MinigridState) -> str:
        """Minigrid's text picture of ``state``."""
        self._restore(state)
        return str(self._env.pprint_grid())

    def _restore(self, state: MinigridState) -> None:
        env = self._env
        if self._cache.get("grid") != state.grid:  # decoding is the slow part: skip when equal
            array = np.frombuffer(state.grid, dtype=np.uint8).reshape(env.width, env.height, 3)
            env.grid = Grid.decode(array)[0]
        env.agent_pos = state.position
        env.agent_dir = state.direction
        env.carrying = None if state.carrying is None else WorldObj.decode(*state.carrying)
        env.step_count = state.steps
        self._cache["grid"] = state.grid

    def _read(self, ended: FeatureVector | None, grid: bytes | None = None) -> MinigridState:
        env = self._env
        grid = env.grid.encode().tobytes() if grid is None else grid
        self._cache["grid"] = grid
        carrying = None if env.carrying is None else tuple(int(v) for v in env.carrying.encode())
        x, y = (int(v) for v in env.agent_pos)
        return MinigridState(
            self,
            grid,
            (x, y),
            int(env.agent_dir),
            cast(Carried, carrying),
            int(env.step_count),
            ended,
        )

    def _outcome_here(self) -> FeatureVector:
        cell = self._env.grid.get(*self._env.agent_pos)
        if cell is None:
            return FeatureVector()
        return FeatureVector([f"kind:{cell.type}", f"color:{cell.color}"])
