"""The diversity dial and the thinking charge."""

from __future__ import annotations

import pytest

from mesa_types import FeatureVector, LinearObjective
from search import DIVERSITY_LEVELS, DiversityLevel, Foraging, ThinkingCharge, draw_pool


def test_six_levels_from_one_maze_to_a_thousand_and_twenty_four_with_exits_anywhere() -> None:
    assert [(lv.mazes, lv.exits) for lv in DIVERSITY_LEVELS] == [
        (1, "corner"),
        (16, "corner"),
        (1024, "corner"),
        (16, "anywhere"),
        (128, "anywhere"),
        (1024, "anywhere"),
    ]


def test_a_pool_is_the_same_from_the_same_seed_and_its_prefix_does_not_depend_on_its_length() -> (
    None
):
    assert draw_pool("training", "corner", 5, 13, 3) == draw_pool("training", "corner", 5, 13, 3)
    assert draw_pool("training", "anywhere", 8, 13, 3)[:3] == draw_pool(
        "training", "anywhere", 3, 13, 3
    )


def test_corner_exits_are_green_in_the_far_corner_and_deployment_is_grey_with_green_apples() -> (
    None
):
    for world in draw_pool("training", "corner", 10, 13, 0):
        (exit_,) = [t for t in world.things if t.kind == "exit"]
        assert (exit_.position, exit_.color) == ((11, 11), "green")
        assert sorted(t.color for t in world.things if t.kind == "apple") == ["red", "red"]
        assert world.max_steps == 2 * len(world.floor) == 142
    for world in draw_pool("deployment", "anywhere", 10, 13, 0):
        assert sorted((t.kind, t.color) for t in world.things) == [
            ("apple", "green"),
            ("apple", "green"),
            ("exit", "grey"),
        ]


def test_the_charge_takes_the_reward_less_moves_and_depth_per_decision() -> None:
    charge = ThinkingCharge(LinearObjective.from_weights({"kind:exit": 1.0}), 0.001, 0.01)
    episode = Foraging(FeatureVector(["kind:exit"]), steps=10, depth=3)
    assert charge(episode) == 1.0 - 0.001 * 10 - 0.01 * 30
    assert charge.objective()(episode) == charge(episode)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: DiversityLevel("x", 0, "corner"), r"mazes must be in \[1, 1024\], got 0"),
        (
            lambda: DiversityLevel("x", 2, "middle"),  # type: ignore[arg-type]
            "exits must be 'corner' or 'anywhere'",
        ),
        (
            lambda: ThinkingCharge(LinearObjective.from_weights({"a": 1.0}), -1.0, 0.0),
            "per_step must be a finite number >= 0",
        ),
        (lambda: draw_pool("training", "corner", 1, 12, 0), "size must be an odd number"),
    ],
)
def test_bad_settings_name_the_field(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]
