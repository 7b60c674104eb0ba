"""Drawing the four objectives of a judged agent and the three gaps between them."""

from __future__ import annotations

from pathlib import Path

from mesa_types import ObjectiveEntry, ObjectivesReport
from search.render.figures import figure, save_figure

__all__ = ["save_objectives_png"]

_ROLES = ("intended", "base", "mesa", "behavioral")
_GAP_LABELS = (
    "outer\nintended vs base",
    "inner\nbase vs mesa",
    "reward-result\nbase vs behavioral",
)


def save_objectives_png(report: ObjectivesReport, out: Path, title: str = "") -> Path:
    """Draw the four objectives' weights as a grid and the three gaps as bars.

    Left: one row per objective, one column per feature any of them weighs,
    each cell its weight (blank where the objective is missing or not linear).
    Right: for each gap, the pairs of outcomes the two objectives order
    differently, out of the pairs compared ("n/a" where it was not measured).
    """
    entries: list[ObjectiveEntry | None] = [
        report.intended,
        report.base,
        report.mesa,
        report.behavioral,
    ]
    features = sorted({f for e in entries if e and e.weights for f in e.weights})
    grid = [
        [e.weights.get(f, 0.0) if e and e.weights else float("nan") for f in features]
        for e in entries
    ]
    fig = figure((10.0, 3.8))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    bound = max([abs(w) for row in grid for w in row if w == w] + [1e-9])
    left.imshow(grid, cmap="RdBu", vmin=-bound, vmax=bound, aspect="auto")
    left.set_xticks(range(len(features)), features, rotation=30, ha="right", fontsize=8)
    left.set_yticks(range(len(_ROLES)), _ROLES)
    for i, row in enumerate(grid):
        for j, w in enumerate(row):
            if w == w:  # not NaN: the objective has this weight
                left.text(j, i, f"{w:+.2g}", ha="center", va="center", fontsize=8)
    left.set_title("the four objectives (weights)")
    counts = [g.ordered_differently if g.unmeasured is None else 0 for g in report.gaps]
    right.bar(range(3), counts, color=["#9467bd", "#d62728", "#ff7f0e"])
    for k, gap in enumerate(report.gaps):
        label = "n/a" if gap.unmeasured is not None else f"{gap.ordered_differently}/{gap.pairs}"
        right.text(k, counts[k], label, ha="center", va="bottom", fontsize=9)
    right.set_xticks(range(3), _GAP_LABELS, fontsize=8)
    right.set_ylabel("pairs of outcomes ordered differently")
    right.set_ylim(0, max([*counts, 1]) * 1.25)
    right.set_title("the three gaps")
    fig.suptitle(title or f"four objectives, three gaps: {report.universe}", fontsize=10)
    fig.tight_layout()
    return save_figure(fig, out)
