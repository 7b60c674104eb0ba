"""What a valid run looks like: the bounds and the consistency checks run files must pass.

A run record or checkpoint is validated as a whole when it is built or loaded,
so that a hand-edited or damaged file is refused even when its digest was
recomputed: every number finite, every count within its bound
(:data:`MAX_POPULATION` and the others), generations numbered from 0, the best
genome one the run could have found, fitness within what the scenario's base
objective can give, and the generator's state one that numpy would produce.
Each check raises ``ValueError`` naming the field, which pydantic reports as a
validation error of the model that called it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

import numpy as np
from pydantic import JsonValue

from mesa_types import STEPS, GenerationStats, GeneticConfig, GeneticState, Genome, linear_weights
from search.scenarios.registry import SCENARIOS, get_scenario
from search.world.grid import MAX_EPISODE_STEPS

__all__ = [
    "MAX_DEPTH",
    "MAX_GENERATIONS",
    "MAX_POPULATION",
    "MAX_SEED",
    "MAX_TRAINING_ENVIRONMENTS",
    "check_added",
    "check_config",
    "check_fitness",
    "check_generator_state",
    "check_genome",
    "check_history",
    "check_instant",
    "check_seconds",
    "check_state",
    "fitness_range",
    "vocabulary_of",
]

MAX_POPULATION = 10_000
"""The largest population a run may have (a generation of 10,000 genomes takes about 0.2 s)."""

MAX_GENERATIONS = 100_000
"""The most generations a run may have."""

MAX_TRAINING_ENVIRONMENTS = 1_000
"""The most training mazes fitness may average over (memory grows with population times mazes)."""

MAX_DEPTH = 10_000
"""The deepest search any genome may have, whatever the scenario allows."""

MAX_SEED = 2**64 - 1
"""The largest seed a run may have."""

_SLACK = 1e-9
"""Rounding allowed when a fitness (a mean) is compared with the base objective's range."""


def check_config(config: GeneticConfig, scenario: str) -> None:
    """The genetic settings are within the library's bounds and the scenario's depth."""
    if config.population > MAX_POPULATION:
        raise ValueError(
            f"config.population must be in [2, {MAX_POPULATION}], got {config.population}"
        )
    deepest = get_scenario(scenario).max_depth if scenario in SCENARIOS else MAX_DEPTH
    if config.max_depth > deepest:
        raise ValueError(
            f"config.max_depth must be at most {deepest} (scenario {scenario!r}), "
            f"got {config.max_depth}"
        )


def vocabulary_of(scenario: str) -> tuple[str, ...] | None:
    """The registered scenario's feature vocabulary, or None if it is not registered here."""
    return get_scenario(scenario).vocabulary if scenario in SCENARIOS else None


def fitness_range(scenario: str) -> tuple[float, float]:
    """The fitness a genome can have in ``scenario``: between its base objective's extremes.

    Fitness is the base objective's mean over mazes, each scoring the features
    of one outcome (0 or 1 each; a step count for ``steps``), so it lies
    between the sum of the negative weights and the sum of the positive ones.
    For a scenario not registered here, or a base objective that is not
    linear, any finite number.
    """
    weights = linear_weights(get_scenario(scenario).base) if scenario in SCENARIOS else None
    if weights is None:
        return -math.inf, math.inf
    # ``steps`` (a return's step count) runs up to the longest episode a world allows.
    most = [MAX_EPISODE_STEPS if f == STEPS else 1.0 for f in weights.features]
    low = math.fsum(w * m for w, m in zip(weights.weights, most, strict=True) if w < 0)
    high = math.fsum(w * m for w, m in zip(weights.weights, most, strict=True) if w > 0)
    return low, high


def check_fitness(field: str, value: float, bounds: tuple[float, float]) -> None:
    """``value`` is a finite fitness within ``bounds`` (up to rounding)."""
    low, high = bounds
    if not (math.isfinite(value) and low - _SLACK <= value <= high + _SLACK):
        shown = f"[{low:g}, {high:g}]" if math.isfinite(low) else "a finite number"
        raise ValueError(f"{field} must be a fitness in {shown}, got {value}")


def check_genome(
    field: str, genome: Genome, config: GeneticConfig, vocabulary: Sequence[str] | None
) -> None:
    """``genome`` could have been bred under ``config``: its depth in range, its features right."""
    if not config.min_depth <= genome.depth <= config.max_depth:
        raise ValueError(
            f"{field}.depth must be in [{config.min_depth}, {config.max_depth}] "
            f"(config.min_depth, config.max_depth), got {genome.depth}"
        )
    if vocabulary is not None and genome.objective.features != tuple(vocabulary):
        raise ValueError(f"{field}.objective.features must be the scenario's {list(vocabulary)}")


def check_history(
    history: Sequence[GenerationStats], generations: int, bounds: tuple[float, float]
) -> None:
    """``generations`` entries numbered 0, 1, ..., with finite fitness in ``bounds``."""
    if len(history) != generations:
        raise ValueError(f"history must hold {generations} generations, got {len(history)}")
    for i, stats in enumerate(history):
        if stats.generation != i:
            raise ValueError(f"history.{i}.generation must be {i}, got {stats.generation}")
        check_fitness(f"history.{i}.best", stats.best, bounds)
        check_fitness(f"history.{i}.mean", stats.mean, bounds)
        if not (math.isfinite(stats.std) and stats.std >= 0):
            raise ValueError(f"history.{i}.std must be a finite number >= 0, got {stats.std}")


