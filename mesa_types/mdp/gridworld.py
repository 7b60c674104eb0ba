"""Ng & Russell's (2000) stochastic gridworld, as a :class:`~mesa_types.TabularMDP`.

A square grid of cells; the agent moves up, right, down or left. The move it
chooses happens with probability ``success``; otherwise it moves in one of
the three other directions, each equally likely. A move that would leave the
grid leaves the agent where it is. That is one reading of the paper's "30%
chance of moving in a random direction": here the random direction is never
the chosen one.
"""

from __future__ import annotations

import numpy as np

from mesa_types.mdp.tabular import TabularMDP

__all__ = ["MOVES", "cell", "noisy_gridworld"]

MOVES = {"up": (0, 1), "right": (1, 0), "down": (0, -1), "left": (-1, 0)}
"""The four moves as (column, row) steps, in the order ties between them are broken."""


def cell(column: int, row: int) -> str:
    """The name of a cell: ``"column,row"``, row 0 at the bottom.

    Example:
        >>> cell(4, 4)
        '4,4'
    """
    return f"{column},{row}"


def noisy_gridworld(size: int = 5, success: float = 0.7, discount: float = 0.9) -> TabularMDP:
    """A ``size`` by ``size`` grid where a chosen move happens with probability ``success``.

    Args:
        size: Cells per side, at least 2.
        success: Probability that the chosen move happens, in ``[0, 1]``; each
            other direction gets a third of the rest.
        discount: The MDP's discount.

    Raises:
        ValueError: ``size`` below 2 or ``success`` outside ``[0, 1]``.

    Example:
        >>> grid = noisy_gridworld()
        >>> len(grid.states), grid.actions
        (25, ('up', 'right', 'down', 'left'))
        >>> round(float(grid.transitions[grid.index("4,4"), 0, grid.index("4,4")]), 12)  # up
        0.8
    """
    if size < 2:
        raise ValueError(f"size: must be at least 2, got {size}")
    if not 0.0 <= success <= 1.0:
        raise ValueError(f"success: must be in [0, 1], got {success}")
    states = [cell(c, r) for r in range(size) for c in range(size)]
    moves = list(MOVES.values())
    p = np.zeros((len(states), len(moves), len(states)))
    for s, name in enumerate(states):
        column, row = (int(v) for v in name.split(","))
        for a in range(len(moves)):
            for m, (dc, dr) in enumerate(moves):
                c, r = column + dc, row + dr
                if not (0 <= c < size and 0 <= r < size):
                    c, r = column, row
                chance = success if m == a else (1.0 - success) / 3
                p[s, a, c + size * r] += chance
    return TabularMDP(states, tuple(MOVES), p, discount)
