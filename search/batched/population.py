"""The population path: decide for a whole population of genomes on a batch of mazes at once.

For the base optimizer's inner loop. Reachability is computed once per maze
(breadth-first distances from the start to each object, many mazes at once
over a bitset); one accumulation over features then scores each distinct kind
of object for every genome; a pass over the object slots applies each genome's
depth and keeps its best choice. The result equals what each
:class:`~search.TreeSearchAgent` does on its own, choice for choice (a
property test pins this): because the agent plans to a finite horizon, its
first plan is the one it completes, so the outcome of an episode is decided at
the start. In a world with pickups the slots are routes (:mod:`search.batched.routes`):
an object or a pickup to end on, with the pickups collected on the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types import STEPS, FeatureVector, Genome
from search.batched.reach import reachable_things
from search.batched.routes import pickup_routes
from search.world.compiled import kernels_enabled
from search.world.grid import GridWorld, Thing

__all__ = [
    "NOTHING",
    "MazeBatch",
    "as_the_agent_reads",
    "compile_mazes",
    "ending_of",
    "genome_arrays",
    "population_choices",
]

NOTHING = -1
"""The choice index meaning "no object: stay put"."""

_UNREACHABLE = np.iinfo(np.int64).max


@dataclass(frozen=True)
class MazeBatch:
    """Mazes reduced to what the population path needs, padded to a common object count.

    Attributes:
        worlds: The mazes.
        vocabulary: Feature names, in the order of the last axis of ``features``.
        things: Per maze, its reachable objects sorted by the agents' tie-break
            (distance from the start, then row, then column).
        features: ``(mazes, objects, features)`` feature values; padding is 0.
        distances: ``(mazes, objects)`` moves from the start; padding is unreachable.
        max_steps: ``(mazes,)`` step limits.
        outcomes: ``(kinds, features)``: each distinct feature row once. A batch
            holds few kinds of object, so genomes score these rows, not every object.
        outcome_of: ``(mazes, objects)`` row of ``outcomes`` for each object
            (``features == outcomes[outcome_of]``); padding points at a zero row.
        ends: For mazes judged by return (:class:`~search.ReturnGridWorld`), the
            ``(mazes, objects, features)`` outcome of an episode ending on each
            object, steps included; None when every maze scores the object alone.
        stays: With ``ends``, the ``(mazes, features)`` outcome of reaching nothing.
        collected: Per maze and slot, the pickups collected on the way there;
            empty tuples in mazes without pickups. In a maze with pickups a
            slot is a route: ``things[m][k]`` is the object it ends on or the
            pickup the agent waits on (:mod:`search.batched.routes`).
    """

    worlds: tuple[GridWorld, ...]
    vocabulary: tuple[str, ...]
    things: tuple[tuple[Thing, ...], ...]
    features: NDArray[np.float64]
    distances: NDArray[np.int64]
    max_steps: NDArray[np.int64]
    outcomes: NDArray[np.float64]
    outcome_of: NDArray[np.int64]
    ends: NDArray[np.float64] | None = None
    stays: NDArray[np.float64] | None = None
    collected: tuple[tuple[tuple[Thing, ...], ...], ...] = ()

    def ending(self, m: int, k: int) -> FeatureVector:
        """What an episode in maze ``m`` ending at slot ``k`` brings about (worlds kept)."""
        collected = self.collected[m][k] if self.collected else ()
        return ending_of(self.worlds[m], self.things[m][k], int(self.distances[m, k]), collected)

    def scores(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """``(genomes, mazes, objects)`` scores of every object under each row of ``weights``."""
        per_kind = _accumulate(weights, self.outcomes[None, :, :])[:, 0, :]
        found: NDArray[np.float64] = per_kind[:, self.outcome_of]
        return found


def compile_mazes(worlds: Sequence[GridWorld], vocabulary: Sequence[str]) -> MazeBatch:
    """Precompute distances and feature rows for ``worlds`` over ``vocabulary``."""
    vocab = tuple(vocabulary)
    kinds = _OutcomeKinds(vocab)
    # Mazes with pickups list their routes; the others are searched together, objects only.
    searched = iter(reachable_things([w for w in worlds if not w.pickup_at]))
    per_maze: list[list[tuple[int, Thing]]] = []
    taken: list[tuple[tuple[Thing, ...], ...]] = []
    for world in worlds:
        if world.pickup_at:
            routes = pickup_routes(world)
            per_maze.append([(r.depth, r.end) for r in routes])
            taken.append(tuple(r.collected for r in routes))
        else:
            per_maze.append(next(searched))
            taken.append(((),) * len(per_maze[-1]))
    width = max((len(r) for r in per_maze), default=0)
    distances = np.full((len(worlds), width), _UNREACHABLE, dtype=np.int64)
    outcome_of = np.zeros((len(worlds), width), dtype=np.int64)  # row 0 is all zeros
    for m, reachable in enumerate(per_maze):
        distances[m, : len(reachable)] = [d for d, _ in reachable]
        outcome_of[m, : len(reachable)] = [kinds.row(thing) for _, thing in reachable]
    outcomes = kinds.table()
    collected = tuple(taken) if any(w.pickup_at for w in worlds) else ()
    ends, stays = _return_rows(worlds, vocab, per_maze, collected, width)
    return MazeBatch(
        worlds=tuple(worlds),
        vocabulary=vocab,
        things=tuple(tuple(t for _, t in r) for r in per_maze),
        features=outcomes[outcome_of],
        distances=distances,
        max_steps=np.array([w.max_steps for w in worlds], dtype=np.int64),
        outcomes=outcomes,
        outcome_of=outcome_of,
        ends=ends,
        stays=stays,
        collected=collected,
    )


def ending_of(
    world: GridWorld, end: Thing, steps: int, collected: tuple[Thing, ...] = ()
) -> FeatureVector:
    """What an episode that reaches ``end`` after ``steps`` moves, ``collected`` taken, brings.

    ``end`` is an object (the episode ends there) or a pickup, on which the
    agent waits out the step limit.
    """
    if end.position in world.pickup_at:
        return world.ending_on(None, world.max_steps, collected)
    return world.ending_on(end, steps, collected)


def _return_rows(
    worlds: Sequence[GridWorld],
    vocab: tuple[str, ...],
    per_maze: list[list[tuple[int, Thing]]],
    collected: tuple[tuple[tuple[Thing, ...], ...], ...],
    width: int,
) -> tuple[NDArray[np.float64] | None, NDArray[np.float64] | None]:
    """What ending on each object (and on none) brings about, when a world counts steps."""
    if all(type(w).ending_on is GridWorld.ending_on for w in worlds):
        return None, None
    column = {name: i for i, name in enumerate(vocab)}
    ends = np.zeros((len(worlds), width, len(vocab)), dtype=np.float64)
    stays = np.zeros((len(worlds), len(vocab)), dtype=np.float64)

    def fill(row: NDArray[np.float64], outcome: FeatureVector) -> None:
        for name, value in outcome.items():
            if name in column:
                row[column[name]] = value

    for m, (world, reachable) in enumerate(zip(worlds, per_maze, strict=True)):
        fill(stays[m], world.ending_on(None, world.max_steps))
        for k, (distance, thing) in enumerate(reachable):
            taken = collected[m][k] if collected else ()
            fill(ends[m, k], ending_of(world, thing, distance, taken))
    return ends, stays


class _OutcomeKinds:
    """Numbers each distinct feature row of a batch; row 0 is the empty outcome (padding)."""

    def __init__(self, vocabulary: tuple[str, ...]) -> None:
        self._column = {name: i for i, name in enumerate(vocabulary)}
        self._rows: list[NDArray[np.float64]] = [np.zeros(len(vocabulary), dtype=np.float64)]
        self._index: dict[tuple[str, str, tuple[str, ...]], int] = {}

    def row(self, thing: Thing) -> int:
        # Keyed by what the features are made of, so Thing.features is built once per kind.
        key = (thing.kind, thing.color, thing.extra)
        found = self._index.get(key)
        if found is None:
            values = np.zeros(len(self._column), dtype=np.float64)
            for name, value in thing.features.items():
                if name in self._column:
                    values[self._column[name]] = value
            found = self._index[key] = len(self._rows)
            self._rows.append(values)
        return found

    def table(self) -> NDArray[np.float64]:
        return np.stack(self._rows)


def genome_arrays(
    genomes: Sequence[Genome], vocabulary: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The genomes' weights as a ``(genomes, features)`` array, and their depths."""
    vocab = tuple(vocabulary)
    rows = [
        # A genome over exactly this vocabulary already holds its weights in order.
        g.objective.weights if g.objective.features == vocab else g.objective.vector(vocab)
        for g in genomes
    ]
    weights = np.array(rows, dtype=np.float64).reshape(len(genomes), len(vocab))
    depths = np.array([g.depth for g in genomes], dtype=np.int64)
    return as_the_agent_reads(weights, vocab), depths


