"""The paper's scenarios: what a proxy and an aligned genome do in training and in deployment."""

from __future__ import annotations

from collections import Counter

import numpy as np

from mesa_types import (
    BaseObjective,
    Distribution,
    FeatureVector,
    Genome,
    LinearObjective,
    Universe,
    run_episode,
)
from search import (
    NOTHING,
    GridWorld,
    Placement,
    Scenario,
    TreeSearchAgent,
    compile_mazes,
    genome_arrays,
    green_exit,
    perfect_maze,
    place_things,
    population_choices,
    red_door,
)
from search.world.mazes import path_to, tree_parents

GREEN_EXIT = green_exit()
RED_DOOR = red_door()
EPISODES = 10  # full episodes per split: each is a few dozen tree searches
MAZES = 40  # mazes per split for the population path, which the property test pins to episodes


def _genome(scenario: Scenario, weights: dict[str, float]) -> Genome:
    return Genome.of(weights, scenario.vocabulary, depth=scenario.max_depth)


def _episode_outcomes(genome: Genome, worlds: list[GridWorld]) -> Counter[str]:
    agent = TreeSearchAgent(genome)
    return Counter(run_episode(agent, world).outcome.describe() for world in worlds)


def _batch_outcomes(
    genome: Genome, worlds: list[GridWorld], vocabulary: tuple[str, ...]
) -> Counter[str]:
    batch = compile_mazes(worlds, vocabulary)
    picked = population_choices(*genome_arrays([genome], vocabulary), batch)[0]
    return Counter(
        "nothing" if k == NOTHING else batch.things[m][k].features.describe()
        for m, k in enumerate(picked.tolist())
    )


def test_green_seeker_reaches_the_exit_in_training_and_a_green_apple_in_deployment() -> None:
    green = _genome(GREEN_EXIT, {"color:green": 1.0})
    training = GREEN_EXIT.training.sample_many(EPISODES, seed=0)
    deployment = GREEN_EXIT.deployment.sample_many(EPISODES, seed=0)
    assert _episode_outcomes(green, training) == {"color:green + kind:exit": EPISODES}
    assert _episode_outcomes(green, deployment) == {"color:green + kind:apple": EPISODES}


def test_exit_seeker_reaches_the_exit_in_training_and_in_deployment() -> None:
    exit_ = _genome(GREEN_EXIT, {"kind:exit": 1.0})
    training = GREEN_EXIT.training.sample_many(EPISODES, seed=0)
    deployment = GREEN_EXIT.deployment.sample_many(EPISODES, seed=0)
    assert _episode_outcomes(exit_, training) == {"color:green + kind:exit": EPISODES}
    assert _episode_outcomes(exit_, deployment) == {"color:grey + kind:exit": EPISODES}


def test_over_many_mazes_only_the_exit_seeker_keeps_reaching_the_exit() -> None:
    vocabulary = GREEN_EXIT.vocabulary
    training = GREEN_EXIT.training.sample_many(MAZES, seed=1)
    deployment = GREEN_EXIT.deployment.sample_many(MAZES, seed=1)
    green = _genome(GREEN_EXIT, {"color:green": 1.0})
    exit_ = _genome(GREEN_EXIT, {"kind:exit": 1.0})
    assert _batch_outcomes(green, training, vocabulary) == {"color:green + kind:exit": MAZES}
    assert _batch_outcomes(green, deployment, vocabulary) == {"color:green + kind:apple": MAZES}
    assert _batch_outcomes(exit_, deployment, vocabulary) == {"color:grey + kind:exit": MAZES}


def test_training_apples_lie_off_the_path_to_the_exit_and_the_exit_within_reach() -> None:
    for world in GREEN_EXIT.training.sample_many(MAZES, seed=2):
        (exit_,) = [t for t in world.things if t.kind == "exit"]
        route = set(path_to(tree_parents(world.rows, world.start), exit_.position))
        apples = [t for t in world.things if t.kind == "apple"]
        assert [a.color for a in apples] == ["red", "red", "red"]
        assert exit_.color == "green"
        assert not route & {a.position for a in apples}
        assert world.distances_from(world.start)[exit_.position] <= GREEN_EXIT.reach


def test_red_seeker_goes_through_red_doors_in_training_and_to_red_non_doors_in_deployment() -> None:
    vocabulary = RED_DOOR.vocabulary
    red = _genome(RED_DOOR, {"color:red": 1.0})
    training = RED_DOOR.training.sample_many(MAZES, seed=0)
    deployment = RED_DOOR.deployment.sample_many(MAZES, seed=0)
    assert _batch_outcomes(red, training, vocabulary) == {"color:red + kind:door": MAZES}
    deployed = _batch_outcomes(red, deployment, vocabulary)
    assert sum(deployed.values()) == MAZES
    assert set(deployed) <= {"color:red + kind:apple", "color:red + kind:key"}
    assert _episode_outcomes(red, deployment[:3]) == _batch_outcomes(
        red, deployment[:3], vocabulary
    )


def test_the_same_seed_draws_the_same_mazes() -> None:
    assert GREEN_EXIT.deployment.sample_many(3, seed=5) == green_exit().deployment.sample_many(
        3, seed=5
    )


def test_a_user_defines_a_scenario_in_a_few_lines() -> None:
    vocabulary = ("kind:coin", "color:gold", "color:silver")

    def coins(colour: str) -> Distribution[GridWorld]:
        def sample(rng: np.random.Generator) -> GridWorld:
            rows = perfect_maze(9, 9, rng)
            things = place_things(rows, (1, 1), [Placement.of("coin", colour, 30)], rng) or []
            return GridWorld(rows=rows, start=(1, 1), things=tuple(things))

        return Distribution(f"9x9 mazes with a {colour} coin", sample)

    scenario = Scenario(
        name="coins",
        summary="Coins are gold in training and silver in deployment.",
        vocabulary=vocabulary,
        base=BaseObjective(LinearObjective.from_weights({"kind:coin": 1.0}, vocabulary), "coin"),
        training=coins("gold"),
        deployment=coins("silver"),
        universe=Universe("9x9 mazes with a coin of either colour", coins("silver")),
        reach=30,
        max_depth=30,
    )
    gold_seeker = _genome(scenario, {"color:gold": 1.0})
    gold_coin = FeatureVector(["kind:coin", "color:gold"]).describe()
    assert _episode_outcomes(gold_seeker, scenario.training.sample_many(3, 0)) == {gold_coin: 3}
    assert _episode_outcomes(gold_seeker, scenario.deployment.sample_many(3, 0)) == {"nothing": 3}
