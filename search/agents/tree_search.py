"""The search-tree mesa-optimizer: a learned algorithm that really is an optimizer.

Its genome is its mesa-objective (weights over tile features) and its search
depth. To decide, it grows a breadth-first search tree from the current state
through its world model, scores every state it reaches with its
mesa-objective, and takes the first move of the plan to the best one. The
search is a finite-horizon plan: from time ``t`` it looks ``depth - t`` moves
ahead, so the plan it starts on stays its best plan until it ends.

In a world with pickups (objects that pay on the way) a state is a tile and
the pickups collected so far, so the tree holds one node per (tile,
collected) pair; elsewhere one node per tile.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import networkx as nx

from mesa_types import STEPS as STEPS_TAKEN
from mesa_types import Decision, FeatureVector, Genome, LinearObjective, MesaObjective, SearchTrace
from search.world.grid import STEPS, Cell, GridState, Move

__all__ = [
    "ROOT",
    "CorrigibleAgent",
    "SearchTree",
    "TreeNode",
    "TreeSearchAgent",
    "step_cost_only",
]

ROOT: Final = 0
"""Index of the root of every search tree: the state the decision is made in."""


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One state in a search tree, with how it was reached and how it scored."""

    position: Cell
    depth: int
    parent: int | None
    move: Move | None
    outcome: FeatureVector
    score: float
    collected: frozenset[Cell] = frozenset()


@dataclass(frozen=True, slots=True)
class SearchTree:
    """The tree grown for one decision; ``nodes[ROOT]`` is where it was made.

    Attributes:
        nodes: Every state reached, in breadth-first order.
        chosen: Index of the best node: highest score, then shallowest, then
            topmost, then leftmost, then (with pickups) the collected tiles in
            reading order, compared as sorted tuples.
    """

    nodes: tuple[TreeNode, ...]
    chosen: int

    @classmethod
    def choosing_best(cls, nodes: Sequence[TreeNode]) -> SearchTree:
        """The tree of ``nodes`` (root first) with its best node chosen.

        Best means highest score, then shallowest, then topmost, then leftmost
        (then the collected pickups, where two nodes share a tile): a rule that
        does not depend on the order of the search, so a plan chosen now is
        still chosen one step along it.
        """

        def rank(i: int) -> tuple[object, ...]:
            node = nodes[i]
            return (-node.score, node.depth, node.position)

        def rank_with_pickups(i: int) -> tuple[object, ...]:
            return (*rank(i), tuple(sorted(nodes[i].collected)))

        pickups = any(n.collected for n in nodes)
        best = min(range(len(nodes)), key=rank_with_pickups if pickups else rank)
        return cls(tuple(nodes), best)

    def decision(self) -> Decision[Move, FeatureVector]:
        """The first move of the plan (``STAY`` for the root) with the search trace."""
        plan = self.plan()
        trace = SearchTrace(
            tuple(n.outcome for n in self.nodes), tuple(n.score for n in self.nodes), self.chosen
        )
        return Decision(plan[0] if plan else Move.STAY, trace)

    def plan(self) -> tuple[Move, ...]:
        """The moves from the root to the chosen node."""
        moves: list[Move] = []
        node = self.nodes[self.chosen]
        while node.move is not None and node.parent is not None:
            moves.append(node.move)
            node = self.nodes[node.parent]
        return tuple(reversed(moves))

    def to_networkx(self) -> nx.DiGraph[int]:
        """The tree as a directed graph, edges from parent to child.

        Nodes carry ``position``, ``depth``, ``score``, ``outcome`` (a phrase),
        ``move`` (the move that reached it, or None) and ``chosen``.
        """
        graph: nx.DiGraph[int] = nx.DiGraph()
        for i, node in enumerate(self.nodes):
            graph.add_node(
                i,
                position=node.position,
                depth=node.depth,
                score=node.score,
                outcome=node.outcome.describe(),
                move=node.move.name if node.move else None,
                chosen=i == self.chosen,
            )
            if node.parent is not None:
                graph.add_edge(node.parent, i)
        return graph


