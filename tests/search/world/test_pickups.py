"""Pickups: objects in a world judged by return that pay once and leave the episode running."""

from __future__ import annotations

import pytest

from mesa_types import STEPS, FeatureVector, passed
from search import Move, ReturnGridWorld, Thing
from search.gym import observation_of
from search.render import render_text

COIN = Thing(position=(1, 3), kind="coin", color="gold")
GOAL = Thing(position=(1, 5), kind="goal", color="green")


def corridor(*pickups: Thing) -> ReturnGridWorld:
    return ReturnGridWorld(
        rows=("#######", "#.....#", "#######"),
        start=(1, 1),
        things=(GOAL,),
        pickups=pickups,
        max_steps=10,
    )


def test_a_pickup_is_collected_once_and_counted_in_the_summary() -> None:
    world = corridor(COIN)
    state = world.initial()
    for move in (Move.RIGHT, Move.RIGHT, Move.LEFT, Move.RIGHT):  # onto the coin, off, on again
        state = world.step(state, move)
    assert state.collected == {(1, 3)}
    assert not world.is_terminal(state)
    assert world.outcome(state) == FeatureVector(
        {passed("kind:coin"): 1.0, passed("color:gold"): 1.0, STEPS: 10.0}
    )
    state = world.step(world.step(state, Move.RIGHT), Move.RIGHT)
    assert world.is_terminal(state)
    assert world.outcome(state)[STEPS] == 6.0


def test_a_pickup_may_not_share_a_tile_with_the_start_or_an_object() -> None:
    with pytest.raises(ValueError, match=r"pickups\[0\] \(coin\) shares tile \(1, 1\)"):
        corridor(COIN.model_copy(update={"position": (1, 1)}))
    with pytest.raises(ValueError, match=r"pickups\[1\] \(coin\) shares tile \(1, 5\)"):
        corridor(COIN, COIN.model_copy(update={"position": (1, 5)}))
    with pytest.raises(ValueError, match=r"pickups\[0\] \(coin\) \(0, 3\) is in a wall"):
        corridor(COIN.model_copy(update={"position": (0, 3)}))


def test_a_world_without_pickups_keeps_the_spec_it_had_and_one_with_them_round_trips() -> None:
    plain = corridor()
    spec = plain.spec()
    assert isinstance(spec, dict) and "pickups" not in spec
    assert ReturnGridWorld.model_validate(spec) == plain
    with_coin = corridor(COIN)
    assert ReturnGridWorld.model_validate(with_coin.spec()) == with_coin
    assert with_coin.with_things([]).pickups == (COIN,)


def test_an_observation_shows_a_pickup_on_its_passed_channels_until_it_is_taken() -> None:
    world = corridor(COIN)
    vocabulary = ("kind:goal", passed("kind:coin"))
    before = observation_of(world.initial(), vocabulary, (3, 7))
    assert before[1, 3, 3] == 1 and before[1, 5, 2] == 1
    taken = world.step(world.step(world.initial(), Move.RIGHT), Move.RIGHT)
    assert observation_of(taken, vocabulary, (3, 7))[1, 3, 3] == 0


def test_a_pickup_is_lettered_in_the_text_picture() -> None:
    assert render_text(corridor(COIN)).splitlines() == [
        "#######",
        "#S.C.G#",
        "#######",
        "S start, G goal (green), C coin (gold)",
    ]
