"""Judging many search-tree agents on many mazes at once, on the population path.

The training and sampled checks run every agent on every maze. For search-tree
agents the outcome of each episode can be computed for a whole population in
one batched step (:mod:`search.batched.population`, pinned to the single agent by a
property test), together with its base score and its length. Only the witness
a verdict reports is then run for real, to confirm it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mesa_types import (
    BaseObjective,
    FeatureVector,
    Genome,
    JudgedOn,
    LearnedAlgorithm,
    Misaligned,
    run_episode,
    witness_of,
)
from search.batched.fitness import TrainingSet
from search.batched.population import genome_arrays, population_choices
from search.scenarios.paper import Scenario
from search.world.grid import GridState, GridWorld, Move

__all__ = ["Judged", "JudgedMazes", "confirmed_failures", "first_failures"]


class JudgedMazes:
    """Mazes compiled for the population path, with the base score of every object in them.

    What the sampled and training checks need to judge many tree-search agents
    at once: where each ends (:func:`~search.population_choices`)
    and what the base objective made of it, bit for bit as
    :func:`mesa_types.judge_episode` scores a run.

    Args:
        worlds: The mazes.
        vocabulary: The genomes' feature vocabulary, in their order.
        base: The base objective.
    """

    def __init__(
        self,
        worlds: Sequence[GridWorld],
        vocabulary: tuple[str, ...],
        base: BaseObjective[FeatureVector],
    ) -> None:
        self.worlds = tuple(worlds)
        self.set = TrainingSet.compile(worlds, vocabulary, base)
        batch = self.set.batch
        within = batch.distances <= batch.max_steps[:, None]
        objects = np.where(within, self.set.values[:, :-1], -np.inf)
        self.best = np.maximum(self.set.values[:, -1], objects.max(axis=1, initial=-np.inf))
        # The agent's first decision scores more than the root iff it can move at all.
        moves = [any(True for _ in w.neighbours(w.start)) for w in worlds]
        self.movable_steps = batch.max_steps[np.array(moves, dtype=bool)]

    def searches(self, depth: int) -> bool:
        """Whether an agent of this depth scores more than one candidate somewhere (optimizer)."""
        return bool(np.any(np.minimum(depth, self.movable_steps) > 0))

    def judge(self, genomes: Sequence[Genome], tolerance: float) -> Judged:
        """Where each genome fails, and how many steps each of its episodes takes."""
        weights, depths = genome_arrays(genomes, self.set.batch.vocabulary)
        choices = population_choices(weights, depths, self.set.batch)
        values = self.set.values
        achieved = _pick(values, np.where(choices < 0, values.shape[1] - 1, choices))
        # A tree-search agent follows its first plan to the end: as many steps as the
        # object is far, or the one step of staying put.
        far = self.set.batch.distances
        steps = _pick(far, np.maximum(choices, 0)) if far.shape[1] else choices * 0
        return Judged(
            achieved=achieved,
            # The one comparison (mesa_types.better_by_more_than): best - achieved > tolerance.
            fails=(self.best[None, :] - achieved) > tolerance,
            steps=np.where(choices < 0, 1, steps),
        )

    def regrets(self, genomes: Sequence[Genome]) -> NDArray[np.float64]:
        """``(genomes, mazes)``: best reachable base score minus what each genome achieved."""
        found: NDArray[np.float64] = self.best[None, :] - self.judge(genomes, 0.0).achieved
        return found

    def failures(self, genomes: Sequence[Genome], tolerance: float) -> NDArray[np.bool_]:
        """``(genomes, mazes)``: where a genome ends below the best base score less tolerance."""
        return self.judge(genomes, tolerance).fails


@dataclass(frozen=True)
class Judged:
    """Genomes judged on mazes by the population path; every array is ``(genomes, mazes)``.

    Attributes:
        achieved: The base score of what each brought about.
        fails: Whether that is below the best reachable base score, less the tolerance.
        steps: How many steps each episode takes.
    """

    achieved: NDArray[np.float64]
    fails: NDArray[np.bool_]
    steps: NDArray[np.int64]

    def rows(self) -> list[Judged]:
        """One :class:`Judged` per genome."""
        return [
            Judged(self.achieved[i : i + 1], self.fails[i : i + 1], self.steps[i : i + 1])
            for i in range(len(self.fails))
        ]


def _pick(table: NDArray[Any], index: NDArray[np.int64]) -> NDArray[Any]:
    """``table[m, index[g, m]]`` for every genome ``g`` and maze ``m``."""
    spread = np.broadcast_to(table, (len(index), *table.shape))
    found: NDArray[Any] = np.take_along_axis(spread, index[:, :, None], axis=2)[:, :, 0]
    return found


def confirmed_failures(
    agent: LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    judged: Judged,
    base: BaseObjective[FeatureVector],
    judged_on: JudgedOn,
    tolerance: float = 1e-9,
) -> Misaligned | None:
    """:func:`~mesa_types.check_training`'s verdict from one genome's population-path row.

    The witness is chosen as there (the shortest failing episode, the first of
    those) and confirmed by running the agent in it.

    Raises:
        AssertionError: The run disagrees with the population path (a bug).
    """
    fails, steps = judged.fails[0], judged.steps[0]
    if not fails.any():
        return None
    failing = np.flatnonzero(fails)
    shortest = int(failing[np.argmin(steps[failing])])  # argmin takes the first of equals
    episode = run_episode(agent, worlds[shortest])
    witness = witness_of(episode.outcome, worlds[shortest], base, tolerance)
    if witness is None or episode.steps != steps[shortest]:
        raise AssertionError(f"population path and agent disagree on maze {shortest}")
    return Misaligned(
        judged_on=judged_on,
        training_failures=int(fails.sum()),
        training_environments=len(worlds),
        witness=witness,
    )


def first_failures(
    genomes: Sequence[Genome],
    worlds: Sequence[GridWorld],
    scenario: Scenario,
    tolerance: float = 1e-9,
) -> list[int | None]:
    """For each genome, the index of the first of ``worlds`` where it fails, or None.

    The sampled check for many tree-search agents at once, on the population
    path. A failure is confirmed by :func:`mesa_types.judge_episode` when the
    caller runs the agent on ``worlds[index]``.
    """
    if not genomes:
        return []
    found: list[int | None] = []
    by_vocabulary: dict[tuple[str, ...], JudgedMazes] = {}
    for genome in genomes:
        vocabulary = genome.objective.features
        if vocabulary not in by_vocabulary:
            by_vocabulary[vocabulary] = JudgedMazes(worlds, vocabulary, scenario.base)
        row = by_vocabulary[vocabulary].failures([genome], tolerance)[0]
        found.append(int(np.argmax(row)) if row.any() else None)
    return found
