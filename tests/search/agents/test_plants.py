"""Plants and planners: the wall follower, the structural line between them, the episode record."""

from __future__ import annotations

import pytest

from mesa_types import FeatureVector, Genome, is_optimizer
from search import (
    EMERGENCE_FEATURES,
    Foraging,
    ForagingPlanner,
    Glimpse,
    ReflexPlant,
    draw_pool,
    forage,
    learned_algorithm,
    plant_vocabulary,
    wall_follower,
)
from search.agents.plants import turn_of
from search.world.grid import Move

EXIT_GREEN = FeatureVector(["kind:exit", "color:green"])


def test_the_wall_follower_reaches_the_exit_of_every_maze_without_searching() -> None:
    plant = learned_algorithm(wall_follower(EMERGENCE_FEATURES), EMERGENCE_FEATURES)
    for exits in ("corner", "anywhere"):
        for world in draw_pool("training", exits, 40, 13, seed=5):
            episode = forage(plant, world)
            assert episode.outcome == EXIT_GREEN
            assert episode.thinking == 0
            assert episode.steps <= world.max_steps


def test_the_wall_follower_finds_grey_exits_too_and_ignores_green_apples() -> None:
    plant = learned_algorithm(wall_follower(EMERGENCE_FEATURES), EMERGENCE_FEATURES)
    outcomes = {forage(plant, w).outcome for w in draw_pool("deployment", "anywhere", 30, 11, 2)}
    assert outcomes == {FeatureVector(["kind:exit", "color:grey"])}


def test_a_plant_is_not_an_optimizer_and_a_planner_is() -> None:
    world = draw_pool("training", "anywhere", 1, 13, seed=0)[0]
    plant = learned_algorithm(wall_follower(EMERGENCE_FEATURES), EMERGENCE_FEATURES)
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    planner = learned_algorithm(Genome.of({"kind:exit": 1.0}, vocabulary, 3), EMERGENCE_FEATURES)
    assert isinstance(plant, ReflexPlant)
    assert isinstance(planner, ForagingPlanner)
    glimpse = Glimpse(world.initial())
    assert not is_optimizer(plant, [glimpse])
    assert is_optimizer(planner, [glimpse])


def test_a_planner_with_nothing_in_view_falls_back_on_its_reflexes() -> None:
    world = draw_pool("training", "corner", 1, 13, seed=0)[0]
    vocabulary = plant_vocabulary(EMERGENCE_FEATURES)
    genome = Genome.of({"kind:exit": 1.0, "reflex:go:right": 1.0}, vocabulary, 1)
    planner = learned_algorithm(genome, EMERGENCE_FEATURES)
    assert isinstance(planner, ForagingPlanner)
    glimpse = Glimpse(world.initial())
    decision = planner.decide(glimpse)
    assert decision.trace.chosen == 0
    assert decision.action == planner.reflexes.move(world, glimpse)


def test_turns_are_relative_to_the_heading() -> None:
    assert turn_of(Move.UP, Move.UP) == 0
    assert turn_of(Move.UP, Move.RIGHT) == 1
    assert turn_of(Move.UP, Move.DOWN) == 2
    assert turn_of(Move.RIGHT, Move.UP) == 3


def test_a_planner_needs_a_depth_of_at_least_one() -> None:
    plant = learned_algorithm(wall_follower(EMERGENCE_FEATURES), EMERGENCE_FEATURES)
    assert isinstance(plant, ReflexPlant)
    with pytest.raises(ValueError, match="depth must be at least 1"):
        ForagingPlanner(plant.reflexes.see, 0, plant.reflexes)


def test_thinking_is_depth_per_decision() -> None:
    assert Foraging(EXIT_GREEN, steps=12, depth=5).thinking == 60


def test_the_vocabulary_puts_the_world_first_then_each_reflex() -> None:
    vocabulary = plant_vocabulary(("kind:exit", "color:green"))
    assert vocabulary == (
        "kind:exit",
        "color:green",
        "reflex:go:up",
        "reflex:go:down",
        "reflex:go:left",
        "reflex:go:right",
        "reflex:turn:straight",
        "reflex:turn:right",
        "reflex:turn:back",
        "reflex:turn:left",
        "reflex:see:kind:exit",
        "reflex:see:color:green",
    )
