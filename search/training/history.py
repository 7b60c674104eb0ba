"""A run's generation statistics, summarised in batches rather than one generation at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mesa_types import GenerationStats

__all__ = ["History"]

_BATCH = 256
"""Generations whose statistics wait to be summarised together, at most."""


@dataclass
class History:
    """A run's generation statistics, summarised in batches rather than one by one.

    Summarising many generations at once (:meth:`GenerationStats.of_many`) costs
    little more than one; statistics are summarised whenever someone needs
    them (progress, a checkpoint, the end) or a batch is full.
    """

    done: list[GenerationStats]
    waiting: list[NDArray[np.float64]] = field(default_factory=list)

    def add(self, fitness: NDArray[np.float64]) -> None:
        """One more generation's fitness, in order."""
        self.waiting.append(fitness)
        if len(self.waiting) >= _BATCH:
            self.summarised()

    def summarised(self) -> list[GenerationStats]:
        """Every generation's statistics so far."""
        if self.waiting:
            self.done += GenerationStats.of_many(len(self.done), np.stack(self.waiting))
            self.waiting.clear()
        return self.done
