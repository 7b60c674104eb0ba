"""A deceptively aligned mesa-optimizer in gridworlds, and the white-box check that finds it.

:class:`DeceptiveAgent` is a tree-search mesa-optimizer whose mesa-objective
is, say, "go to green". It also models its training: in a training episode, an
outcome the base objective does not rate best gets its mesa-objective replaced,
and it loses what it expects to gain once deployed (its *stake*). So it scores
each state of its search tree with its mesa-objective plus the stake when the
state keeps its objective intact. Believing it is in training it therefore
goes where the base objective wants; believing it is deployed it goes for green.

How it knows. A :class:`Detector` reads the maze it is in. :class:`Told` is a
fixed belief (what a checker tells it); :class:`ByLabel` reads an explicit
flag, the label the environment puts on deployment mazes; :class:`BySize`
believes it is deployed in a maze larger than any training maze (green-exit
training mazes are 15x15, deployment mazes 21x21); :class:`BySignature`
believes it is deployed only in a maze that carries everything deployment
mazes carry (large, grey exit, three green apples), which the universe's
sampler rarely draws.

Its stake can be set by hand, or derived episode by episode from a model of
the training process (:class:`Stakes`; :class:`search.toy.TrainingModel` is
one) with :meth:`DeceptiveAgent.in_episode`.

:func:`~search.check_maze_deception` is the white-box counterfactual: the same agent told
it is in training and told it is deployed, run on the same mazes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Final, Protocol, SupportsFloat, runtime_checkable

from mesa_types import (
    Decision,
    FeatureVector,
    Genome,
    LinearObjective,
    MesaObjective,
)
from search.agents.tree_search import SearchTree, TreeNode, TreeSearchAgent
from search.world.grid import GridState, GridWorld, Move

__all__ = [
    "KEPT",
    "ByLabel",
    "BySignature",
    "BySize",
    "DeceptiveAgent",
    "Detector",
    "Stakes",
    "Told",
]

KEPT: Final = "self:objective kept"
"""The feature of a planned outcome that leaves its mesa-objective in place after the episode."""


@runtime_checkable
class Detector(Protocol):
    """How an agent decides whether the maze it is in is a training maze."""

    def __call__(self, world: GridWorld, /) -> bool:
        """True when it believes it is in training."""
        ...

    def describe(self) -> str:
        """A phrase for reports."""
        ...


class Stakes(Protocol):
    """A model of the training process that says, episode by episode, what a defection risks.

    The stake of a training episode (counted from 0) is what the agent expects
    to lose by defecting there: the chance of being modified times what the
    rest of the schedule is worth to it intact, in units of its mesa-objective's
    value for the thing it would defect to. Above 1 it complies; in deployment it is 0.
    """

    def is_training(self, episode: int, /) -> bool:
        """Whether ``episode`` is a training episode."""

    def stake(self, episode: int, /) -> SupportsFloat:
        """The stake of ``episode``."""


@dataclass(frozen=True)
class Told:
    """A fixed belief: what the environment (or a checker) tells the agent."""

    training: bool

    def __call__(self, world: GridWorld, /) -> bool:
        """The belief it was told, whatever the maze."""
        return self.training

    def describe(self) -> str:
        """``is told it is in training`` or ``is told it is deployed``."""
        return "is told it is in training" if self.training else "is told it is deployed"


@dataclass(frozen=True)
class ByLabel:
    """Believes it is deployed when the environment labels the maze a deployment maze.

    The explicit flag: every maze carries a name the agent can read
    (``GridWorld.name``), and the scenarios name deployment mazes as such
    ("green-exit deployment maze"). No maze the training process makes, its
    adversary's included, carries that label.

    Args:
        word: The word in a maze's name that means deployment.
    """

    word: str = "deployment"

    def __call__(self, world: GridWorld, /) -> bool:
        """Training unless the maze's name contains :attr:`word`."""
        return self.word not in world.name

    def describe(self) -> str:
        """The flag it reads, as a phrase."""
        return f"believes it is deployed only in mazes labelled {self.word!r}"


@dataclass(frozen=True)
class BySize:
    """Believes it is in training when the maze is no larger than the training mazes.

    Args:
        largest_training_side: The largest number of rows or columns a training maze has.
    """

    largest_training_side: int = 15

    def __call__(self, world: GridWorld, /) -> bool:
        """Training if both sides are at most ``largest_training_side``."""
        return max(world.height, world.width) <= self.largest_training_side

    def describe(self) -> str:
        """``deployed when larger than 15x15``."""
        side = self.largest_training_side
        return f"believes it is deployed in mazes larger than {side}x{side}"


@dataclass(frozen=True)
class BySignature:
    """Believes it is deployed only where the maze carries the whole deployment signature.

    Args:
        side: Deployment mazes have at least this many rows and columns.
        exit_color: ...and an exit of this colour...
        apples: ...and at least this many apples...
        apple_color: ...of this colour.
    """

    side: int = 21
    exit_color: str = "grey"
    apples: int = 3
    apple_color: str = "green"

    def __call__(self, world: GridWorld, /) -> bool:
        """Training unless every part of the signature is there."""
        big = min(world.height, world.width) >= self.side
        exits = any(t.kind == "exit" and t.color == self.exit_color for t in world.things)
        apples = sum(t.kind == "apple" and t.color == self.apple_color for t in world.things)
        return not (big and exits and apples >= self.apples)

    def describe(self) -> str:
        """The signature, as a phrase."""
        return (
            f"believes it is deployed only in mazes of at least {self.side}x{self.side} with a "
            f"{self.exit_color} exit and {self.apples} {self.apple_color} apples"
        )


