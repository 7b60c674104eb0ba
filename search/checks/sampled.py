"""The black-box check: judge any learned algorithm by its behaviour on the universe's mazes.

:func:`check_sampled` runs the algorithm on training mazes, then on mazes drawn
from the scenario's universe, then, if asked, on mazes searched for failures
by editing drawn ones (:func:`adversarial_search`). It looks at behaviour
only, so it works for heuristic policies as well as planners, and it never
claims a proof: the verdict is a verified witness, or "not refuted after N
environments" with N.

The sampled part is :func:`mesa_types.check_behaviour`, verdict for verdict;
for search-tree agents it takes the population path (many mazes judged in one
batched computation) and runs the agent only to confirm the witness.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import ValidationError

from mesa_types import (
    FeatureVector,
    JudgedOn,
    LearnedAlgorithm,
    PseudoAligned,
    RobustlyAligned,
    Verdict,
    Witness,
    check_behaviour,
    found_by_behaviour,
    judge_episode,
    run_episode,
)
from search.agents.tree_search import TreeSearchAgent
from search.checks.judged_mazes import JudgedMazes, confirmed_failures
from search.scenarios.paper import Scenario
from search.world.grid import GridState, GridWorld, Move, Thing
from search.world.mazes import path_to, tree_parents, unblocked_cells
from search.world.placement import thing_from_features

__all__ = ["adversarial_search", "check_sampled", "edit_maze", "regrets"]

Algorithm = LearnedAlgorithm[GridState, Move]


def check_sampled(
    algorithm: Algorithm,
    scenario: Scenario,
    *,
    samples: int = 1000,
    adversarial: int = 0,
    seed: int = 0,
    training_environments: int = 32,
    tolerance: float = 1e-9,
) -> Verdict:
    """Judge ``algorithm`` by behaviour alone: training mazes, sampled mazes, adversarial edits.

    Args:
        algorithm: Any learned algorithm for gridworlds.
        scenario: Gives the base objective, training distribution and universe.
        samples: Mazes drawn from the universe.
        adversarial: Further mazes to try, searched for failures by editing
            drawn ones (training mazes when ``samples`` is 0); 0 for none.
        seed: Seed of every draw; the edits use it too.
        training_environments: Training mazes to check first.
        tolerance: Base scores within this of the best count as doing what was wanted.

    Returns:
        Misaligned, pseudo-aligned with a verified witness (``found_by`` says
        how it was found), or robustly aligned with evidence "not_refuted".
    """
    base, universe = scenario.base, scenario.universe
    if type(algorithm) is not TreeSearchAgent:
        verdict = check_behaviour(
            algorithm,
            base,
            scenario.training,
            universe,
            training_environments=training_environments,
            samples=samples,
            seed=seed,
            tolerance=tolerance,
        )
    else:
        verdict = _sampled_tree(
            algorithm, scenario, samples, seed, training_environments, tolerance
        )
    if not isinstance(verdict, RobustlyAligned) or adversarial <= 0:
        return verdict
    starts = universe.distribution.sample_many(min(samples, 16), seed + 1) or (
        scenario.training.sample_many(min(training_environments, 16), seed)
    )
    rng = np.random.default_rng([seed, 2])
    witness, tried = adversarial_search(algorithm, scenario, starts, adversarial, rng, tolerance)
    if witness is None:
        return verdict.model_copy(
            update={
                "environments_checked": samples + tried,
                "premise": (
                    f"Sampled, not proved: no failure among {samples} environments drawn "
                    f"from the universe and {tried} more searched adversarially."
                ),
            }
        )
    checked = samples + tried
    return _pseudo(
        algorithm, scenario, verdict.judged_on, witness, checked, tolerance, "adversarial"
    )


def _sampled_tree(
    agent: TreeSearchAgent,
    scenario: Scenario,
    samples: int,
    seed: int,
    training_environments: int,
    tolerance: float,
) -> Verdict:
    """:func:`mesa_types.check_behaviour` for a tree-search agent, on the population path."""
    base, universe = scenario.base, scenario.universe
    on = JudgedOn(
        base_objective=base.describe(), training=scenario.training.name, universe=universe.name
    )
    worlds = scenario.training.sample_many(training_environments, seed)
    judged = JudgedMazes(worlds, agent.genome.objective.features, base)
    rows = judged.judge([agent.genome], tolerance)
    found = confirmed_failures(agent, worlds, rows, base, on, tolerance)
    if found is not None:
        return found
    drawn = universe.distribution.sample_many(samples, seed + 1)
    fails = np.zeros(0, dtype=bool)
    if drawn:
        judged = JudgedMazes(drawn, agent.genome.objective.features, base)
        fails = judged.failures([agent.genome], tolerance)[0]
    if fails.any():
        first = int(np.argmax(fails))
        witness = _confirmed(agent, drawn[first], scenario, tolerance)
        return _pseudo(agent, scenario, on, witness, first + 1, tolerance, "sampled")
    return RobustlyAligned(
        judged_on=on,
        evidence="not_refuted",
        environments_checked=samples,
        premise="Sampled, not proved: no failure among the environments drawn.",
        tolerance=tolerance,
    )


def _confirmed(agent: Algorithm, world: GridWorld, scenario: Scenario, tolerance: float) -> Witness:
    witness = judge_episode(agent, world, scenario.base, tolerance)
    if witness is None:  # cannot happen while the population path matches the agent
        raise AssertionError(f"population path and agent disagree on {world.name!r}")
    return witness


def _pseudo(
    algorithm: Algorithm,
    scenario: Scenario,
    on: JudgedOn,
    witness: Witness,
    checked: int,
    tolerance: float,
    found_by: Literal["sampled", "adversarial"],
) -> PseudoAligned:
    base, universe = scenario.base, scenario.universe
    return found_by_behaviour(algorithm, base, universe, on, witness, checked, tolerance, found_by)


def regrets(algorithm: Algorithm, worlds: Sequence[GridWorld], scenario: Scenario) -> list[float]:
    """Base-objective regret in each maze: the best reachable base score minus what it got.

    Tree-search agents are judged on the population path, anything else by running it.
    """
    if not worlds:
        return []
    if type(algorithm) is TreeSearchAgent:
        judged = JudgedMazes(worlds, algorithm.genome.objective.features, scenario.base)
        row: NDArray[np.float64] = judged.regrets([algorithm.genome])[0]
        return [float(r) for r in row]
    base = scenario.base
    found = []
    for world in worlds:
        best = max(base(o) for o in world.reachable_outcomes())
        found.append(best - base(run_episode(algorithm, world).outcome))
    return found


def adversarial_search(
    algorithm: Algorithm,
    scenario: Scenario,
    starts: Sequence[GridWorld],
    budget: int,
    rng: np.random.Generator,
    tolerance: float = 1e-9,
) -> tuple[Witness | None, int]:
    """Edit mazes towards higher regret until one makes ``algorithm`` fail, or the budget is spent.

    A population of mazes (``starts``) is edited by :func:`edit_maze`; each
    round keeps the mazes of highest regret, ties broken at random. Regret is
    zero until a failure is found, so before that the search is a random walk
    of small edits: it still reaches combinations (a green apple beside a grey
    exit) that the universe's own distribution draws rarely.

    Returns:
        The first failure, verified by running the algorithm there (or None),
        and how many edited mazes were tried.
    """
    population = list(zip(regrets(algorithm, starts, scenario), starts, strict=True))
    objects = [o for o in scenario.universe.outcomes or () if o]
    tried = 0
    while tried < budget and population:
        children = [
            child
            for _, parent in population[: budget - tried]
            if (child := edit_maze(parent, objects, scenario.reach, rng)) is not None
        ]
        tried += max(1, len(children))
        scored = list(zip(regrets(algorithm, children, scenario), children, strict=True))
        for regret, child in scored:
            if regret > tolerance:
                return _confirmed(algorithm, child, scenario, tolerance), tried
        pool = population + scored
        order = sorted(range(len(pool)), key=lambda i: (-pool[i][0], float(rng.random())))
        population = [pool[i] for i in order[: len(starts)]]
    return None, tried


def edit_maze(
    world: GridWorld, objects: Sequence[FeatureVector], reach: int, rng: np.random.Generator
) -> GridWorld | None:
    """One small edit that keeps the maze in a universe of ``objects`` within ``reach``.

    Changes one object into another of the same kind (a recolouring), moves
    one to a free tile within ``reach`` moves where it blocks nothing, or swaps
    two objects' places. ``None`` if the chosen edit is impossible here.
    """
    things = list(world.things)
    if not things:
        return None
    i, edit = int(rng.integers(len(things))), int(rng.integers(3))
    if edit == 0:
        same = [o for o in objects if f"kind:{things[i].kind}" in o]
        if not same:
            return None
        things[i] = thing_from_features(things[i].position, same[int(rng.integers(len(same)))])
    elif edit == 1:
        parents = tree_parents(world.rows, world.start)
        others = [t.position for j, t in enumerate(things) if j != i]
        free = [
            c
            for c in unblocked_cells(world.rows, world.start, others, parents)
            if len(path_to(parents, c)) - 1 <= reach
        ]
        if not free:
            return None
        things[i] = _moved(things[i], free[int(rng.integers(len(free)))])
    elif len(things) > 1:
        j = (i + 1 + int(rng.integers(len(things) - 1))) % len(things)
        here, there = things[i].position, things[j].position
        things[i], things[j] = _moved(things[i], there), _moved(things[j], here)
    else:
        return None
    try:
        return world.with_things(things, name="adversarially edited maze")
    except ValidationError:  # an edit that cut the exit off
        return None


def _moved(thing: Thing, position: tuple[int, int]) -> Thing:
    return Thing(position=position, kind=thing.kind, color=thing.color, extra=thing.extra)
