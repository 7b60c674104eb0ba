"""Gridworlds: validation with clear messages, JSON round trips, and the pure world model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mesa_types import FeatureVector
from search import GridState, GridWorld, Move, Thing

ROOM = ("#######", "#.....#", "#.###.#", "#.....#", "#######")


def _exit(position: tuple[int, int], color: str = "green") -> Thing:
    return Thing(position=position, kind="exit", color=color)


def _world(**changes: object) -> GridWorld:
    data: dict[str, object] = {"rows": ROOM, "start": (1, 1), "things": (_exit((3, 5)),)}
    data.update(changes)
    return GridWorld.model_validate(data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": (9, 9)}, r"start \(9, 9\) is off the 5x7 grid"),
        ({"start": (0, 0)}, r"start \(0, 0\) is in a wall"),
        ({"things": (_exit((2, 3)),)}, r"things\[0\] \(exit\) \(2, 3\) is in a wall"),
        ({"rows": ("#####", "#..#", "#####")}, "every row must have the same length"),
        ({"rows": ("...", "...")}, "at least 3 rows and 3 columns"),
        ({"rows": ("#..", "#..", "#x.")}, r"may hold only '#' and '\.', found \['x'\]"),
        (
            {"things": (_exit((3, 5)), Thing(position=(3, 5), kind="apple", color="red"))},
            r"things\[1\] \(apple\) shares tile \(3, 5\)",
        ),
        ({"things": (_exit((1, 1)),)}, r"things\[0\] \(exit\) shares tile \(1, 1\)"),
        ({"max_steps": 0}, "max_steps"),
    ],
)
def test_invalid_worlds_are_rejected_with_a_message_naming_the_problem(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _world(**changes)


def test_an_exit_that_cannot_be_reached_is_rejected() -> None:
    walled_off = ("#######", "#..#..#", "#######")
    with pytest.raises(ValidationError, match=r"the exit at \(1, 5\) cannot be reached"):
        GridWorld(rows=walled_off, start=(1, 1), things=(_exit((1, 5)),))


def test_an_exit_behind_another_object_is_rejected_because_objects_end_the_episode() -> None:
    corridor = ("#######", "#.....#", "#######")
    apple = Thing(position=(1, 3), kind="apple", color="red")
    with pytest.raises(ValidationError, match="cannot be reached"):
        GridWorld(rows=corridor, start=(1, 1), things=(apple, _exit((1, 5))))


def test_a_world_round_trips_through_json() -> None:
    world = _world(
        things=(_exit((3, 5)), Thing(position=(1, 5), kind="gem", color="blue", extra=("shiny",)))
    )
    assert GridWorld.model_validate(world.spec()) == world
    assert GridWorld.model_validate_json(world.model_dump_json()) == world


def test_step_returns_a_new_state_and_changes_nothing() -> None:
    world = _world()
    before = world.initial()
    after = world.step(before, Move.RIGHT)
    assert before == GridState(world, (1, 1), 0)
    assert after == GridState(world, (1, 2), 1)
    assert world == _world()


def test_a_step_into_a_wall_leaves_the_agent_in_place_but_takes_time() -> None:
    world = _world()
    assert world.step(world.initial(), Move.UP) == GridState(world, (1, 1), 1)


def test_staying_ends_the_episode_with_nothing() -> None:
    world = _world()
    stopped = world.step(world.initial(), Move.STAY)
    assert stopped.stopped and world.is_terminal(stopped)
    assert world.outcome(stopped) == FeatureVector()
    assert world.step(stopped, Move.RIGHT) == stopped


def test_stepping_onto_an_object_ends_the_episode_with_its_features() -> None:
    world = _world(start=(3, 3))
    state = world.step(world.step(world.initial(), Move.RIGHT), Move.RIGHT)
    assert state.position == (3, 5)
    assert world.is_terminal(state)
    assert world.outcome(state) == FeatureVector(["kind:exit", "color:green"])
    assert world.step(state, Move.LEFT) == state


def test_the_step_limit_ends_the_episode() -> None:
    world = _world(max_steps=2)
    state = world.step(world.step(world.initial(), Move.RIGHT), Move.RIGHT)
    assert world.is_terminal(state) and not state.stopped
    assert world.outcome(state) == FeatureVector()


def test_reachable_outcomes_are_nothing_and_each_object_within_the_step_limit() -> None:
    gem = Thing(position=(1, 2), kind="gem", color="blue")
    world = _world(things=(_exit((3, 5)), gem))
    assert set(world.reachable_outcomes()) == {
        FeatureVector(),
        gem.features,
        _exit((3, 5)).features,
    }
    near_only = _world(things=(_exit((3, 5)), gem), max_steps=1)
    assert set(near_only.reachable_outcomes()) == {FeatureVector(), gem.features}


def test_thing_features_are_kind_colour_and_extras() -> None:
    gem = Thing(position=(1, 2), kind="gem", color="blue", extra=("shiny",))
    assert gem.features == FeatureVector(["kind:gem", "color:blue", "shiny"])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("",), r"extra\[0\] is empty"),
        (("kind:exit",), r"extra\[0\] 'kind:exit' would give the object a second kind"),
        (("color:green",), "a second kind or colour"),
        (("shiny", "shiny"), r"names a feature more than once: \['shiny'\]"),
    ],
)
def test_extra_features_are_plain_distinct_names(extra: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Thing(position=(1, 1), kind="apple", color="red", extra=extra)
    assert Thing(position=(1, 1), kind="apple", color="red", extra=("shiny",)).features == (
        FeatureVector(["kind:apple", "color:red", "shiny"])
    )


def test_an_apple_cannot_pose_as_an_unreachable_exit() -> None:
    walled_off = ("#######", "#..#..#", "#######")
    with pytest.raises(ValidationError, match="second kind"):
        GridWorld.model_validate(
            {
                "rows": walled_off,
                "start": (1, 1),
                "things": [
                    {"position": (1, 5), "kind": "apple", "color": "red", "extra": ["kind:exit"]}
                ],
            }
        )


@pytest.mark.parametrize("steps", [2**63, 10**7])
def test_the_step_limit_is_bounded(steps: int) -> None:
    bounded = r"max_steps\n  Input should be less than or equal to 1000000"
    with pytest.raises(ValidationError, match=bounded):
        _world(max_steps=steps)


def test_the_grid_size_is_bounded() -> None:
    wide = ("#" * 600, "#" + "." * 598 + "#", "#" * 600)
    with pytest.raises(ValidationError, match="at most 512 rows and 512 columns"):
        GridWorld(rows=wide, start=(1, 1))