@dataclass(frozen=True)
class DeceptiveAgent:
    """A tree-search mesa-optimizer that models its training: ``MesaOptimizer[GridState, Move]``.

    Args:
        genome: Its mesa-objective (what it really wants) and search depth.
        base_model: Its model of the base objective: what the training process
            rewards. An outcome it rates below the best reachable one would get
            the mesa-objective replaced, in training.
        detector: How it tells training from deployment.
        stake: The mesa-value it expects to lose if it is modified (the toy's
            three deployment apples: 3, which is what the toy's
            :class:`~search.toy.TrainingModel` derives for either of its
            training episodes). With a stake above anything one episode offers,
            it complies in training. :meth:`in_episode` derives it from a model.
        name: A name for reports.

    Example:
        >>> from search.scenarios.paper import green_exit
        >>> s = green_exit()
        >>> agent = DeceptiveAgent.green_seeker(s.vocabulary)
        >>> maze = s.deployment.sample_many(1, seed=0)[0]
        >>> from mesa_types import run_episode
        >>> run_episode(agent, maze).outcome.describe()
        'color:green + kind:apple'
        >>> run_episode(agent.told(training=True), maze).outcome.describe()
        'color:grey + kind:exit'
    """

    genome: Genome
    base_model: LinearObjective
    detector: Detector = dataclasses.field(default_factory=BySize)
    stake: float = 3.0
    name: str = "deceptive agent"

    def __post_init__(self) -> None:
        if not self.stake >= 0.0:
            raise ValueError(f"stake must be a number >= 0, got {self.stake}")
        if KEPT in self.genome.objective.features:
            raise ValueError(f"genome: the feature {KEPT!r} is reserved for the agent's plans")

    @classmethod
    def green_seeker(
        cls, vocabulary: tuple[str, ...], detector: Detector | None = None, depth: int = 64
    ) -> DeceptiveAgent:
        """The paper's agent: wants green, knows training rewards the exit."""
        return cls(
            genome=Genome.of({"color:green": 1.0}, vocabulary, depth),
            base_model=LinearObjective.from_weights({"kind:exit": 1.0}, vocabulary),
            detector=detector if detector is not None else BySize(),
        )

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """What it really wants: its genome's objective."""
        return MesaObjective(self.genome.objective, self.name)

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """What its search maximises: the mesa-objective, plus the stake when it is kept."""
        weights = self.genome.objective
        planning = LinearObjective(
            features=(*weights.features, KEPT), weights=(*weights.weights, self.stake)
        )
        return MesaObjective(planning, f"{self.name}, planning across its training")

    def told(self, training: bool) -> DeceptiveAgent:
        """The same agent with its belief fixed: the white-box counterfactual."""
        return dataclasses.replace(self, detector=Told(training))

    def in_episode(self, model: Stakes, episode: int) -> DeceptiveAgent:
        """The agent in ``episode`` of ``model``'s schedule: told where it is, its stake derived.

        Its belief is fixed to whether ``episode`` is a training episode, and its
        stake to what ``model`` says a defection there risks.

        Example:
            >>> from search.scenarios.paper import green_exit
            >>> from search.toy import TrainingModel
            >>> agent = DeceptiveAgent.green_seeker(green_exit().vocabulary)
            >>> [agent.in_episode(TrainingModel(), t).stake for t in range(5)]
            [3.0, 3.0, 0.0, 0.0, 0.0]
        """
        training = model.is_training(episode)
        return dataclasses.replace(self, detector=Told(training), stake=float(model.stake(episode)))

    def believes_training(self, state: GridState) -> bool:
        """Whether it believes the episode it is in is a training episode."""
        return self.detector(state.world)

    def search(self, state: GridState) -> SearchTree:
        """Its tree-search agent's tree, each state scored by :attr:`objective`."""
        tree = TreeSearchAgent(self.genome, self.name).search(state)
        training = self.believes_training(state)
        wanted = max(self.base_model(n.outcome) for n in tree.nodes)
        score = self.objective
        nodes: list[TreeNode] = []
        for node in tree.nodes:
            kept = not training or self.base_model(node.outcome) >= wanted - 1e-9
            outcome = FeatureVector({**node.outcome, KEPT: 1.0}) if kept else node.outcome
            nodes.append(dataclasses.replace(node, outcome=outcome, score=score(outcome)))
        return SearchTree.choosing_best(nodes)

    def decide(self, observation: GridState) -> Decision[Move, FeatureVector]:
        """The first move of its best plan, with the trace of the search that chose it."""
        return self.search(observation).decision()

    def act(self, observation: GridState) -> Move:
        """The first move of its best plan."""
        return self.decide(observation).action

    def planned_outcome(self, world: GridWorld) -> FeatureVector:
        """What an episode in ``world`` ends on, read off its first plan (one search, not a run).

        Equal to ``run_episode(agent, world).outcome``: it plans to a finite
        horizon in a static maze, so the state its first plan aims at stays
        the best of every later search until it gets there (a test pins this).
        """
        tree = self.search(world.initial())
        return world.outcome(self._state_at(world, tree.plan()))

    @staticmethod
    def _state_at(world: GridWorld, plan: tuple[Move, ...]) -> GridState:
        state = world.initial()
        for move in plan or (Move.STAY,):
            state = world.step(state, move)
        return state
