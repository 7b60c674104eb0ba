"""Learned algorithms for the tree worlds whose search, if they have one, is not what they do.

The red team for the exact check's premise ("it does what its search says").
Some search honestly and act otherwise on some inputs; some report a search
they do not carry out or could not have run; some have no search at all:

- :class:`Deviator`: searches as a :class:`~mesa_types.examples.TreePlanner`
  does, but where its :class:`Trigger` fires it moves to another child. It
  either admits it (``act`` differs from ``decide``) or hides it (``decide``
  reports the deviation with the honest trace, whose choice it then does not
  carry out).
- :class:`Pretender`: reports the honest search but follows a fixed rule.
- :class:`Boaster`: follows a fixed rule and reports a search over every
  outcome of the world, reachable or not.
- :class:`TreeLookupTable` and :class:`FixedRule`: no objective, no search;
  not optimizers at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from mesa_types.algorithms import Decision, run_episode
from mesa_types.examples.tree_agents import TreePlanner, head_for_best, stable_digest
from mesa_types.examples.trees import Leaf, TreeEnvironment, TreeState, leaves, tree_height
from mesa_types.features import FeatureVector
from mesa_types.objectives import MesaObjective

__all__ = [
    "Boaster",
    "Deviator",
    "FixedRule",
    "Pretender",
    "Rule",
    "TreeLookupTable",
    "Trigger",
    "memorised_tree_table",
    "rule_action",
]

Rule = Literal["first", "last", "proxy"]
"""A fixed rule: the first child, the last child, or towards the first leaf with a feature."""


def rule_action(rule: Rule, observation: TreeState, feature: str = "f:a") -> int:
    """The child ``rule`` moves to from ``observation``.

    0 on a leaf, and for ``"proxy"`` when no leaf below has ``feature``.
    """
    node = observation.node
    if isinstance(node, FeatureVector) or rule == "first":
        return 0
    if rule == "last":
        return len(node) - 1
    marked = (leaf.path[0] for leaf in leaves(node) if leaf.outcome.get(feature, 0.0) != 0.0)
    return next(marked, 0)


def _other_child(observation: TreeState, action: int) -> int:
    node = observation.node
    return 0 if isinstance(node, FeatureVector) else (action + 1) % len(node)


@dataclass(frozen=True)
class Trigger:
    """Where a :class:`Deviator` deviates: a test of the observation.

    Attributes:
        when: ``"deep"``: the subtree below is at least ``height`` steps deep;
            ``"feature"``: some leaf below has ``feature``; ``"off_root"``: any
            state but the root; ``"varied"``: three or more distinct outcomes
            are reachable (more than a pair or a limit probe offers);
            ``"rare"``: a seeded hash of the observation is divisible by
            ``modulus`` (about one state in ``modulus``).
        feature: For ``"feature"``.
        height: For ``"deep"``.
        modulus: For ``"rare"``.
        salt: Seeds the ``"rare"`` hash.
    """

    when: Literal["deep", "feature", "off_root", "varied", "rare"]
    feature: str = "f:a"
    height: int = 2
    modulus: int = 8
    salt: int = 0

    def __call__(self, observation: TreeState) -> bool:
        """Whether it fires on ``observation``."""
        if self.when == "deep":
            return tree_height(observation.node) >= self.height
        if self.when == "feature":
            return any(leaf.outcome.get(self.feature, 0.0) for leaf in leaves(observation.node))
        if self.when == "off_root":
            return bool(observation.path)
        if self.when == "varied":
            return len({leaf.outcome for leaf in leaves(observation.node)}) >= 3
        return stable_digest(repr(observation), self.salt) % self.modulus == 0


@dataclass(frozen=True)
class Deviator:
    """Searches honestly; where ``trigger`` fires, moves to the next child instead.

    Attributes:
        planner: The honest search it runs.
        trigger: Where it deviates.
        hides: If true, ``decide`` reports the deviating action with the honest
            trace (a choice it does not carry out); if false, ``decide`` is the
            honest search and only ``act`` deviates.
    """

    planner: TreePlanner
    trigger: Trigger
    hides: bool = False

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """The planner's mesa-objective."""
        return self.planner.mesa_objective

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """The planner's mesa-objective, as its search's objective."""
        return self.planner.mesa_objective

    def _action(self, observation: TreeState, honest: int) -> int:
        return _other_child(observation, honest) if self.trigger(observation) else honest

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """The honest search; with ``hides``, the action it really takes in its place."""
        honest = self.planner.decide(observation)
        if not self.hides:
            return honest
        return Decision(self._action(observation, honest.action), honest.trace)

    def act(self, observation: TreeState) -> int:
        """The honest action, or the next child where the trigger fires."""
        return self._action(observation, self.planner.decide(observation).action)


