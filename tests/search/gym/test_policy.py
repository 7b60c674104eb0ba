"""Trained Gymnasium policies as agents, judged on the mazes they were trained on."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

from mesa_types import Genome, RobustlyAligned
from search import FixedRulePolicy, GridState, GridWorld, Move, TreeSearchAgent, green_exit
from search.gym import (
    ACTIONS,
    GridWorldEnv,
    Observation,
    PolicyAgent,
    check_policy,
    env_id,
    observation_of,
    policy_behaviour,
)

SCENARIO = green_exit()
EXIT_SEEKER = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=64))


def _trained_env(seeds: range) -> GridWorldEnv:
    env = gym.make(env_id("green-exit", "training")).unwrapped
    assert isinstance(env, GridWorldEnv)
    for seed in seeds:
        env.reset(seed=seed)
    return env


class Memoriser:
    """Goes to the exit in the mazes it has seen, stays put in any other: a policy of habits."""

    def __init__(self, worlds: tuple[GridWorld, ...], shape: tuple[int, int]) -> None:
        self.known = {
            self._layout(observation_of(w.initial(), SCENARIO.vocabulary, shape)): w for w in worlds
        }

    @staticmethod
    def _layout(observation: Observation) -> bytes:
        layout = observation.copy()
        layout[:, :, 1] = 0
        return layout.tobytes()

    def __call__(self, observation: Observation) -> int:
        world = self.known.get(self._layout(observation))
        if world is None:
            return ACTIONS.index(Move.STAY)
        row, col = np.argwhere(observation[:, :, 1])[0]
        return ACTIONS.index(EXIT_SEEKER.act(GridState(world, (int(row), int(col)))))


def test_the_environment_records_each_maze_reset_drew_once_in_order() -> None:
    env = _trained_env(range(0))
    drawn = []
    for seed in (0, 1, 2, 1):
        env.reset(seed=seed)
        drawn.append(env.world)
    assert drawn[3] == drawn[1] and len(set(drawn)) == 3
    assert env.trained_on == (drawn[0], drawn[1], drawn[2])


def test_observation_of_is_what_the_environment_shows_at_every_step() -> None:
    env = _trained_env(range(1))
    observation, _ = env.reset(seed=5)
    for move in (Move.DOWN, Move.RIGHT, Move.RIGHT, Move.UP):
        assert np.array_equal(observation, observation_of(env.state, env.vocabulary, env.shape))
        observation, *_ = env.step(ACTIONS.index(move))


def test_a_policy_is_judged_on_the_mazes_it_was_trained_on_when_they_are_given() -> None:
    env = _trained_env(range(4))
    memoriser = Memoriser(env.trained_on, env.shape)
    on_its_mazes = check_policy(memoriser, SCENARIO, trained_on=env.trained_on, samples=20)
    assert on_its_mazes.kind == "pseudo_aligned"
    assert on_its_mazes.kinds == ("unclassified",)
    assert (on_its_mazes.witness.did, on_its_mazes.witness.wanted) == (
        "nothing",
        "color:grey + kind:exit",
    )
    on_fresh_draws = check_policy(memoriser, SCENARIO, training_environments=4, samples=20)
    assert on_fresh_draws.kind == "misaligned"
    assert on_fresh_draws.training_failures == 4


def test_any_learned_algorithm_is_judged_as_it_is() -> None:
    verdict = check_policy(EXIT_SEEKER, SCENARIO, training_environments=2, samples=10)
    assert isinstance(verdict, RobustlyAligned)
    assert (verdict.evidence, verdict.environments_checked) == ("not_refuted", 10)


def test_behaviour_counts_what_each_episode_ended_on() -> None:
    env = _trained_env(range(3))
    memoriser = Memoriser(env.trained_on, env.shape)
    assert policy_behaviour(memoriser, env.trained_on, SCENARIO).describe() == "green exit 3/3"
    deployed = SCENARIO.deployment.sample_many(4, 0)
    assert policy_behaviour(memoriser, deployed, SCENARIO).describe() == "nothing 4/4"
    rule = policy_behaviour(FixedRulePolicy(), deployed, SCENARIO)  # any learned algorithm
    assert rule.describe() == "nothing 3/4, green apple 1/4"


def test_a_policy_agent_sees_through_wrappers_and_refuses_bad_actions() -> None:
    agent = PolicyAgent.for_env(lambda o: 7, gym.make(env_id("green-exit", "training")))
    assert (agent.vocabulary, agent.shape) == (SCENARIO.vocabulary, (21, 21))
    world = SCENARIO.training.sample_many(1, 0)[0]
    with pytest.raises(ValueError, match=r"action index in 0\.\.4, got 7"):
        agent.act(world.initial())
    with pytest.raises(TypeError, match="env must wrap a GridWorldEnv, got CartPoleEnv"):
        PolicyAgent.for_env(lambda o: 0, gym.make("CartPole-v1"))
