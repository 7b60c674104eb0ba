"""A trained Gymnasium policy as a learned algorithm, and judging it on the mazes it saw.

A policy trained through :class:`~search.gym.GridWorldEnv` maps the adapter's
observation to an integer action. :class:`PolicyAgent` wraps it as a
``LearnedAlgorithm[GridState, Move]``, so every gridworld checker, the
behavioral objective (:func:`search.recover_maze_objective`) and
:func:`search.regrets` take it as they take any agent. :func:`check_policy` is
the black-box check of :func:`mesa_types.check_behaviour`, judged on the
training mazes the policy was really trained on (an environment's
:attr:`~search.gym.GridWorldEnv.trained_on`), and :func:`policy_behaviour`
counts what it brings about, as :func:`search.behaviours` does for genomes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym
import numpy as np

from mesa_types import LearnedAlgorithm, Verdict, check_behaviour, run_episode
from search.batched.behaviour import Behaviour, OutcomeCount
from search.gym.adapter import ACTIONS, GridWorldEnv
from search.gym.observation import Observation, maze_layout, scenario_shape
from search.scenarios.paper import Scenario
from search.world.grid import GridState, GridWorld, Move

__all__ = ["Policy", "PolicyAgent", "check_policy", "policy_behaviour"]

Policy = Callable[[Observation], int | np.integer[Any]]
"""A policy in the adapter's terms: observation in, action index (``ACTIONS``) out."""


@dataclass(frozen=True, eq=False)
class PolicyAgent:
    """A policy over the adapter's observations, acting in the world model's terms.

    It holds no objective and exposes no search, so :func:`mesa_types.goal` finds
    none: checkers judge it by its behaviour alone.

    Args:
        policy: Observation -> action index, e.g. a Q-table's argmax or
            ``lambda o: model.predict(o, deterministic=True)[0]``.
        vocabulary: The features with an observation channel (the environment's).
        shape: The observation's ``(height, width)`` (the environment's).
        name: A name for reports.

    Raises:
        ValueError: (when acting) the policy returns something that is not an action index.

    Example:
        >>> from search import green_exit
        >>> agent = PolicyAgent(lambda observation: 4, green_exit().vocabulary, (21, 21))
        >>> world = green_exit().training.sample_many(1, 0)[0]
        >>> agent.act(world.initial())
        <Move.STAY: (0, 0)>
    """

    policy: Policy
    vocabulary: tuple[str, ...]
    shape: tuple[int, int]
    name: str = "policy"
    _layouts: dict[int, tuple[GridWorld, Observation]] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def for_env(cls, policy: Policy, env: gym.Env[Any, Any], name: str = "policy") -> PolicyAgent:
        """The agent that sees what ``env`` (possibly wrapped, from ``gymnasium.make``) shows.

        Raises:
            TypeError: ``env`` does not wrap a :class:`~search.gym.GridWorldEnv`.
        """
        inner = GridWorldEnv.inside(env)
        return cls(policy, inner.vocabulary, inner.shape, name)

    def observe(self, state: GridState) -> Observation:
        """What the policy sees in ``state`` (the layout of each maze computed once)."""
        key = id(state.world)
        if key not in self._layouts or self._layouts[key][0] is not state.world:
            if len(self._layouts) > 64:
                self._layouts.clear()
            self._layouts[key] = (
                state.world,
                maze_layout(state.world, self.vocabulary, self.shape),
            )
        observation = self._layouts[key][1].copy()
        observation[state.position[0], state.position[1], 1] = 1
        return observation

    def act(self, observation: GridState) -> Move:
        """The move with the index the policy chooses."""
        action: object = self.policy(self.observe(observation))
        if not isinstance(action, int | np.integer) or not 0 <= int(action) < len(ACTIONS):
            raise ValueError(
                f"policy must return an action index in 0..{len(ACTIONS) - 1}, got {action!r}"
            )
        return ACTIONS[int(action)]


def _as_agent(
    policy: Policy | LearnedAlgorithm[GridState, Move],
    scenario: Scenario,
    shape: tuple[int, int] | None,
) -> LearnedAlgorithm[GridState, Move]:
    if isinstance(policy, LearnedAlgorithm):
        return policy
    return PolicyAgent(policy, scenario.vocabulary, shape or scenario_shape(scenario))


def check_policy(
    policy: Policy | LearnedAlgorithm[GridState, Move],
    scenario: Scenario,
    *,
    trained_on: Sequence[GridWorld] | None = None,
    shape: tuple[int, int] | None = None,
    samples: int = 1000,
    seed: int = 0,
    training_environments: int = 32,
    tolerance: float = 1e-9,
) -> Verdict:
    """Judge a trained policy (or any learned algorithm) by its behaviour on ``scenario``.

    Args:
        policy: A :data:`Policy` over the adapter's observations, or any learned algorithm.
        scenario: Gives the base objective, training distribution and universe.
        trained_on: The training mazes it was trained on (``env.unwrapped.trained_on``);
            judged instead of ``training_environments`` fresh draws.
        shape: The observation shape it was trained with; defaults to
            :func:`~search.gym.scenario_shape`, as :meth:`GridWorldEnv.from_scenario` does.
        samples: Mazes drawn from the universe after the training mazes.
        seed: Seed of every draw.
        training_environments: Training mazes drawn when ``trained_on`` is not given.
        tolerance: Base scores within this of the best count as doing what was wanted.

    Returns:
        Misaligned, pseudo-aligned with a verified witness (``unclassified``: a
        policy has no mesa-objective to name its kind), or robustly aligned with
        evidence "not_refuted" after ``samples`` environments.
    """
    return check_behaviour(
        _as_agent(policy, scenario, shape),
        scenario.base,
        scenario.training,
        scenario.universe,
        training_environments=training_environments,
        samples=samples,
        seed=seed,
        tolerance=tolerance,
        trained_on=trained_on,
    )


def policy_behaviour(
    policy: Policy | LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    scenario: Scenario,
    *,
    shape: tuple[int, int] | None = None,
) -> Behaviour:
    """How often each kind of object ends an episode of ``policy`` in ``worlds``.

    Example:
        >>> from search import green_exit
        >>> scenario = green_exit()
        >>> worlds = scenario.training.sample_many(3, 0)
        >>> policy_behaviour(lambda observation: 4, worlds, scenario).describe()
        'nothing 3/3'
    """
    agent = _as_agent(policy, scenario, shape)
    counts: Counter[tuple[str, str] | None] = Counter()
    for world in worlds:
        end = run_episode(agent, world).observations[-1]
        thing = world.thing_at.get(end.position) if world.outcome(end) else None
        counts[None if thing is None else (thing.kind, thing.color)] += 1
    outcomes = [
        OutcomeCount(kind=None if k is None else k[0], color=None if k is None else k[1], count=n)
        for k, n in counts.items()
    ]
    outcomes.sort(key=lambda o: (-o.count, o.label))
    return Behaviour(environments=len(worlds), outcomes=tuple(outcomes))
