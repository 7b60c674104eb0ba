"""The fitness curve of a training run: best and mean per generation, and their spread."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from mesa_types import GenerationStats
from search.render.figures import figure, save_figure

__all__ = ["fitness_band", "save_fitness_png"]


def save_fitness_png(
    history: Sequence[GenerationStats],
    out: Path,
    title: str = "",
    bounds: tuple[float, float] | None = None,
) -> Path:
    """Plot the best and mean fitness per generation, with a band of one standard deviation.

    The band is clipped to what fitness can take: never above the generation's
    best, and inside ``bounds`` (the lowest and highest fitness possible) when
    they are given. The picture's format follows the suffix of ``out``.

    Raises:
        ValueError: ``history`` is empty, or ``bounds`` is not a (low, high) pair.
    """
    from matplotlib.ticker import MaxNLocator

    if not history:
        raise ValueError("history must hold at least one generation")
    low, high = fitness_band(history, bounds)
    fig = figure((6.4, 3.8))
    ax = fig.add_subplot()
    gens = [h.generation for h in history]
    ax.fill_between(gens, low, high, color="#1f77b4", alpha=0.2, linewidth=0, label="mean ± std")
    ax.plot(gens, [h.mean for h in history], color="#1f77b4", linewidth=1.8, label="mean")
    ax.plot(gens, [h.best for h in history], color="#d62728", linewidth=1.8, label="best")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("generation")
    ax.set_ylabel("fitness (base objective)")
    ax.set_title(title or "fitness per generation")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    return save_figure(fig, out)


def fitness_band(
    history: Sequence[GenerationStats], bounds: tuple[float, float] | None = None
) -> tuple[list[float], list[float]]:
    """The lower and upper edges of the mean ± std band, clipped to what fitness can take.

    No edge rises above its generation's best fitness; with ``bounds`` (the
    lowest and highest fitness possible) both edges stay inside them too.

    Raises:
        ValueError: ``bounds`` is not a pair (low, high) with low <= high.

    Example:
        >>> stats = GenerationStats(generation=0, best=1.0, mean=0.5, std=0.8)
        >>> fitness_band([stats], bounds=(0.0, 1.0))
        ([0.0], [1.0])
    """
    floor, ceiling = bounds if bounds is not None else (-math.inf, math.inf)
    if not floor <= ceiling:
        raise ValueError(f"bounds must be (low, high) with low <= high, got {bounds!r}")
    low = [min(max(h.mean - h.std, floor), h.best) for h in history]
    high = [max(min(h.mean + h.std, ceiling, h.best), floor) for h in history]
    return low, high
