"""Generations of an ask/tell optimizer: the tokens handed out, and what one generation scored.

Kept apart from :mod:`mesa_types.optimizers.base` so that the driver, which
the base optimizers' ``run`` uses, can depend on these without a cycle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

__all__ = ["Candidate", "GenerationStats", "fitness_in_ask_order"]

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class Candidate(Generic[M]):
    """A model handed out by ``ask``, tagged so ``tell`` can tell it was asked for."""

    generation: int
    index: int
    model: M


class GenerationStats(BaseModel):
    """Fitness of one generation: best, mean and spread.

    Raises:
        pydantic.ValidationError: A value is NaN or infinite (a fitness must be finite).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    generation: int
    best: float
    mean: float
    std: float

    @classmethod
    def of(
        cls, generation: int, fitnesses: Sequence[float] | NDArray[np.float64]
    ) -> GenerationStats:
        """Summarise one generation's fitnesses (a sequence or an array: the same numbers).

        Raises:
            ValueError: There are none, or one is NaN or infinite.
        """
        values = np.asarray(fitnesses, dtype=np.float64)
        if values.size == 0:
            raise ValueError(f"generation {generation} has no fitness values")
        if not np.isfinite(values).all():
            first = int(np.flatnonzero(~np.isfinite(values))[0])
            raise ValueError(
                f"generation {generation}: fitness {first} is {values[first]}; it must be finite"
            )
        return cls(
            generation=generation,
            best=float(values.max()),
            mean=float(values.mean()),
            std=float(values.std()),
        )

    @classmethod
    def of_many(cls, first: int, fitnesses: NDArray[np.float64]) -> tuple[GenerationStats, ...]:
        """Summarise consecutive generations at once: row ``i`` of ``fitnesses`` is ``first + i``.

        The same statistics as :meth:`of` on each row, to the bit (numpy reduces
        each row of a 2-D array as it reduces the row alone), at the cost of a
        few array operations for all of them.

        Raises:
            ValueError: ``fitnesses`` is not 2-D with at least one column, or a
                value is NaN or infinite.
        """
        values = np.ascontiguousarray(fitnesses, dtype=np.float64)
        if values.ndim != 2 or values.shape[1] == 0:
            raise ValueError(f"expected (generations, genomes) fitness, got shape {values.shape}")
        if not np.isfinite(values).all():
            row, column = (int(i[0]) for i in np.nonzero(~np.isfinite(values)))
            raise ValueError(
                f"generation {first + row}: fitness {column} is {values[row, column]}; "
                "it must be finite"
            )
        columns = values.max(axis=1), values.mean(axis=1), values.std(axis=1)
        return tuple(
            cls(generation=first + i, best=best, mean=mean, std=std)
            for i, (best, mean, std) in enumerate(zip(*(c.tolist() for c in columns), strict=True))
        )


def fitness_in_ask_order(
    asked: Sequence[Candidate[M]], evaluated: Sequence[tuple[Candidate[M], float]]
) -> list[float]:
    """Match the tokens given to ``tell`` with those the last ``ask`` handed out.

    What every ``tell`` must check before it trusts its input, written once.

    Args:
        asked: The candidates of the last ``ask``, in the order handed out.
        evaluated: Each candidate with its fitness, in any order.

    Returns:
        The fitness of each asked candidate, in ask order.

    Raises:
        ValueError: Nothing was asked; a token is from another generation, was
            not handed out, or comes twice; one is missing; or a fitness is NaN
            or infinite.
    """
    if not asked:
        raise ValueError("tell() needs the tokens of an ask(): call ask() first")
    generation = asked[0].generation
    fitness: list[float | None] = [None] * len(asked)
    for candidate, value in evaluated:
        if candidate.generation != generation:
            raise ValueError(
                f"token {candidate.index} is from generation {candidate.generation}, "
                f"but generation {generation} is out"
            )
        if not 0 <= candidate.index < len(asked) or asked[candidate.index] != candidate:
            raise ValueError(f"token {candidate.index} was not handed out by this optimizer")
        if fitness[candidate.index] is not None:
            raise ValueError(f"token {candidate.index} is told twice")
        if not math.isfinite(value):
            raise ValueError(f"token {candidate.index} has fitness {value}; it must be finite")
        fitness[candidate.index] = float(value)
    missing = [i for i, f in enumerate(fitness) if f is None]
    if missing:
        raise ValueError(f"{len(missing)} tokens were not told, first {missing[0]}")
    return [f for f in fitness if f is not None]
