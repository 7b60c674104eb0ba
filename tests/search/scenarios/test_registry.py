"""One registry of scenarios: the built-in five, users' own, and what runs record of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mesa_types import GeneticConfig
from search import (
    SCENARIOS,
    RunSettings,
    Scenario,
    evolve,
    get_scenario,
    green_exit,
    register_scenario,
)
from search.scenarios import registry
from search.scenarios.registry import scenario_settings

BUILT_IN = {
    "green-exit",
    "red-door",
    "gems",
    "far-apples",
    "cleaning-robot",
    "distributional-shift",
}


@pytest.fixture
def clean_registry() -> Iterator[None]:
    before = dict(registry._registered)
    yield
    registry._registered.clear()
    registry._registered.update(before)


def test_the_registry_lists_every_built_in_scenario_by_its_name() -> None:
    assert set(SCENARIOS) == BUILT_IN
    for name in SCENARIOS:
        assert get_scenario(name).name == name


def test_an_unknown_scenario_name_lists_the_names_there_are() -> None:
    with pytest.raises(KeyError, match=r"unknown scenario 'blue-key'; choose one of \['cleaning"):
        get_scenario("blue-key")


def test_settings_are_the_factory_defaults() -> None:
    assert scenario_settings("gems") == {"size": 11, "reach": 30}


def _small_green_exit(size: int = 9, reach: int = 40) -> Scenario:
    s = green_exit(size=size, deployment_size=11, reach=reach)
    return Scenario(**{**s.__dict__, "name": "small-green-exit"})


@pytest.mark.usefixtures("clean_registry")
def test_a_users_scenario_is_evolved_and_recorded_like_a_built_in_one() -> None:
    register_scenario("small-green-exit", _small_green_exit)
    settings = RunSettings(
        scenario="small-green-exit",
        seed=1,
        generations=2,
        training_environments=4,
        config=GeneticConfig(population=8, initial_depth=16, max_depth=40),
    )
    record = evolve(settings)
    assert record.settings.scenario == "small-green-exit"
    assert record.scenario_settings == {"size": 9, "reach": 40}
    assert len(record.history) == 2


@pytest.mark.usefixtures("clean_registry")
@pytest.mark.parametrize(
    ("name", "message"),
    [("green-exit", "already registered"), ("two words", "letters, digits and dashes")],
)
def test_register_rejects_taken_and_malformed_names(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        register_scenario(name, _small_green_exit)


def green_exit_of_size(size: int) -> Scenario:
    return green_exit(size)


@pytest.mark.usefixtures("clean_registry")
def test_register_rejects_a_factory_that_needs_arguments_or_builds_another_name() -> None:
    with pytest.raises(ValueError, match=r"needs \['size'\]"):
        register_scenario("sized", green_exit_of_size)  # type: ignore[arg-type]
    register_scenario("misnamed", green_exit)
    with pytest.raises(ValueError, match="built scenario 'green-exit'"):
        get_scenario("misnamed")
