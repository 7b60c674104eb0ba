"""The pictures on the documentation pages, drawn by the library's own code at every build.

``conf.py`` calls :func:`draw_all` when the build starts; the pages show the
files it writes into ``docs/_generated/`` (not kept in the repository). A figure
that can no longer be drawn stops the build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mesa_types import TabularMDP, lp_irl, noisy_gridworld, value_iteration

SIZE = 5


def cell(column: int, row: int) -> str:
    """A cell's state name, as ``noisy_gridworld`` names them (row 0 at the bottom)."""
    return f"{column},{row}"


CORNER = cell(SIZE - 1, SIZE - 1)
ARROWS = {"up": (0.0, 0.3), "right": (0.3, 0.0), "down": (0.0, -0.3), "left": (-0.3, 0.0)}


def _grid_panel(ax: Axes, mdp: TabularMDP, reward: dict[str, float], title: str) -> None:
    """One panel: the reward as colour, the optimal policy for it as arrows."""
    values = np.array([[reward[cell(c, r)] for c in range(SIZE)] for r in range(SIZE)])
    ax.imshow(values, origin="lower", cmap="RdBu", vmin=-1.0, vmax=1.0)
    policy = value_iteration(mdp, mdp.state_vector(reward)).policy
    for c in range(SIZE):
        for r in range(SIZE):
            dx, dy = ARROWS[policy[cell(c, r)]]
            ax.arrow(c - dx / 2, r - dy / 2, dx, dy, head_width=0.12, color="#222222")
            ax.text(c, r - 0.36, f"{values[r, c]:+.2f}", ha="center", fontsize=6)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9)


def ng_russell(out: Path) -> Path:
    """Ng & Russell's 5x5 gridworld: the true reward, two recovered ones, and the L1 window."""
    mdp = noisy_gridworld(size=SIZE, success=0.7, discount=0.9)
    true = {s: float(s == CORNER) for s in mdp.states}
    demonstrator = value_iteration(mdp, mdp.state_vector(true)).policy
    fig = Figure(figsize=(11.0, 3.2), dpi=150)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 4)
    _grid_panel(axes[0], mdp, true, "true reward (1 in the corner)")
    pinned = lp_irl(mdp, demonstrator, l1=3.0, r_max=1.0)
    _grid_panel(axes[1], mdp, dict(pinned.reward), "recovered, L1 weight 3")
    loose = lp_irl(mdp, demonstrator, l1=0.0, r_max=1.0)
    _grid_panel(axes[2], mdp, dict(loose.reward), "recovered, no L1 penalty")
    weights = np.linspace(0.0, 6.0, 61)
    corner, elsewhere = [], []
    for weight in weights:
        fit = lp_irl(mdp, demonstrator, l1=float(weight), r_max=1.0).reward
        corner.append(fit[CORNER])
        elsewhere.append(sum(abs(v) for s, v in fit.items() if s != CORNER))
    axes[3].plot(weights, corner, label="reward in the corner")
    axes[3].plot(weights, elsewhere, label="|reward| elsewhere, summed")
    axes[3].set_xlabel("L1 weight")
    axes[3].legend(frameon=False, fontsize=7)
    axes[3].set_title("what the L1 weight pins", fontsize=9)
    fig.suptitle(
        "success 0.7, discount 0.9, ties broken up before right; reward bounded by 1", fontsize=9
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, bbox_inches="tight")
    return out


FIGURES: dict[str, Callable[[Path], Path]] = {"ng-russell.png": ng_russell}
"""Every figure the pages show, by file name."""


def draw_all(folder: Path) -> list[Path]:
    """Draw every figure into ``folder``."""
    return [draw(folder / name) for name, draw in FIGURES.items()]
