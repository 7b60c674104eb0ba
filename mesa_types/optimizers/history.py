"""A run's generation statistics, summarised in batches rather than one generation at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mesa_types.optimizers.generations import GenerationStats

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

    def add(self, fitness: Sequence[float] | NDArray[np.float64]) -> None:
        """One more generation's fitness, in order.

        Raises:
            ValueError: As :meth:`GenerationStats.of` does, at once: there are
                none, or one is NaN or infinite.
        """
        values = np.asarray(fitness, dtype=np.float64)
        if not values.size or not np.isfinite(values).all():
            GenerationStats.of(len(self.done) + len(self.waiting), values)  # raises
        if self.waiting and values.shape != self.waiting[0].shape:
            self.summarised()  # another population size: rows of one batch must match
        self.waiting.append(values)
        if len(self.waiting) >= _BATCH:
            self.summarised()

    def summarised(self) -> list[GenerationStats]:
        """Every generation's statistics so far."""
        if self.waiting:
            self.done += GenerationStats.of_many(len(self.done), np.stack(self.waiting))
            self.waiting.clear()
        return self.done
