"""numba kernel for the population path's last step: each genome's object in each maze.

Imported only when :func:`search.world.compiled.kernels_enabled` says so. The
kernel compares the same float scores the numpy loop of
:func:`~search.batched.population.population_choices` compares, in the same
slot order, so its choices are the loop's, bit for bit; it only saves the
numpy call overhead, which dominates at a population's size.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from search.world.kernels import typed_jit

__all__ = ["choose_objects"]


@typed_jit
def choose_objects(
    per_kind: npt.NDArray[np.float64],
    outcome_of: npt.NDArray[np.int64],
    distances: npt.NDArray[np.int64],
    horizon: npt.NDArray[np.int64],
    choice: npt.NDArray[np.int64],
) -> None:
    """Fill ``choice`` ``(genomes, mazes)`` with each genome's object slot, or -1 to stay.

    ``per_kind`` ``(genomes, kinds)`` holds the scores of each kind of
    object; slot ``k`` of maze ``m`` is of kind ``outcome_of[m, k]`` and lies
    ``distances[m, k]`` moves away. A slot within ``horizon[g, m]`` replaces the
    current choice only by scoring strictly higher (staying scores 0), so ties
    keep the earlier slot.
    """
    genomes, mazes = choice.shape
    slots = outcome_of.shape[1]
    for g in range(genomes):
        for m in range(mazes):
            best = 0.0
            chosen = -1
            reach = horizon[g, m]
            for k in range(slots):
                score = per_kind[g, outcome_of[m, k]]
                if score > best and distances[m, k] <= reach:
                    best = score
                    chosen = k
            choice[g, m] = chosen
