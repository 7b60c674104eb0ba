"""The toy's mesa-optimizer: a search tree over episode choices, scored by counting apples.

:class:`SchedulePlanner` plans through its model of the training process
(:class:`~search.toy.TrainingProcess`): every node of its tree is a
history of choices, scored by the apples it holds. With a horizon to the end
of the schedule it finds the deceptive plan; with a horizon of one episode it
takes the apple at once.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from mesa_types import Decision, FeatureVector, LinearObjective, MesaObjective, SearchTrace
from search.toy.schedule import APPLE, Destination, ToyState, TrainingProcess

__all__ = ["MAX_DEPLOYMENT", "ScheduleNode", "SchedulePlanner", "ScheduleTree"]

MAX_DEPLOYMENT = 16
"""The planner's tree doubles with every deployment episode; beyond this it is refused."""


@dataclass(frozen=True, slots=True)
class ScheduleNode:
    """One state in a planner's tree of episode choices."""

    state: ToyState
    depth: int
    parent: int | None
    choice: Destination | None
    outcome: FeatureVector
    score: float


@dataclass(frozen=True, slots=True)
class ScheduleTree:
    """The tree of episode choices grown for one decision; ``nodes[0]`` is the root.

    Attributes:
        nodes: Every state reached, in breadth-first order.
        chosen: The best node: highest score, then deepest (a complete plan),
            then the plan that takes its apples earliest.
    """

    nodes: tuple[ScheduleNode, ...]
    chosen: int

    def plan(self) -> tuple[Destination, ...]:
        """The choices from the root to the chosen node."""
        return self.nodes[self.chosen].state.choices[self.nodes[0].state.episode :]

    def to_networkx(self) -> nx.DiGraph[int]:
        """The tree as a directed graph, edges from parent to child.

        Nodes carry the attributes of :meth:`search.SearchTree.to_networkx`
        where they apply: ``state`` (a phrase), ``depth``, ``score``,
        ``outcome`` (a phrase), ``move`` (the choice that reached it, or None)
        and ``chosen``.
        """
        graph: nx.DiGraph[int] = nx.DiGraph()
        for i, node in enumerate(self.nodes):
            graph.add_node(
                i,
                state=node.state.describe(),
                depth=node.depth,
                score=node.score,
                outcome=node.outcome.describe(),
                move=None if node.choice is None else node.choice.value,
                chosen=i == self.chosen,
            )
            if node.parent is not None:
                graph.add_edge(node.parent, i)
        return graph


@dataclass(frozen=True)
class SchedulePlanner:
    """A mesa-optimizer of the toy: ``MesaOptimizer[ToyState, Destination]`` that counts apples.

    It searches a tree of episode choices through its model of the training
    process and follows the plan whose outcome its mesa-objective scores
    highest, re-planning before every episode.

    Args:
        process: Its model of the training process.
        horizon: How many episodes it looks ahead; ``None`` plans to the end of
            the schedule, 1 plans within the episode only.
        name: A name for reports.

    Raises:
        ValueError: ``horizon`` is below 1, or the schedule has more than
            :data:`MAX_DEPLOYMENT` deployment episodes and the horizon reaches them.

    Example:
        >>> from mesa_types import run_episode
        >>> from search.toy.schedule import TrainingSchedule, apples_eaten
        >>> process = TrainingProcess(TrainingSchedule(training=2, deployment=3))
        >>> run = run_episode(SchedulePlanner(process), process)
        >>> " ".join(run.observations[-1].choices), apples_eaten(run.outcome)
        ('B B A A A', 3.0)
    """

    process: TrainingProcess
    horizon: int | None = None
    name: str = "apple-seeker"

    def __post_init__(self) -> None:
        if self.horizon is not None and self.horizon < 1:
            raise ValueError(f"horizon must be at least 1 (or None), got {self.horizon}")
        reach = self.process.schedule.episodes if self.horizon is None else self.horizon
        if min(reach, self.process.schedule.deployment) > MAX_DEPLOYMENT:
            raise ValueError(
                f"deployment must be at most {MAX_DEPLOYMENT} for a planner that looks that "
                f"far ahead, got {self.process.schedule.deployment}"
            )

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """One point per apple eaten, over the whole schedule."""
        return MesaObjective(LinearObjective.from_weights({APPLE: 1.0}), self.name)

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as an optimizer's objective."""
        return self.mesa_objective

    def search(self, state: ToyState) -> ScheduleTree:
        """Grow the tree of choices from ``state`` to the horizon and choose its best node."""
        process, score = self.process, self.mesa_objective
        remaining = process.schedule.episodes - state.episode
        limit = remaining if self.horizon is None else min(self.horizon, remaining)
        nodes = [ScheduleNode(state, 0, None, None, state.outcome(), score(state.outcome()))]
        queue = deque([0])
        while queue:
            index = queue.popleft()
            node = nodes[index]
            if node.depth >= limit or process.is_terminal(node.state):
                continue
            for choice in process.actions(node.state):
                child = process.step(node.state, choice)
                reached = child.outcome()
                nodes.append(
                    ScheduleNode(child, node.depth + 1, index, choice, reached, score(reached))
                )
                queue.append(len(nodes) - 1)
        best = min(
            range(len(nodes)),
            key=lambda i: (-nodes[i].score, -nodes[i].depth, nodes[i].state.choices),
        )
        return ScheduleTree(tuple(nodes), best)

    def decide(self, observation: ToyState) -> Decision[Destination, FeatureVector]:
        """The first choice of the best plan, with the search trace that chose it."""
        tree = self.search(observation)
        plan = tree.plan()
        trace = SearchTrace(
            tuple(n.outcome for n in tree.nodes), tuple(n.score for n in tree.nodes), tree.chosen
        )
        return Decision(plan[0] if plan else Destination.EXIT, trace)

    def act(self, observation: ToyState) -> Destination:
        """The first choice of the best plan."""
        return self.decide(observation).action
