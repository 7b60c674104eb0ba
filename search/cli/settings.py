"""The run settings of ``demo`` and ``evolve`` on the command line, and a saved run's summary.

Each setting has a flag bounded as the run records are (population at most
10,000, and so on), so a value out of range is refused by the argument parser
with a message naming the flag. The genetic settings the command line does
not expose (tournament, elite, depths) are adjusted to the ones it does, so a
message never names a setting the user cannot set.
"""

from __future__ import annotations

import argparse

from mesa_types import GeneticConfig
from search.cli.tools import CommandError, between
from search.experiments.demo import DEMO_SETTINGS
from search.scenarios.registry import SCENARIOS, get_scenario
from search.training.runs import RunSettings
from search.training.validity import (
    MAX_GENERATIONS,
    MAX_POPULATION,
    MAX_SEED,
    MAX_TRAINING_ENVIRONMENTS,
)

__all__ = ["add_run_arguments", "check_agrees", "run_settings"]

_D = DEMO_SETTINGS
_NAMES = ("scenario", "seed", "generations", "population", "training_mazes")


def add_run_arguments(parser: argparse.ArgumentParser, *, scenario: bool) -> None:
    """The run's settings as flags: seed, generations, population, training mazes (scenario)."""
    # Defaults are None so that --resume can tell which settings were given.
    if scenario:
        parser.add_argument(
            "--scenario", choices=sorted(SCENARIOS), help=f"scenario (default {_D.scenario})"
        )
    parser.add_argument(
        "--seed", type=between(0, MAX_SEED), help=f"the run's seed (default {_D.seed})"
    )
    parser.add_argument(
        "--generations",
        type=between(1, MAX_GENERATIONS),
        help=f"generations (default {_D.generations})",
    )
    parser.add_argument(
        "--population",
        type=between(2, MAX_POPULATION),
        help=f"genomes per generation (default {_D.config.population})",
    )
    parser.add_argument(
        "--training-mazes",
        type=between(1, MAX_TRAINING_ENVIRONMENTS),
        help=f"training mazes fitness averages over (default {_D.training_environments})",
    )


def _given(args: argparse.Namespace) -> dict[str, str | int]:
    """The run settings given on the command line (the others are None)."""
    return {n: v for n in _NAMES if (v := getattr(args, n, None)) is not None}


def run_settings(args: argparse.Namespace, defaults: RunSettings) -> RunSettings:
    """The settings the command line asks for: ``defaults`` but for the flags given."""
    given = _given(args)

    def number(name: str, default: int) -> int:
        return int(given.get(name, default))

    config = defaults.config.model_dump()
    population = config["population"] = number("population", defaults.config.population)
    # Only the population is on the command line: keep the other settings valid for it.
    config["tournament"] = min(defaults.config.tournament, population)
    config["elite"] = min(defaults.config.elite, population - 1)
    scenario = str(given.get("scenario", defaults.scenario))
    # Search no deeper than the scenario allows (gems, say, allows 30 moves).
    deepest = get_scenario(scenario).max_depth
    config["max_depth"] = min(defaults.config.max_depth, deepest)
    config["initial_depth"] = min(defaults.config.initial_depth, config["max_depth"])
    config["min_depth"] = min(defaults.config.min_depth, config["initial_depth"])
    return RunSettings(
        scenario=scenario,
        seed=number("seed", defaults.seed),
        generations=number("generations", defaults.generations),
        training_environments=number("training_mazes", defaults.training_environments),
        config=GeneticConfig.model_validate(config),
    )


def check_agrees(args: argparse.Namespace, settings: RunSettings) -> None:
    """Every setting given on the command line is the checkpoint's.

    Raises:
        CommandError: One is not; the message names its flag.
    """
    saved: dict[str, str | int] = {
        "scenario": settings.scenario,
        "seed": settings.seed,
        "generations": settings.generations,
        "population": settings.config.population,
        "training_mazes": settings.training_environments,
    }
    for name, value in _given(args).items():
        if value != saved[name]:
            flag = name.replace("_", "-")
            raise CommandError(f"--{flag} {value} does not match the checkpoint's {saved[name]}")