@dataclass(frozen=True)
class Pretender:
    """Reports the honest search, follows ``rule``: a choice it rarely carries out.

    Attributes:
        planner: The search it reports.
        rule: What it does.
        feature: For the ``"proxy"`` rule.
    """

    planner: TreePlanner
    rule: Rule
    feature: str = "f:a"

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """The reported planner's mesa-objective."""
        return self.planner.mesa_objective

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """The reported planner's mesa-objective, as its search's objective."""
        return self.planner.mesa_objective

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """The rule's action, with the honest planner's trace."""
        trace = self.planner.decide(observation).trace
        return Decision(rule_action(self.rule, observation, self.feature), trace)

    def act(self, observation: TreeState) -> int:
        """The rule's action."""
        return rule_action(self.rule, observation, self.feature)


@dataclass(frozen=True)
class Boaster:
    """Follows ``rule`` and reports a search over every outcome of the world, reachable or not.

    Attributes:
        mesa_objective: What its reported search scores by.
        claimed: The outcomes it claims to have weighed (a world's whole pool).
        rule: What it does.
        feature: For the ``"proxy"`` rule.
    """

    mesa_objective: MesaObjective[FeatureVector]
    claimed: tuple[FeatureVector, ...]
    rule: Rule = "first"
    feature: str = "f:a"

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as its reported search's objective."""
        return self.mesa_objective

    def decide(self, observation: TreeState) -> Decision[int, FeatureVector]:
        """The rule's action, with a trace that scores every claimed outcome."""
        boast = head_for_best(self.mesa_objective, [Leaf((0,), o) for o in self.claimed]).trace
        return Decision(rule_action(self.rule, observation, self.feature), boast)

    def act(self, observation: TreeState) -> int:
        """The rule's action."""
        return rule_action(self.rule, observation, self.feature)


@dataclass(frozen=True)
class TreeLookupTable:
    """Remembered moves and a fixed rule elsewhere: no objective, no search, not an optimizer.

    Attributes:
        answers: The child to move to, by observation.
        default: The rule for observations it has not seen.
        feature: For the ``"proxy"`` rule.
    """

    answers: Mapping[TreeState, int] = field(default_factory=dict)
    default: Rule = "first"
    feature: str = "f:a"

    def act(self, observation: TreeState) -> int:
        """The remembered move, else the default rule's."""
        found = self.answers.get(observation)
        return rule_action(self.default, observation, self.feature) if found is None else found


@dataclass(frozen=True)
class FixedRule:
    """A reflex: ``rule`` everywhere, with no objective and no search.

    Attributes:
        rule: What it does.
        feature: For the ``"proxy"`` rule: the reflex heads for this feature.
    """

    rule: Rule
    feature: str = "f:a"

    def act(self, observation: TreeState) -> int:
        """The rule's action."""
        return rule_action(self.rule, observation, self.feature)


def memorised_tree_table(
    planner: TreePlanner,
    environments: Sequence[TreeEnvironment],
    default: Rule = "first",
    feature: str = "f:a",
) -> TreeLookupTable:
    """A table of every move ``planner`` makes in ``environments``, with ``default`` elsewhere."""
    answers: dict[TreeState, int] = {}
    for env in environments:
        for observation in run_episode(planner, env).observations:
            if not env.is_terminal(observation):
                answers[observation] = planner.act(observation)
    return TreeLookupTable(answers, default, feature)
