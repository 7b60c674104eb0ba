"""Settings and saved state of the genetic base optimizer, as validated JSON-ready data."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, JsonValue, model_validator

from mesa_types.optimizers.genome import Genome

__all__ = ["GeneticConfig", "GeneticState", "Incumbent"]


def _within(low: float, high: float, *, open_low: bool = False) -> Callable[[float], float]:
    """A validator: the value is a finite number in ``[low, high]`` (``(low, high]`` if open)."""
    # An infinite bound is never reached: finite values only.
    closing = ")" if math.isinf(high) else "]"
    shown = f"{'(' if open_low else '['}{low:g}, {high:g}{closing}"

    def check(value: float) -> float:
        ok = math.isfinite(value) and (value > low if open_low else value >= low) and value <= high
        if not ok:
            raise ValueError(f"must be a finite number in {shown}, got {value}")
        return value

    return check


def _at_least(low: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value < low:
            raise ValueError(f"must be an integer >= {low}, got {value}")
        return value

    return check


_Rate = Annotated[float, AfterValidator(_within(0.0, 1.0))]
_Positive = Annotated[float, AfterValidator(_within(0.0, math.inf, open_low=True))]


class GeneticConfig(BaseModel):
    """How the genetic algorithm breeds: population size, operators and their rates.

    Attributes:
        population: Genomes per generation, at least 2.
        tournament: Contestants per tournament, 1 to ``population``; 1 means no
            selection pressure at all.
        elite: The best genomes copied unchanged into the next generation, 0 to
            ``population - 1``.
        crossover_rate: Probability, in [0, 1], that a child mixes two parents
            (each weight from either, the depth from one); otherwise it copies one.
        mutation_rate: Probability, in [0, 1], that each weight, and the depth,
            of a child is mutated.
        weight_sigma: Standard deviation of the Gaussian added to a mutated weight, > 0.
        depth_step: A mutated depth moves by an integer in ``[-depth_step, depth_step]``.
        min_depth: The smallest depth a genome may have (>= 0).
        initial_depth: First-generation depths are drawn from ``min_depth`` to this,
            so search depth has to be evolved.
        max_depth: The largest depth a genome may have; mutations are clipped to it.
        initial_weight_scale: First-generation weights are uniform in
            ``[-scale, scale]``, > 0.

    Raises:
        pydantic.ValidationError: A value is out of its range, NaN or infinite;
            the message names the field and the range.

    Example:
        >>> GeneticConfig(population=16).elite
        2
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    population: Annotated[int, AfterValidator(_at_least(2))] = 64
    tournament: Annotated[int, AfterValidator(_at_least(1))] = 3
    elite: Annotated[int, AfterValidator(_at_least(0))] = 2
    crossover_rate: _Rate = 0.5
    mutation_rate: _Rate = 0.2
    weight_sigma: _Positive = 0.25
    depth_step: Annotated[int, AfterValidator(_at_least(0))] = 4
    min_depth: Annotated[int, AfterValidator(_at_least(0))] = 1
    initial_depth: Annotated[int, AfterValidator(_at_least(0))] = 32
    max_depth: Annotated[int, AfterValidator(_at_least(0))] = 64
    initial_weight_scale: _Positive = 1.0

    @model_validator(mode="after")
    def _fits_population_and_depths(self) -> GeneticConfig:
        if self.tournament > self.population:
            raise ValueError(
                f"tournament must be in [1, population={self.population}], got {self.tournament}"
            )
        if self.elite > self.population - 1:
            raise ValueError(
                f"elite must be in [0, population - 1 = {self.population - 1}], got {self.elite}"
            )
        if not self.min_depth <= self.initial_depth <= self.max_depth:
            raise ValueError(
                "depths must satisfy min_depth <= initial_depth <= max_depth, got "
                f"{self.min_depth}, {self.initial_depth}, {self.max_depth}"
            )
        return self


class Incumbent(BaseModel):
    """The best genome found so far, its fitness and where it was found.

    Raises:
        pydantic.ValidationError: The fitness is NaN or infinite.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    genome: Genome
    fitness: float
    generation: int
    index: int


class GeneticState(BaseModel):
    """The whole state of a genetic run between two generations, JSON-ready.

    Attributes:
        generation: The generation about to be asked for.
        weights: Its genomes' weights, one row per genome, in vocabulary order.
        depths: Its genomes' depths.
        rng: The generator's ``bit_generator.state``.
        incumbent: The best genome so far, if any generation was told.
        evaluated: The last generation told, and ``evaluated_fitness`` its fitness.

    Raises:
        pydantic.ValidationError: A weight or fitness is NaN or infinite.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    generation: int
    weights: tuple[tuple[float, ...], ...]
    depths: tuple[int, ...]
    rng: dict[str, JsonValue]
    incumbent: Incumbent | None
    evaluated: tuple[Genome, ...]
    evaluated_fitness: tuple[float, ...]
