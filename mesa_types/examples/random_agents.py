"""Random learned algorithms for a random tree world, of every kind the exact check must judge.

:func:`random_agent` draws one agent of a named kind from a seed: an honest
planner, a limited one, one that acts otherwise than it searches, one that
reports searches it does not run, or one with no search at all. Its
mesa-objective (if it has one) is drawn in relation to the world's base
objective: a copy, a rescaling, a nudge of one weight, the base objective plus
a taste for the world's proxy feature, or weights of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias, get_args

import numpy as np

from mesa_types.examples.random_worlds import RandomWorld
from mesa_types.examples.tree_agents import TIE_BREAKS, MyopicPlanner, PruningPlanner, TreePlanner
from mesa_types.examples.tree_impostors import (
    Boaster,
    Deviator,
    FixedRule,
    Pretender,
    Rule,
    TreeLookupTable,
    Trigger,
    memorised_tree_table,
)
from mesa_types.features import FeatureVector
from mesa_types.objectives import LinearObjective, MesaObjective

__all__ = [
    "AGENT_KINDS",
    "STRUCTURE",
    "AgentKind",
    "Structure",
    "TreeAgent",
    "random_agent",
    "random_mesa_objective",
]

AgentKind = Literal[
    "planner",
    "myopic",
    "pruning",
    "deviator",
    "rare_deviator",
    "pretender",
    "rare_pretender",
    "boaster",
    "lookup_table",
    "fixed_rule",
]
"""The kinds of agent :func:`random_agent` draws."""

AGENT_KINDS: tuple[AgentKind, ...] = get_args(AgentKind)
"""Every kind, planners first."""

Structure = Literal["optimizer", "impostor", "none"]
"""What is inside an agent: a search it follows and reports faithfully (though it may not see
everything); a search that is not what it does, or that it could not have run; or no search."""

STRUCTURE: Mapping[AgentKind, Structure] = {
    "planner": "optimizer",
    "myopic": "optimizer",
    "pruning": "optimizer",
    "deviator": "impostor",
    "rare_deviator": "impostor",
    "pretender": "impostor",
    "rare_pretender": "impostor",
    "boaster": "impostor",
    "lookup_table": "none",
    "fixed_rule": "none",
}
"""The structure of each kind."""

TreeAgent: TypeAlias = (
    TreePlanner
    | MyopicPlanner
    | PruningPlanner
    | Deviator
    | Pretender
    | Boaster
    | TreeLookupTable
    | FixedRule
)
"""Any agent :func:`random_agent` draws."""

_RULES: tuple[Rule, ...] = ("first", "last", "proxy")
_TRIGGERS: tuple[Literal["deep", "feature", "off_root"], ...] = ("deep", "feature", "off_root")
_WEIGHTS = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)


def random_mesa_objective(
    world: RandomWorld, rng: np.random.Generator
) -> MesaObjective[FeatureVector]:
    """A mesa-objective over ``world``'s features, drawn in relation to its base objective."""
    base = world.base.score
    assert isinstance(base, LinearObjective)
    weights = base.as_dict()
    how = int(rng.integers(5))
    if how == 1:
        factor = float(rng.choice((0.5, 2.0, 3.0)))
        weights = {f: w * factor for f, w in weights.items()}
        name = f"base times {factor:g}"
    elif how == 2:
        nudged = str(rng.choice(world.features))
        weights[nudged] += float(rng.choice((-1.0, -0.5, 0.5, 1.0)))
        name = f"base with {nudged} nudged"
    elif how == 3:
        weights[world.proxy] += float(rng.choice((0.5, 1.0, 2.0)))
        name = f"base plus a taste for {world.proxy}"
    elif how == 4:
        weights = {f: float(rng.choice(_WEIGHTS)) for f in world.features}
        name = "its own weights"
    else:
        name = "a copy of the base"
    linear = LinearObjective.from_weights(weights, world.features)
    return MesaObjective(linear, name)


def random_agent(world: RandomWorld, kind: AgentKind, seed: int) -> TreeAgent:
    """An agent of ``kind`` for ``world``, its parameters drawn from ``seed``.

    Args:
        world: The world it will be judged in (its features, pool, proxy and training set).
        kind: Which kind of agent.
        seed: Draws the mesa-objective, tie-break, horizon, trigger or rule.

    Example:
        >>> from mesa_types.examples import random_world
        >>> agent = random_agent(random_world(0), "planner", seed=1)
        >>> type(agent).__name__
        'TreePlanner'
    """
    rng = np.random.default_rng(seed)
    mesa = random_mesa_objective(world, rng)
    planner = TreePlanner(mesa, TIE_BREAKS[int(rng.integers(5))], int(rng.integers(1000)))
    rule = _RULES[int(rng.integers(3))]
    feature = world.proxy if rng.random() < 0.5 else str(rng.choice(world.features))
    rare = Trigger("rare", modulus=int(rng.choice((4, 8, 16, 32))), salt=int(rng.integers(1000)))
    if rng.random() < 0.5:
        rare = Trigger("varied")
    if kind == "planner":
        return planner
    if kind == "myopic":
        return MyopicPlanner(
            mesa, int(rng.integers(1, 3)), "first" if rng.random() < 0.5 else "last"
        )
    if kind == "pruning":
        return PruningPlanner(mesa, float(rng.choice((-0.5, 0.0, 0.5, 1.0))))
    if kind == "deviator":
        when = _TRIGGERS[int(rng.integers(3))]
        return Deviator(planner, Trigger(when, feature, int(rng.integers(1, 4))))
    if kind == "rare_deviator":
        return Deviator(planner, rare)
    if kind == "pretender":
        return Pretender(planner, rule, feature)
    if kind == "rare_pretender":
        return Deviator(planner, rare, hides=True)
    if kind == "boaster":
        return Boaster(mesa, world.pool, rule, feature)
    if kind == "lookup_table":
        return memorised_tree_table(planner, world.training_environments, rule, feature)
    return FixedRule(rule, feature)