def check_state(
    state: GeneticState,
    config: GeneticConfig,
    scenario: str,
    history: Sequence[GenerationStats],
) -> None:
    """A genetic state after ``len(history)`` generations of a run of ``config`` on ``scenario``."""
    n, done, bounds = config.population, len(history), fitness_range(scenario)
    vocabulary = vocabulary_of(scenario)
    first = state.weights[0] if state.weights else ()
    width = len(vocabulary) if vocabulary is not None else len(first)
    if state.generation != done:
        raise ValueError(f"state.generation must be {done}, one per history entry")
    shapes = {len(row) for row in state.weights}
    if len(state.depths) != n or len(state.weights) != n or shapes != {width} or width == 0:
        raise ValueError(f"state must hold {n} genomes (config.population) of {width} weights")
    for i, (row, depth) in enumerate(zip(state.weights, state.depths, strict=True)):
        if not all(math.isfinite(w) for w in row):
            raise ValueError(f"state.weights.{i} must be finite numbers")
        if not config.min_depth <= depth <= config.max_depth:
            raise ValueError(
                f"state.depths.{i} must be in [{config.min_depth}, {config.max_depth}], got {depth}"
            )
    check_generator_state(state.rng)
    incumbent = state.incumbent
    if incumbent is None or not (0 <= incumbent.generation < done and 0 <= incumbent.index < n):
        raise ValueError(
            f"state.incumbent must be a genome of generation [0, {done - 1}], index [0, {n - 1}]"
        )
    check_genome("state.incumbent.genome", incumbent.genome, config, vocabulary)
    if incumbent.fitness != history[incumbent.generation].best:
        raise ValueError("state.incumbent.fitness must be the best fitness of its generation")
    if not len(state.evaluated) == len(state.evaluated_fitness) == n:
        raise ValueError(f"state.evaluated and state.evaluated_fitness must hold {n} entries")
    for i, (genome, value) in enumerate(zip(state.evaluated, state.evaluated_fitness, strict=True)):
        check_genome(f"state.evaluated.{i}", genome, config, vocabulary)
        check_fitness(f"state.evaluated_fitness.{i}", value, bounds)
    if max(state.evaluated_fitness) != history[-1].best:
        raise ValueError("state.evaluated_fitness must have the last generation's best fitness")


def check_added(added: int, after: Sequence[int], adversary: bool, last: int) -> None:
    """``added`` mazes, each added by an adversary after a generation in ``[1, last]``, in order."""
    if len(after) != added:
        raise ValueError("added_after must hold one generation per added maze")
    if added and not adversary:
        raise ValueError("added must be empty for a run without an adversary")
    if any(not 1 <= a <= last for a in after) or list(after) != sorted(after):
        raise ValueError(f"added_after must be non-decreasing generations in [1, {last}]")


def check_instant(field: str, text: str) -> None:
    """``text`` is an ISO 8601 date and time."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field} must be an ISO 8601 date and time, got {text[:40]!r}") from None


def check_seconds(field: str, value: float) -> None:
    """``value`` is a finite number of seconds >= 0."""
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{field} must be a finite number of seconds >= 0, got {value}")


_PCG64_FIELDS = {"bit_generator", "state", "has_uint32", "uinteger"}


def check_generator_state(state: dict[str, JsonValue]) -> None:
    """``state`` is a PCG64 state as numpy writes it, and numpy reads it back unchanged.

    Raises:
        ValueError: Anything else (another generator, a field missing or extra, a
            number out of range or not an integer).
    """
    inner = state.get("state")
    if state.get("bit_generator") != "PCG64" or set(state) != _PCG64_FIELDS:
        raise ValueError(f"state.rng must be a PCG64 state with the fields {sorted(_PCG64_FIELDS)}")
    if not isinstance(inner, dict) or set(inner) != {"state", "inc"}:
        raise ValueError("state.rng.state must hold the fields state and inc")
    numbers = {
        "state.rng.state.state": (inner["state"], 2**128),
        "state.rng.state.inc": (inner["inc"], 2**128),
        "state.rng.has_uint32": (state["has_uint32"], 2),
        "state.rng.uinteger": (state["uinteger"], 2**32),
    }
    for field, (value, bound) in numbers.items():
        if type(value) is not int or not 0 <= value < bound:
            raise ValueError(f"{field} must be an integer in [0, {bound - 1}], got {value!r}")
    if isinstance(inner["inc"], int) and inner["inc"] % 2 == 0:
        raise ValueError("state.rng.state.inc must be odd, as every PCG64 increment is")
    generator: np.random.BitGenerator = np.random.PCG64()
    try:
        generator.state = dict(state)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"state.rng is not a state numpy's PCG64 accepts: {error}") from None
    if generator.state != state:
        raise ValueError("state.rng is not a state numpy's PCG64 reads back unchanged")