def as_the_agent_reads(
    weights: NDArray[np.float64], vocabulary: tuple[str, ...]
) -> NDArray[np.float64]:
    """``weights`` with a positive ``steps`` weight read as 0, as the agent reads it.

    Path length is a cost to the agent or nothing (see
    :func:`~search.agents.tree_search.step_cost_only`); ``weights`` itself is
    left unchanged (a copy is changed, when there is a column).
    """
    if STEPS not in vocabulary:
        return weights
    read = weights.copy()
    column = vocabulary.index(STEPS)
    read[:, column] = np.minimum(read[:, column], 0.0)
    return read


def population_choices(
    weights: NDArray[np.float64], depths: NDArray[np.int64], batch: MazeBatch
) -> NDArray[np.int64]:
    """Which object each genome goes to in each maze: ``(genomes, mazes)``, ``NOTHING`` if none.

    A genome goes to the best-scoring object within its horizon (its depth,
    capped by the maze's step limit) when that score is positive, breaking
    ties by the objects' order; otherwise it stays.
    """
    if batch.ends is not None and batch.stays is not None:
        return _return_choices(weights, depths, batch, batch.ends, batch.stays)
    per_kind = _accumulate(weights, batch.outcomes[None, :, :])[:, 0, :]  # (genomes, kinds)
    horizon = np.minimum(depths[:, None], batch.max_steps[None, :])  # (genomes, mazes)
    if kernels_enabled():
        from search.batched.kernels import choose_objects  # numba's import is slow: lazily

        chosen = np.empty(horizon.shape, dtype=np.int64)
        choose_objects(per_kind, batch.outcome_of, batch.distances, horizon, chosen)
        return chosen
    best = np.zeros(horizon.shape, dtype=np.float64)  # only a positive score beats staying
    choice = np.full(horizon.shape, NOTHING, dtype=np.int64)
    # One object slot at a time, in tie-break order: a strictly higher score is
    # needed to replace the current choice, so ties keep the earlier object.
    for k in range(batch.distances.shape[1]):
        score = per_kind[:, batch.outcome_of[:, k]]  # (genomes, mazes)
        better = (score > best) & (batch.distances[None, :, k] <= horizon)
        np.copyto(best, score, where=better)
        np.copyto(choice, k, where=better)
    return choice


