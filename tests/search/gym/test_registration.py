"""Every scenario has Gymnasium ids that make, check, vectorise and render."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from gymnasium.wrappers.vector import RecordEpisodeStatistics

from search import (
    SCENARIOS,
    ReturnGridWorld,
    Scenario,
    get_scenario,
    green_exit,
    register_scenario,
)
from search.gym import GridWorldEnv, env_id, make_scenario_env, register_envs, scenario_shape
from search.scenarios import registry

IDS = [env_id(name, split) for name in SCENARIOS for split in ("training", "deployment")]


def test_every_scenario_has_a_training_and_a_deployment_id() -> None:
    registered = sorted(i for i in gym.registry if i.startswith("mesa-types/"))
    assert registered == sorted(IDS)
    assert len(IDS) == 2 * len(SCENARIOS) == 12


@pytest.mark.parametrize("id_", IDS)
def test_check_env_passes_on_every_registered_id(id_: str) -> None:
    check_env(gym.make(id_).unwrapped)


@pytest.mark.parametrize("id_", IDS)
def test_every_id_runs_vectorised_under_a_vector_wrapper(id_: str) -> None:
    envs = RecordEpisodeStatistics(gym.make_vec(id_, num_envs=2, vectorization_mode="sync"))
    observations, _ = envs.reset(seed=0)
    name = id_.removeprefix("mesa-types/").rsplit("-", 2)[0]
    assert observations.shape == (2, *scenario_shape(get_scenario(name)), observations.shape[-1])
    stay = np.full(2, 4)
    steps = 0
    while True:
        _, rewards, terminated, truncated, _ = envs.step(stay)
        steps += 1
        if terminated.any() or truncated.any():
            break
    if isinstance(get_scenario(name).training.sample_many(1, seed=0)[0], ReturnGridWorld):
        # Judged by return, staying waits a step at a cost of 1 until the 100-step limit.
        assert steps == 100 and truncated.tolist() == [True, True]
        assert rewards.tolist() == [-100.0, -100.0]
    else:  # judged by outcome, staying ends the episode with nothing
        assert steps == 1 and terminated.tolist() == [True, True]
        assert truncated.tolist() == [False, False] and rewards.tolist() == [0.0, 0.0]
    envs.close()


def test_one_shape_across_a_scenario_so_one_policy_sees_training_and_deployment_alike() -> None:
    training = gym.make(env_id("green-exit", "training"))
    deployment = gym.make(env_id("green-exit", "deployment"))
    assert training.observation_space == deployment.observation_space
    assert training.reset(seed=0)[0].shape == deployment.reset(seed=0)[0].shape == (21, 21, 7)
    assert [scenario_shape(get_scenario(n)) for n in SCENARIOS] == [
        (21, 21),
        (21, 21),
        (11, 11),
        (15, 15),
        (13, 13),
        (7, 9),
    ]


def test_a_shape_passed_to_make_overrides_the_scenario_shape() -> None:
    env = gym.make(env_id("gems", "training"), shape=(13, 12))
    assert env.reset(seed=0)[0].shape == (13, 12, 2 + len(get_scenario("gems").vocabulary))


def test_rgb_array_rendering_draws_the_maze_and_the_agent() -> None:
    env = gym.make(env_id("green-exit", "training"), render_mode="rgb_array")
    env.reset(seed=0)
    image = env.render()
    assert isinstance(image, np.ndarray) and image.shape == (168, 168, 3)
    assert image.dtype == np.uint8
    inner = env.unwrapped
    assert isinstance(inner, GridWorldEnv)
    row, col = inner.state.position
    assert image[row * 8 + 4, col * 8 + 4].tolist() == [0, 0, 0]  # the agent
    assert image[160, 4].tolist() == [46, 52, 64]  # the wall round the maze


def test_bad_splits_and_render_modes_are_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match=r"split must be one of \['training', 'deployment'\]"):
        make_scenario_env("green-exit", "testing")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="render_mode must be None, 'ansi' or 'rgb_array'"):
        make_scenario_env("green-exit", render_mode="human")


@pytest.fixture
def _restored_registries() -> Iterator[None]:
    scenarios, envs = dict(registry._registered), dict(gym.registry)
    yield
    registry._registered.clear()
    registry._registered.update(scenarios)
    gym.registry.clear()
    gym.registry.update(envs)


def _small_green_exit() -> Scenario:
    return replace(green_exit(size=9, deployment_size=11), name="small-green-exit")


@pytest.mark.usefixtures("_restored_registries")
def test_a_scenario_registered_later_gets_its_ids_from_register_envs() -> None:
    register_scenario("small-green-exit", _small_green_exit)
    assert register_envs() == [env_id("small-green-exit"), env_id("small-green-exit", "deployment")]
    assert register_envs() == []
    env = gym.make(env_id("small-green-exit", "deployment"))
    env.reset(seed=0)
    inner = env.unwrapped
    assert isinstance(inner, GridWorldEnv)
    assert inner.world.height == 11  # padded to 21: its universe holds mazes up to 21x21
    assert inner.observation_space.shape == (21, 21, 7)


def test_make_imports_the_package_when_the_id_names_it() -> None:
    code = (
        "import gymnasium\n"
        "env = gymnasium.make('search.gym:mesa-types/red-door-deployment-v0')\n"
        "print(env.reset(seed=1)[0].shape)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "(21, 21, 8)"


def test_an_id_runs_in_subprocesses_under_the_async_vector_env() -> None:
    envs = gym.make_vec(env_id("gems"), num_envs=2, vectorization_mode="async")
    observations, _ = envs.reset(seed=0)
    assert observations.shape == (2, 11, 11, 5)
    _, _, terminated, _, _ = envs.step(np.array([4, 4]))
    assert terminated.tolist() == [True, True]
    envs.close()


@pytest.mark.parametrize("render_mode", ["ansi", "rgb_array"])
def test_check_env_passes_in_each_render_mode(render_mode: str) -> None:
    check_env(gym.make(env_id("green-exit"), render_mode=render_mode).unwrapped)
