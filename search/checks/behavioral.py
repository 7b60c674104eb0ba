"""The behavioral objective of gridworld agents, recovered on the fast path.

:func:`mesa_types.recover_objective` works in any world by searching its world
model for what an agent could have brought about. In mazes that is known
faster: objects end an episode, so what could have been brought about is
nothing (staying put, 0 moves) and each object within reach, at its maze
distance from the start; and a :class:`~search.TreeSearchAgent`
is run on the batched population path. The observations then go to the same
linear programs, :func:`mesa_types.fit_choices`, and the fit carries the same
set of consistent objectives (``fit.consistent``, ``fit.pairs(outcomes)``).

What counts as "could have brought about". An agent that searches only
``depth`` moves ahead never rejected an outcome beyond that; treating it as
rejected would read a limitation as a preference. With white-box access to a
:class:`~search.TreeSearchAgent` the alternatives are therefore the
outcomes within its depth (and the step limit); for any other algorithm, every
outcome reachable within the step limit, so observe it in mazes where
everything lies near.
"""

from __future__ import annotations

from collections.abc import Sequence

from mesa_types import (
    BehavioralFit,
    Choice,
    FeatureVector,
    LearnedAlgorithm,
    fit_choices,
    run_episode,
)
from search.agents.tree_search import TreeSearchAgent
from search.batched.population import NOTHING, compile_mazes, genome_arrays, population_choices
from search.world.grid import Cell, GridState, GridWorld, Move

__all__ = ["observe", "recover_maze_objective"]


def observe(
    algorithm: LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    *,
    white_box: bool = True,
) -> list[Choice]:
    """Run ``algorithm`` in each world and record what it chose among what it could have.

    Distances are maze distances from the start: to the tile where the
    episode ended for the chosen outcome, to the nearest object with those
    features for an alternative, and 0 for nothing (staying put is always
    possible, so passing it up is strict evidence). A
    :class:`~search.TreeSearchAgent` is run on the population path
    (the same choices, computed in one batch); with ``white_box`` its
    alternatives are limited to its search depth.
    """
    horizon = (
        algorithm.genome.depth if white_box and isinstance(algorithm, TreeSearchAgent) else None
    )
    choices = []
    for world, end in zip(worlds, _ends(algorithm, worlds), strict=True):
        limit = world.max_steps if horizon is None else min(horizon, world.max_steps)
        dist = world.distances_from(world.start)
        nearest: dict[FeatureVector, int] = {FeatureVector(): 0}
        for thing in world.things:
            d = dist.get(thing.position, limit + 1)
            if d <= limit:
                nearest[thing.features] = min(d, nearest.get(thing.features, d))
        chosen = world.outcome(GridState(world, end))
        alternatives = tuple((o, d) for o, d in nearest.items() if o != chosen)
        choices.append(Choice(chosen, dist[end] if chosen else 0, alternatives))
    return choices


def _ends(algorithm: LearnedAlgorithm[GridState, Move], worlds: Sequence[GridWorld]) -> list[Cell]:
    """Where each episode ends."""
    if type(algorithm) is not TreeSearchAgent or not worlds:
        return [run_episode(algorithm, world).observations[-1].position for world in worlds]
    vocabulary = algorithm.genome.objective.features
    batch = compile_mazes(worlds, vocabulary)
    weights, depths = genome_arrays([algorithm.genome], vocabulary)
    picks = population_choices(weights, depths, batch)[0]
    return [
        world.start if k == NOTHING else batch.things[m][k].position
        for m, (world, k) in enumerate(zip(worlds, picks.tolist(), strict=True))
    ]


def recover_maze_objective(
    algorithm: LearnedAlgorithm[GridState, Move],
    worlds: Sequence[GridWorld],
    vocabulary: Sequence[str],
    *,
    white_box: bool = True,
) -> BehavioralFit:
    """The behavioral objective of ``algorithm``, from its behaviour in ``worlds``.

    The maze version of :func:`mesa_types.recover_objective`: the same linear
    program, fed by :func:`observe` instead of a search through the world model.

    Args:
        algorithm: Any learned algorithm for gridworlds.
        worlds: Where to watch it.
        vocabulary: The features the objective may weigh.
        white_box: Use a tree-search agent's depth to limit its alternatives.

    Example:
        >>> from mesa_types.optimizers.genome import Genome
        >>> from search.scenarios.paper import green_exit
        >>> s = green_exit()
        >>> agent = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, s.vocabulary, 64))
        >>> fit = recover_maze_objective(agent, s.training.sample_many(5, 0), s.vocabulary)
        >>> fit.weights.describe()
        '{kind:exit: +1, color:green: +1}'
    """
    return fit_choices(observe(algorithm, worlds, white_box=white_box), vocabulary)
