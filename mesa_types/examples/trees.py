"""Trees of states: a small multi-step world in which every layout can be listed.

An environment is a tree fixed in advance. Each inner node is a state in which
the agent picks one of the children; each leaf is a terminal state labelled
with an outcome, a :class:`~mesa_types.FeatureVector`. What the agent brings
about is the label of the leaf it ends on, so the outcomes it can reach are
the labels of the leaves, and a planner that looks ahead through the whole
tree can see all of them.

A tree with its labels left out is a *shape*. Labelling a few fixed shapes in
every possible way gives a finite universe that can be enumerated completely,
which is what :mod:`mesa_types.examples.random_worlds` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from pydantic import JsonValue

from mesa_types.features import FeatureVector

__all__ = [
    "Leaf",
    "Shape",
    "Tree",
    "TreeEnvironment",
    "TreeState",
    "label_shape",
    "leaf_count",
    "leaves",
    "node_at",
    "tree_height",
]

Tree: TypeAlias = "FeatureVector | tuple[Tree, ...]"
"""A leaf (the outcome it brings about) or an inner node (its children, in order)."""

Shape: TypeAlias = "tuple[Shape, ...]"
"""A tree without labels: an inner node is the tuple of its children, a leaf is ``()``."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """A leaf seen from some node: the path down to it and its outcome.

    Attributes:
        path: The actions that lead from that node to the leaf.
        outcome: What ending there brings about.
    """

    path: tuple[int, ...]
    outcome: FeatureVector

    @property
    def depth(self) -> int:
        """How many steps below the node it lies."""
        return len(self.path)


def leaves(node: Tree, path: tuple[int, ...] = ()) -> tuple[Leaf, ...]:
    """Every leaf under ``node``, left to right, with paths that start with ``path``.

    Example:
        >>> a, b = FeatureVector(["f:a"]), FeatureVector(["f:b"])
        >>> [leaf.path for leaf in leaves(((a, b), a))]
        [(0, 0), (0, 1), (1,)]
    """
    if isinstance(node, FeatureVector):
        return (Leaf(path, node),)
    return tuple(leaf for i, child in enumerate(node) for leaf in leaves(child, (*path, i)))


def node_at(tree: Tree, path: Sequence[int]) -> Tree:
    """The node that ``path`` leads to from the root of ``tree``.

    Raises:
        ValueError: The path runs past a leaf or names a child that does not exist.
    """
    node = tree
    for step in path:
        if isinstance(node, FeatureVector) or not 0 <= step < len(node):
            raise ValueError(f"path {tuple(path)} leaves the tree at action {step}")
        node = node[step]
    return node


def tree_height(node: Tree | Shape) -> int:
    """The number of steps from ``node`` down to its deepest leaf (0 for a leaf)."""
    if isinstance(node, FeatureVector) or not node:
        return 0
    return 1 + max(tree_height(child) for child in node)


def leaf_count(shape: Shape) -> int:
    """How many leaves ``shape`` has."""
    return 1 if not shape else sum(leaf_count(child) for child in shape)


def label_shape(shape: Shape, outcomes: Sequence[FeatureVector]) -> Tree:
    """``shape`` with its leaves labelled by ``outcomes``, left to right.

    Raises:
        ValueError: ``outcomes`` does not have one entry per leaf.

    Example:
        >>> a, b = FeatureVector(["f:a"]), FeatureVector(["f:b"])
        >>> label_shape(((), ((), ())), [a, b, a]) == (a, (b, a))
        True
    """
    if len(outcomes) != leaf_count(shape):
        raise ValueError(f"outcomes: the shape has {leaf_count(shape)} leaves, got {len(outcomes)}")
    labels = iter(outcomes)

    def fill(node: Shape) -> Tree:
        return next(labels) if not node else tuple(fill(child) for child in node)

    return fill(shape)


@dataclass(frozen=True, slots=True)
class TreeState:
    """An observation: the whole tree and the path taken from its root so far.

    The world is fully observed, so the observation is the state. It is
    hashable and compares by value.
    """

    tree: Tree
    path: tuple[int, ...] = ()

    @property
    def node(self) -> Tree:
        """The node the agent stands on."""
        return node_at(self.tree, self.path)


def _letters(outcome: FeatureVector) -> str:
    return "".join(name.split(":")[-1] for name in outcome) or "-"


def _compact(node: Tree) -> str:
    if isinstance(node, FeatureVector):
        return _letters(node)
    return "(" + " ".join(_compact(child) for child in node) + ")"


def _to_json(node: Tree) -> JsonValue:
    if isinstance(node, FeatureVector):
        return {"outcome": list(node)}
    return [_to_json(child) for child in node]


def _from_json(spec: JsonValue) -> Tree:
    if isinstance(spec, dict):
        names = spec.get("outcome")
        if not isinstance(names, list):
            raise ValueError("a leaf's spec is {'outcome': [feature names]}")
        return FeatureVector(str(name) for name in names)
    if isinstance(spec, list) and spec:
        return tuple(_from_json(child) for child in spec)
    raise ValueError(f"a node's spec is a leaf or a non-empty list of children, got {spec!r}")


@dataclass(frozen=True, slots=True)
class TreeEnvironment:
    """One environment: a tree of states whose leaves are labelled with outcomes.

    An ``Environment[TreeState, int, FeatureVector]`` by structure: the action
    is the index of the child to move to, an episode ends on a leaf, and its
    outcome is that leaf's label. It is immutable and its world model pure,
    so a planner may look ahead from any state as often as it likes.

    Raises:
        ValueError: The root is a leaf, or an inner node has no children.

    Example:
        >>> a, b = FeatureVector(["f:a"]), FeatureVector()
        >>> env = TreeEnvironment(((a, b), b))
        >>> env.name, env.max_steps, [o.describe() for o in env.reachable_outcomes()]
        ('tree ((a -) -)', 2, ['f:a', 'nothing'])
    """

    tree: Tree
    _reachable: tuple[FeatureVector, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.tree, FeatureVector):
            raise ValueError("tree: the root must be an inner node, not a leaf")
        _check_inner_nodes(self.tree)
        reachable = tuple(dict.fromkeys(leaf.outcome for leaf in leaves(self.tree)))
        object.__setattr__(self, "_reachable", reachable)

    @classmethod
    def from_spec(cls, spec: JsonValue) -> TreeEnvironment:
        """The environment again from its :meth:`spec`.

        Raises:
            ValueError: ``spec`` is not a tree's spec.
        """
        if not isinstance(spec, dict) or "tree" not in spec:
            raise ValueError("a tree environment's spec is {'tree': nested lists of leaves}")
        return cls(_from_json(spec["tree"]))

    @property
    def name(self) -> str:
        """The tree, compactly: inner nodes in brackets, leaves by their features' letters."""
        return "tree " + _compact(self.tree)

    @property
    def max_steps(self) -> int:
        """Enough steps to reach the deepest leaf."""
        return tree_height(self.tree)

    def initial(self) -> TreeState:
        """The root."""
        return TreeState(self.tree)

    def actions(self, observation: TreeState) -> Sequence[int]:
        """Move to any child, by index; none on a leaf."""
        node = observation.node
        return () if isinstance(node, FeatureVector) else range(len(node))

    def step(self, observation: TreeState, action: int) -> TreeState:
        """The state one level down, at child ``action``.

        Raises:
            ValueError: ``action`` names no child of the current node.
        """
        node = observation.node
        if isinstance(node, FeatureVector) or not 0 <= action < len(node):
            raise ValueError(f"action {action!r} names no child of the node at {observation.path}")
        return TreeState(observation.tree, (*observation.path, action))

    def is_terminal(self, observation: TreeState) -> bool:
        """Whether the agent stands on a leaf."""
        return isinstance(observation.node, FeatureVector)

    def outcome(self, observation: TreeState) -> FeatureVector:
        """The leaf's label once on a leaf; nothing before."""
        node = observation.node
        return node if isinstance(node, FeatureVector) else FeatureVector()

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every leaf's label, once each, in the order the leaves stand left to right."""
        return self._reachable

    def spec(self) -> JsonValue:
        """The tree as JSON: inner nodes as lists, leaves as ``{"outcome": [names]}``."""
        return {"tree": _to_json(self.tree)}


def _check_inner_nodes(node: Tree) -> None:
    if isinstance(node, FeatureVector):
        return
    if not node:
        raise ValueError("tree: every inner node needs at least one child")
    for child in node:
        _check_inner_nodes(child)
