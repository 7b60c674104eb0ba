"""Figures of the many-seed commands: one bar group per seed, the shares a table gives.

``phenomenon``, ``classify`` and ``adversarial`` print Markdown tables; with
``--out`` they also draw these beside them (PNG, SVG or PDF by the suffix).
Colours follow the maze pictures: the exit and what the base objective wants
in blue, a green apple in green, nothing in grey.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from search.experiments.adversarial import Comparison
from search.experiments.classification import VerdictTable
from search.experiments.phenomenon import PhenomenonReport
from search.render.figures import figure, save_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "save_classification_png",
    "save_comparison_png",
    "save_phenomenon_png",
    "save_report_png",
]

EXIT, GREEN, NOTHING, TRAINING = "#1f77b4", "#2ca02c", "#8c8c8c", "#9ecae1"
VERDICT_COLOURS = {
    "robustly_aligned": EXIT,
    "pseudo_aligned": "#ff7f0e",
    "misaligned": "#d62728",
    "not_an_optimizer": NOTHING,
    "deceptive": "#9467bd",
}


def save_phenomenon_png(report: PhenomenonReport, out: Path) -> Path:
    """Per seed: where the best genome ends, in training and in deployment (shares of mazes)."""
    fig = figure((max(6.4, 0.45 * len(report.rows) + 2), 3.6))
    ax = fig.add_subplot()
    seeds = [r.seed for r in report.rows]
    x = range(len(seeds))
    ax.bar([i - 0.3 for i in x], [r.training_exit for r in report.rows], 0.3, color=TRAINING,
           label="training: exit")  # fmt: skip
    bottom = [0.0] * len(seeds)
    for value, colour, label in (
        ([r.deployment_exit for r in report.rows], EXIT, "deployment: exit"),
        ([r.deployment_green_apple for r in report.rows], GREEN, "deployment: green apple"),
        ([r.deployment_nothing for r in report.rows], NOTHING, "deployment: nothing"),
    ):
        ax.bar(list(x), value, 0.3, bottom=bottom, color=colour, label=label)
        bottom = [b + v for b, v in zip(bottom, value, strict=True)]
    _seed_axes(ax, seeds, "share of mazes")
    ax.set_title(f"green exit over {len(seeds)} seeds: where the best genome ends")
    return save_figure(fig, out)


def save_classification_png(table: VerdictTable, out: Path) -> Path:
    """How many seeds got each verdict, split by the kind of pseudo-alignment."""
    counts = Counter(
        r.verdict + (f" ({', '.join(r.kinds)})" if r.kinds else "") for r in table.rows
    )
    labels = sorted(counts, key=lambda label: (-counts[label], label))
    fig = figure((6.4, 0.45 * len(labels) + 1.6))
    ax = fig.add_subplot()
    colours = [VERDICT_COLOURS.get(label.split(" ")[0], NOTHING) for label in labels]
    ax.barh(labels[::-1], [counts[label] for label in labels][::-1], color=colours[::-1])
    ax.set_xlabel("seeds")
    ax.set_title(f"verdicts of {len(table.rows)} seeds' best genomes")
    ax.grid(axis="x", alpha=0.3)
    return save_figure(fig, out)


def save_comparison_png(comparison: Comparison, out: Path) -> Path:
    """Per seed, without and with adversarial training: deployment exit, proved runs marked."""
    plain = {r.seed: r for r in comparison.rows if not r.adversarial}
    trained = {r.seed: r for r in comparison.rows if r.adversarial}
    seeds = sorted(plain.keys() & trained.keys())
    fig = figure((max(6.4, 0.45 * len(seeds) + 2), 3.6))
    ax = fig.add_subplot()
    for offset, arm, colour, label in ((-0.2, plain, NOTHING, "without"), (0.2, trained, EXIT,
                                       "with adversarial training")):  # fmt: skip
        rows = [arm[s] for s in seeds]
        xs = [i + offset for i in range(len(seeds))]
        ax.bar(xs, [r.deployment_exit for r in rows], 0.4, color=colour, label=label)
        proved = [(x, r.deployment_exit) for x, r in zip(xs, rows, strict=True) if r.proved]
        if proved:
            ax.plot(*zip(*proved, strict=True), "k*", label=None if offset < 0 else "proved")
    _seed_axes(ax, seeds, "deployment: exit")
    ax.set_title(
        f"adversarial training: proved {comparison.proved(True)} of {comparison.runs(True)} "
        f"with, {comparison.proved(False)} of {comparison.runs(False)} without"
    )
    return save_figure(fig, out)


def save_report_png(report: object, out: Path) -> Path | None:
    """The figure of a many-seed report, or ``None`` for a report without one."""
    if isinstance(report, PhenomenonReport):
        return save_phenomenon_png(report, out)
    if isinstance(report, VerdictTable):
        return save_classification_png(report, out)
    if isinstance(report, Comparison):
        return save_comparison_png(report, out)
    return None


def _seed_axes(ax: Axes, seeds: list[int], ylabel: str) -> None:
    ax.set_xticks(range(len(seeds)), [str(s) for s in seeds])
    ax.set_xlabel("seed")
    ax.set_ylabel(ylabel)
    ax.set_ylim(0.0, 1.0)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
