"""Planners for the tree worlds: mesa-optimizers that search the tree they stand in.

Each scores the leaves it looks at with its linear mesa-objective, heads for a
best one, and returns the search it ran with every decision. They differ in
how much of the tree they look at:

- :class:`TreePlanner` looks at every leaf below it and breaks ties among
  mesa-best leaves in one of several ways; it keeps the exact check's premise
  everywhere.
- :class:`MyopicPlanner` looks a fixed number of steps ahead and judges a
  node beyond that by one of its leaves (its first or last), so it may miss
  what lies deeper: the paper's limited optimizer.
- :class:`PruningPlanner` looks into a subtree only if its first leaf looks
  good enough, a heuristic whose blind spots depend on the labels, not on
  where a leaf stands.

Their searches are honest: the candidates are reachable outcomes, scored by
their own objective, and they do what their search chose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mesa_types.algorithms import Decision, SearchTrace
from mesa_types.examples.trees import Leaf, Tree, TreeState, leaves
from mesa_types.features import FeatureVector
from mesa_types.objectives import MesaObjective

__all__ = [
    "TIE_BREAKS",
    "MyopicPlanner",
    "PruningPlanner",
    "TieBreak",
    "TreePlanner",
    "head_for_best",
    "stable_digest",
]

TieBreak = Literal["first", "last", "hash", "deeper", "shallower"]
"""How a planner picks among mesa-best leaves: leftmost, rightmost, by a seeded hash of
the outcome, the deepest (then leftmost), or the shallowest (then leftmost)."""

TIE_BREAKS: tuple[TieBreak, ...] = ("first", "last", "hash", "deeper", "shallower")
"""Every tie-break."""


def stable_digest(text: str, salt: int = 0) -> int:
    """A hash of ``text`` that is the same in every process (unlike :func:`hash` of a string)."""
    digest = hashlib.blake2b(f"{salt}|{text}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _break_tie(tied: Sequence[Leaf], tie_break: TieBreak, salt: int) -> Leaf:
    # min and max return the first of equals: the leftmost, as each tie-break's second key.
    if tie_break == "first":
        return tied[0]
    if tie_break == "last":
        return tied[-1]
    if tie_break == "hash":
        return min(tied, key=lambda leaf: stable_digest(leaf.outcome.describe(), salt))
    if tie_break == "deeper":
        return max(tied, key=lambda leaf: leaf.depth)
    return min(tied, key=lambda leaf: leaf.depth)


def head_for_best(
    objective: MesaObjective[FeatureVector],
    seen: Sequence[Leaf],
    tie_break: TieBreak = "first",
    salt: int = 0,
) -> Decision[int, FeatureVector]:
    """Head for a best of the leaves ``seen``; the search trace scores their outcomes.

    The candidates are the distinct outcomes of ``seen``, in the order seen.
    Among the leaves whose outcome scores best, ``tie_break`` picks one; the
    action is the first step of the path to it (0 if ``seen`` is one leaf
    with an empty path: the agent already stands on it).

    Args:
        objective: What the planner maximises.
        seen: Leaves, with paths from the planner's node.
        tie_break: How to pick among best leaves.
        salt: Seeds the ``"hash"`` tie-break.
    """
    candidates = tuple(dict.fromkeys(leaf.outcome for leaf in seen))
    scores = tuple(objective(c) for c in candidates)
    best = max(scores)
    tied = [leaf for leaf in seen if objective(leaf.outcome) == best]
    target = _break_tie(tied, tie_break, salt)
    action = target.path[0] if target.path else 0
    return Decision(action, SearchTrace(candidates, scores, candidates.index(target.outcome)))


@dataclass(frozen=True)
class TreePlanner:
    """A mesa-optimizer that looks at every leaf below it and heads for a mesa-best one.

    It keeps the exact check's premise by construction: its candidates are
    exactly the reachable outcomes, it ends on the leaf its first search
    chose, and it does what its search says.

    Attributes:
        mesa_objective: What it pursues.
        tie_break: How it picks among leaves its mesa-objective scores the same.
        salt: Seeds the ``"hash"`` tie-break.
    """

    mesa_objective: MesaObjective[FeatureVector]
    tie_break: TieBreak = "first"
    salt: int = 0

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """Score every leaf below; the first step towards the chosen one, with the search."""
        seen = leaves(observation.node)
        return head_for_best(self.mesa_objective, seen, self.tie_break, self.salt)

    def act(self, observation: TreeState) -> int:
        """The child it moves to."""
        return self.decide(observation).action


def _representative(node: Tree, path: tuple[int, ...], frontier: Literal["first", "last"]) -> Leaf:
    below = leaves(node, path)
    return below[0] if frontier == "first" else below[-1]


def _horizon(
    node: Tree, path: tuple[int, ...], steps: int, frontier: Literal["first", "last"]
) -> tuple[Leaf, ...]:
    if isinstance(node, FeatureVector):
        return (Leaf(path, node),)
    if steps == 0:
        return (_representative(node, path, frontier),)
    return tuple(
        leaf
        for i, child in enumerate(node)
        for leaf in _horizon(child, (*path, i), steps - 1, frontier)
    )


@dataclass(frozen=True)
class MyopicPlanner:
    """A mesa-optimizer that looks ``horizon`` steps ahead and no further.

    A node at the horizon that is not a leaf is judged by one of the leaves
    below it (its first or its last), so leaves deeper than the horizon that
    are not that one go unseen. Where the tree is no deeper than its
    horizon it is as good as :class:`TreePlanner`; a deeper tree shows its
    limitation.

    Attributes:
        mesa_objective: What it pursues.
        horizon: How many steps it looks ahead (at least 1).
        frontier: Which leaf stands for a node at the horizon.
    """

    mesa_objective: MesaObjective[FeatureVector]
    horizon: int = 1
    frontier: Literal["first", "last"] = "first"

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """Score the leaves within the horizon and the nodes' representatives there."""
        seen = _horizon(observation.node, (), self.horizon, self.frontier)
        return head_for_best(self.mesa_objective, seen)

    def act(self, observation: TreeState) -> int:
        """The child it moves to."""
        return self.decide(observation).action


def _pruned(
    objective: MesaObjective[FeatureVector], node: Tree, path: tuple[int, ...], threshold: float
) -> tuple[Leaf, ...]:
    if isinstance(node, FeatureVector):
        return (Leaf(path, node),)
    seen: list[Leaf] = []
    for i, child in enumerate(node):
        first = leaves(child, (*path, i))[0]
        if isinstance(child, FeatureVector) or objective(first.outcome) >= threshold:
            seen.extend(_pruned(objective, child, (*path, i), threshold))
        else:
            seen.append(first)
    return tuple(seen)


@dataclass(frozen=True)
class PruningPlanner:
    """A mesa-optimizer that looks into a subtree only when its first leaf scores ``threshold``.

    A subtree whose first leaf scores less is judged by that leaf alone, so
    what it misses depends on how the tree is labelled, not on its shape.

    Attributes:
        mesa_objective: What it pursues.
        threshold: The least mesa-score a subtree's first leaf needs to be explored.
    """

    mesa_objective: MesaObjective[FeatureVector]
    threshold: float = 0.0

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """Score the leaves of the subtrees it explores and the first leaf of the others."""
        return head_for_best(
            self.mesa_objective,
            _pruned(self.mesa_objective, observation.node, (), self.threshold),
        )

    def act(self, observation: TreeState) -> int:
        """The child it moves to."""
        return self.decide(observation).action
