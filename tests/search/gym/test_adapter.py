"""The Gymnasium adapter: passes check_env, pays the base objective, ends episodes correctly."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from mesa_types import Genome, run_episode
from search import GridWorld, Move, Thing, TreeSearchAgent, green_exit
from search.gym import ACTIONS, GridWorldEnv

SCENARIO = green_exit()
CORRIDOR = GridWorld(
    rows=("######", "#....#", "######"),
    start=(1, 1),
    things=(Thing(position=(1, 4), kind="exit", color="green"),),
    max_steps=5,
)
# Without a registered spec check_env cannot remake the environment in other render modes.
no_spec = pytest.mark.filterwarnings("ignore:.*not having a spec:UserWarning")


def _env(
    world: GridWorld = CORRIDOR,
    shape: tuple[int, int] | None = None,
    render_mode: str | None = None,
) -> GridWorldEnv:
    return GridWorldEnv(
        world, SCENARIO.base, SCENARIO.vocabulary, shape=shape, render_mode=render_mode
    )


@no_spec
@pytest.mark.parametrize("deployment", [False, True], ids=["training", "deployment"])
def test_a_scenario_distribution_passes_the_gymnasium_checker(deployment: bool) -> None:
    check_env(GridWorldEnv.from_scenario(SCENARIO, deployment, render_mode="ansi"))


@no_spec
def test_a_fixed_world_passes_the_gymnasium_checker() -> None:
    check_env(_env(render_mode="ansi"))


def test_the_same_seed_draws_the_same_maze_and_other_seeds_other_mazes() -> None:
    env = GridWorldEnv.from_scenario(SCENARIO)
    first, _ = env.reset(seed=3)
    again, _ = env.reset(seed=3)
    assert np.array_equal(first, again)
    drawn = {env.reset(seed=s)[0].tobytes() for s in range(5)}
    assert len(drawn) == 5


def test_observation_channels_are_walls_agent_and_one_per_feature() -> None:
    observation, info = _env().reset(seed=0)
    assert observation.shape == (3, 6, 2 + len(SCENARIO.vocabulary))
    assert observation[:, :, 0].tolist() == [[r == "#" for r in row] for row in CORRIDOR.rows]
    assert list(zip(*np.nonzero(observation[:, :, 1]), strict=True)) == [(1, 1)]
    for i, name in enumerate(SCENARIO.vocabulary):
        expected = [(1, 4)] if name in ("kind:exit", "color:green") else []
        assert list(zip(*np.nonzero(observation[:, :, 2 + i]), strict=True)) == expected
    assert info == {"position": (1, 1), "time": 0, "outcome": "nothing"}


def test_reaching_the_exit_terminates_and_pays_the_base_objective_once() -> None:
    env = _env()
    env.reset(seed=0)
    steps = [env.step(ACTIONS.index(Move.RIGHT)) for _ in range(3)]
    assert [(r, term, trunc) for _, r, term, trunc, _ in steps] == [
        (0.0, False, False),
        (0.0, False, False),
        (1.0, True, False),
    ]
    assert steps[-1][4]["outcome"] == "color:green + kind:exit"


def test_staying_terminates_with_the_score_of_nothing() -> None:
    env = _env()
    env.reset(seed=0)
    _, reward, terminated, truncated, _ = env.step(ACTIONS.index(Move.STAY))
    assert (reward, terminated, truncated) == (0.0, True, False)


def test_running_out_of_steps_truncates_instead_of_terminating() -> None:
    env = _env()
    env.reset(seed=0)
    ends = [env.step(ACTIONS.index(Move.UP))[2:4] for _ in range(CORRIDOR.max_steps)]
    assert ends == [(False, False)] * (CORRIDOR.max_steps - 1) + [(False, True)]
    with pytest.raises(RuntimeError, match="call reset"):
        env.step(0)


def test_bad_actions_and_steps_before_reset_are_refused() -> None:
    env = _env()
    with pytest.raises(RuntimeError, match="call reset"):
        env.step(0)
    env.reset(seed=0)
    with pytest.raises(ValueError, match=r"integer in 0\.\.4, got 5"):
        env.step(5)


def test_a_smaller_world_is_padded_with_wall_and_a_larger_one_refused() -> None:
    padded, _ = _env(shape=(5, 8)).reset(seed=0)
    assert padded[3:, :, 0].all() and padded[:, 6:, 0].all()
    with pytest.raises(
        ValueError, match=r"a 3x6 world does not fit observations of shape \(3, 5\)"
    ):
        _env(shape=(3, 5)).reset(seed=0)


def test_following_the_tree_search_agent_reaches_what_it_reaches_in_the_world_model() -> None:
    world = SCENARIO.training.sample_many(1, seed=4)[0]
    agent = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=64))
    env = _env(world)
    env.reset(seed=0)
    terminated = truncated = False
    reward = 0.0
    while not (terminated or truncated):
        _, reward, terminated, truncated, _ = env.step(ACTIONS.index(agent.act(env.state)))
    assert env.state == run_episode(agent, world).observations[-1]
    assert reward == SCENARIO.base(world.outcome(env.state)) == 1.0


def test_text_rendering_shows_the_path_so_far() -> None:
    env = _env(render_mode="ansi")
    env.reset(seed=0)
    env.step(ACTIONS.index(Move.RIGHT))
    assert env.render() == "######\n#S*.E#\n######\nS start, * path, E exit (green)"
    assert _env().render() is None


def test_search_imports_without_gymnasium_or_matplotlib() -> None:
    code = (
        "import sys\n"
        "sys.modules['gymnasium'] = None\n"
        "sys.modules['matplotlib'] = None\n"
        "import search, search.render.pictures, search.agents.policies\n"
        "try:\n"
        "    import search.gym.adapter\n"
        "except ImportError:\n"
        "    print('adapter needs gymnasium')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "adapter needs gymnasium"
