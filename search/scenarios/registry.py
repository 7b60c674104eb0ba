"""One registry of scenarios by name, shared by ``evolve``, ``check``, the CLI and users.

The six built-in scenarios are registered from the start; a user registers a
scenario of their own with :func:`register_scenario` and can then evolve it,
check its runs and name it on the command line like a built-in one. A run
record stores the scenario's name and the factory's keyword settings
(:func:`scenario_settings`), so a factory must take no required arguments.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType

from pydantic import JsonValue

from search.scenarios.cleaning import cleaning_robot
from search.scenarios.distributional_shift import distributional_shift
from search.scenarios.paper import Scenario, green_exit, red_door
from search.scenarios.pseudo_alignment import far_apples, gems

__all__ = ["SCENARIOS", "get_scenario", "register_scenario", "scenario_settings"]

ScenarioFactory = Callable[[], Scenario]

_BUILT_IN: dict[str, ScenarioFactory] = {
    "green-exit": green_exit,
    "red-door": red_door,
    "gems": gems,
    "far-apples": far_apples,
    "cleaning-robot": cleaning_robot,
    "distributional-shift": distributional_shift,
}
_registered: dict[str, ScenarioFactory] = dict(_BUILT_IN)

SCENARIOS: Mapping[str, ScenarioFactory] = MappingProxyType(_registered)
"""Every registered scenario by name, each a factory with default settings (read-only)."""


def register_scenario(name: str, factory: ScenarioFactory, *, replace: bool = False) -> None:
    """Register ``factory`` under ``name``, so runs, checks and the CLI can use it.

    Args:
        name: The name runs record and ``--scenario`` takes; letters, digits and
            dashes. The scenario the factory builds must carry the same name.
        factory: Builds the scenario; it must take no required arguments.
        replace: Allow replacing a scenario the user registered earlier.

    Raises:
        ValueError: The name is malformed or taken (built-in names are never
            replaced), or the factory needs arguments.
    """
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise ValueError(f"scenario name must be letters, digits and dashes, got {name!r}")
    if name in _BUILT_IN or (name in _registered and not replace):
        raise ValueError(f"scenario {name!r} is already registered; choose another name")
    required = [
        p.name
        for p in inspect.signature(factory).parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if required:
        raise ValueError(
            f"a scenario factory takes no required arguments; {name!r} needs {required}"
        )
    _registered[name] = factory


@cache
def _built_in(name: str) -> Scenario:
    """A built-in scenario, built once per process (pure factories, immutable scenarios).

    So every caller gets the same distributions, and per-process caches keyed
    by them (:func:`search.training.adversarial.universe_draws`) are shared.
    """
    return _BUILT_IN[name]()


def get_scenario(name: str) -> Scenario:
    """The registered scenario called ``name``, built with its default settings.

    Raises:
        KeyError: No such scenario; the message lists the names there are.
        ValueError: The factory built a scenario with another name.
    """
    if name in _BUILT_IN:
        return _built_in(name)
    try:
        factory = _registered[name]
    except KeyError:
        raise KeyError(f"unknown scenario {name!r}; choose one of {sorted(_registered)}") from None
    scenario = factory()
    if scenario.name != name:
        raise ValueError(f"the factory registered as {name!r} built scenario {scenario.name!r}")
    return scenario


def scenario_settings(name: str) -> dict[str, JsonValue]:
    """The keyword settings (defaults) the named scenario's factory builds it with.

    Raises:
        KeyError: No such scenario.
    """
    factory = SCENARIOS[name]
    return {
        p.name: p.default
        for p in inspect.signature(factory).parameters.values()
        if p.default is not inspect.Parameter.empty
    }