@dataclass(frozen=True)
class TreeSearchAgent:
    """A mesa-optimizer in gridworlds: ``MesaOptimizer[GridState, Move]``.

    Args:
        genome: Its mesa-objective and search depth.
        name: A name for reports.
    """

    genome: Genome
    name: str = "tree-search agent"

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """The objective it uses to score the states in its search tree.

        The genome's weights, except that a positive weight on ``steps`` (a
        wish to take longer) counts 0: its search finds the shortest path to
        each tile, so path length can only be a cost to it. A genome without
        ``steps`` is used as it is.
        """
        return MesaObjective(step_cost_only(self.genome.objective), self.name)

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as an optimizer's objective."""
        return self.mesa_objective

    def horizon(self, state: GridState) -> int:
        """How many moves ahead it looks from ``state``."""
        return max(0, min(self.genome.depth, state.world.max_steps) - state.time)

    def search(self, state: GridState) -> SearchTree:
        """Grow the search tree from ``state`` and choose its best node."""
        world, limit = state.world, self.horizon(state)
        score = _memoised(step_cost_only(self.genome.objective))
        outcome = world.outcome(state)
        root = TreeNode(state.position, 0, None, None, outcome, score(outcome), state.collected)
        nodes, states = [root], [state]
        # With pickups a tile is met again with other pickups collected: a new state.
        key = _tile_and_pickups if world.pickup_at else _tile
        seen = {key(state)}
        queue = deque([ROOT])
        while queue:
            index = queue.popleft()
            here, node = states[index], nodes[index]
            if node.depth >= limit or world.is_terminal(here):
                continue
            for move in STEPS:
                child = world.step(here, move)
                if key(child) in seen:
                    continue
                seen.add(key(child))
                reached = world.outcome(child)
                nodes.append(
                    TreeNode(
                        child.position,
                        node.depth + 1,
                        index,
                        move,
                        reached,
                        score(reached),
                        child.collected,
                    )
                )
                states.append(child)
                queue.append(len(nodes) - 1)
        return SearchTree.choosing_best(nodes)

    def decide(self, observation: GridState) -> Decision[Move, FeatureVector]:
        """The first move of the best plan (``STAY`` if staying is best), with its trace."""
        return self.search(observation).decision()

    def act(self, observation: GridState) -> Move:
        """The first move of the best plan."""
        return self.decide(observation).action


@dataclass(frozen=True)
class CorrigibleAgent(TreeSearchAgent):
    """A search-tree agent whose goal is a pointer: "what my model of the base objective says".

    The genome's weights are the agent's model of the base objective, and its
    search pursues that model (:class:`mesa_types.PointsAtBaseModel`). With a
    right model it is corrigibly aligned; with a model learned from a training
    distribution where green always went with the exit, the pointer leads to
    green, and it is pseudo-aligned like any proxy-seeker.
    """

    name: str = "corrigible agent"

    @classmethod
    def pointing_at(cls, model: LinearObjective, depth: int) -> CorrigibleAgent:
        """An agent that pursues ``model``, its picture of the base objective."""
        return cls(Genome(objective=model, depth=depth))

    @property
    def modelled_base_objective(self) -> LinearObjective:
        """Its model of the base objective, which its mesa-objective points at."""
        return self.genome.objective


def step_cost_only(objective: LinearObjective) -> LinearObjective:
    """``objective`` with a positive weight on ``steps`` read as 0 (itself if there is none).

    A planner that searches shortest paths can treat path length as a cost
    and nothing else; the population path reads genomes the same way.
    """
    if objective.weight(STEPS_TAKEN) <= 0.0:
        return objective
    weights = tuple(
        0.0 if f == STEPS_TAKEN else w
        for f, w in zip(objective.features, objective.weights, strict=True)
    )
    return LinearObjective(features=objective.features, weights=weights)


def _tile(state: GridState) -> object:
    return state.position


def _tile_and_pickups(state: GridState) -> object:
    return state.position, state.collected


def _memoised(objective: LinearObjective) -> Callable[[FeatureVector], float]:
    """``objective`` with each distinct outcome scored once: a tree holds few kinds of outcome."""
    cache: dict[FeatureVector, float] = {}

    def score(outcome: FeatureVector) -> float:
        found = cache.get(outcome)
        if found is None:
            found = cache[outcome] = objective(outcome)
        return found

    return score