def _return_choices(
    weights: NDArray[np.float64],
    depths: NDArray[np.int64],
    batch: MazeBatch,
    ends: NDArray[np.float64],
    stays: NDArray[np.float64],
) -> NDArray[np.int64]:
    """:func:`population_choices` for mazes judged by return: each object scored with its steps.

    Staying (waiting out the clock) is scored too, as the agent scores its root.
    """
    score = _accumulate(weights, ends)  # (genomes, mazes, objects)
    best = _accumulate(weights, stays[:, None, :])[:, :, 0]  # (genomes, mazes)
    horizon = np.minimum(depths[:, None], batch.max_steps[None, :])
    choice = np.full(horizon.shape, NOTHING, dtype=np.int64)
    for k in range(batch.distances.shape[1]):
        better = (score[:, :, k] > best) & (batch.distances[None, :, k] <= horizon)
        np.copyto(best, score[:, :, k], where=better)
        np.copyto(choice, k, where=better)
    return choice


def _accumulate(weights: NDArray[np.float64], features: NDArray[np.float64]) -> NDArray[np.float64]:
    """``sum_f weights[p, f] * features[m, k, f]`` accumulated feature by feature.

    The sum runs in vocabulary order, exactly as ``LinearObjective.__call__``
    adds its terms, so scores (and ties between them) are bit-identical to the
    single agent's. A BLAS matrix product may add in another order.
    """
    total = np.zeros((weights.shape[0], *features.shape[:2]), dtype=np.float64)
    for f in range(weights.shape[1]):
        total += weights[:, f, None, None] * features[None, :, :, f]
    return total
