"""A seed's hunts find the mazes its run's adversary drew, instead of drawing them again."""

from __future__ import annotations

from mesa_types import GeneticConfig
from search import Adversary, RunSettings, evolve_adversarial
from search.scenarios import registry
from search.scenarios.paper import Scenario, green_exit
from search.scenarios.registry import get_scenario, register_scenario
from search.training.adversarial import KEPT_ROUNDS, adversary_seed, universe_draws

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=7,
    generations=3,
    training_environments=4,
    config=GeneticConfig(population=8),
)


def _mine() -> Scenario:
    return Scenario(**{**green_exit(size=9).__dict__, "name": "my-green-exit"})


def test_a_built_in_scenario_is_built_once_and_a_users_each_time() -> None:
    assert get_scenario("green-exit") is get_scenario("green-exit")
    before = dict(registry._registered)
    register_scenario("my-green-exit", _mine)
    try:
        assert get_scenario("my-green-exit") is not get_scenario("my-green-exit")
    finally:
        registry._registered.clear()
        registry._registered.update(before)


def test_the_rounds_a_run_drew_are_found_again_by_seed_and_round() -> None:
    adversary = Adversary(draws=4)
    evolve_adversarial(SETTINGS, adversary)
    universe = get_scenario("green-exit").universe.distribution
    for round_ in (1, 2):
        kept = universe_draws(universe, 4, adversary_seed(7, round_))
        assert universe_draws(universe, 4, adversary_seed(7, round_)) is kept
        assert list(kept) == universe.sample_many(4, adversary_seed(7, round_))


def test_another_distribution_with_the_same_name_is_not_served_from_the_cache() -> None:
    universe = get_scenario("green-exit").universe.distribution
    other = green_exit(size=9).universe.distribution
    mine = universe_draws(universe, 3, 11)
    theirs = universe_draws(other, 3, 11)
    assert theirs is not mine
    assert list(theirs) == other.sample_many(3, 11)


def test_only_the_last_rounds_are_kept() -> None:
    universe = get_scenario("green-exit").universe.distribution
    first = universe_draws(universe, 1, 10_000)
    for seed in range(KEPT_ROUNDS):
        universe_draws(universe, 1, 20_000 + seed)
    assert universe_draws(universe, 1, 10_000) is not first
