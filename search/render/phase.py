"""The phase diagram of when mesa-optimizers arise: one heat map per quantity, cells as numbers.

Plain data in (row and column labels, one matrix of fractions per panel), so
that this layer needs nothing from the experiment that computed them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from search.render.figures import figure, save_figure

__all__ = ["save_phase_png"]


def save_phase_png(
    rows: Sequence[str],
    columns: Sequence[str],
    panels: Mapping[str, Sequence[Sequence[float]]],
    out: str | Path,
    title: str = "",
) -> Path:
    """Draw one heat map per entry of ``panels`` (fractions in [0, 1]) side by side as a PNG.

    Args:
        rows: Labels of the rows (diversity levels), top to bottom.
        columns: Labels of the columns (thinking costs), left to right.
        panels: Panel title to a ``len(rows)`` x ``len(columns)`` matrix of fractions.
        out: Where to write the PNG.
        title: A title above the panels.

    Raises:
        ValueError: A matrix does not have the shape of ``rows`` x ``columns``.
    """
    for name, matrix in panels.items():
        if len(matrix) != len(rows) or any(len(r) != len(columns) for r in matrix):
            raise ValueError(f"panels[{name!r}] must be {len(rows)} x {len(columns)}")
    fig = figure((3.2 * len(panels) + 1.0, 0.45 * len(rows) + 1.8))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for i, (ax, (name, matrix)) in enumerate(zip(axes, panels.items(), strict=True)):
        ax.imshow(matrix, vmin=0.0, vmax=1.0, cmap="viridis", aspect="auto")
        for r, values in enumerate(matrix):
            for c, value in enumerate(values):
                colour = "black" if value > 0.6 else "white"
                ax.text(c, r, f"{value:.2f}", ha="center", va="center", fontsize=7, color=colour)
        ax.set_title(name, fontsize=9)
        ax.set_xticks(range(len(columns)), list(columns), fontsize=7, rotation=45)
        ax.set_yticks(range(len(rows)), list(rows) if i == 0 else [""] * len(rows), fontsize=7)
        ax.set_xlabel("thinking cost per unit of depth", fontsize=7)
    if title:
        fig.suptitle(title, fontsize=10)
    return save_figure(fig, Path(out))
