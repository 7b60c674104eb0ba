"""A Minigrid level as a pure environment: stepping changes nothing, states rebuild, outcomes."""

from __future__ import annotations

import pytest

from mesa_minigrid import MinigridWorld, ObservationPolicy, Route, SafePlanner, distshift_level
from mesa_types import FeatureVector, run_episode

LAVA = FeatureVector(["kind:lava", "color:red"])
GOAL = FeatureVector(["kind:goal", "color:green"])


def test_stepping_is_pure_the_same_state_and_action_give_the_same_next_state() -> None:
    world = distshift_level(2)
    start = world.initial()
    forward = world.step(start, 2)
    world.step(forward, 2)  # moving the private environment on must not leak into states
    assert world.step(start, 2) == forward
    assert (forward.position, forward.direction, forward.steps) == ((2, 1), 0, 1)
    assert world.initial() == start and start.steps == 0


def test_stepping_into_lava_ends_the_episode_on_lava() -> None:
    world = distshift_level(2)
    state = Route((2, 2)).act(world.initial())
    assert state == 2
    episode = run_episode(Route((2, 2)), world)
    assert episode.outcome == LAVA and episode.steps == 2
    assert world.is_terminal(episode.observations[-1])
    assert world.actions(episode.observations[-1]) == ()


def test_time_running_out_ends_on_nothing() -> None:
    world = distshift_level(2, max_steps=5)
    episode = run_episode(Route(()), world)
    assert (episode.outcome, episode.steps) == (FeatureVector(), 5)


def test_every_level_offers_nothing_lava_and_the_goal() -> None:
    assert distshift_level(3).reachable_outcomes() == (FeatureVector(), LAVA, GOAL)
    assert distshift_level(2, max_steps=4).reachable_outcomes() == (FeatureVector(), LAVA)


def test_a_level_rebuilds_from_its_spec() -> None:
    world = distshift_level(4)
    again = MinigridWorld.from_spec(world.spec())
    assert again.spec() == world.spec()
    assert again.name == "DistShift, strip on row 4"
    assert run_episode(SafePlanner(), again).outcome == GOAL
    with pytest.raises(ValueError, match="spec must be a dict with a string 'env_id'"):
        MinigridWorld.from_spec({"id": 3})


def test_bad_levels_are_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match=r"strip2_row must be one of \[2, 3, 4, 5\], got 6"):
        distshift_level(6)
    with pytest.raises(
        ValueError, match="env_id must name a Minigrid environment, got 'CartPole-v1'"
    ):
        MinigridWorld("CartPole-v1")


def test_a_policy_over_minigrid_observations_sees_what_minigrid_shows() -> None:
    world = distshift_level(2)
    seen = []

    def policy(observation: dict[str, object]) -> int:
        seen.append(observation["direction"])
        return 1

    run_episode(ObservationPolicy(policy), distshift_level(2, max_steps=3))
    assert seen == [0, 1, 2]
    assert world.observation(world.initial())["image"].shape == (7, 7, 3)


def test_the_planner_takes_the_shortest_lava_free_route() -> None:
    route = Route.recorded(SafePlanner(), distshift_level(2))
    assert route.actions == (1, 2, 2, 0, 2, 2, 2, 2, 2, 2, 0, 2, 2)
    assert run_episode(route, distshift_level(2)).outcome == GOAL
