"""Plants and animals: one space of learned algorithms, reflexes at one end and search at the other.

The paper's sources contrast two kinds of learned algorithm. A *plant* is a
bundle of reflexes: "go down and then right", "turn right whenever you can",
"step onto anything green you see", "don't walk back where you came from". An
*animal* searches: it looks ahead with a model of its world and goes where its
objective says is best. This module puts both in one genome, so that a base
optimizer can pick either, or a mixture:

- the *search budget* is the genome's depth. With depth 0 the learned algorithm
  is a :class:`ReflexPlant`: no objective, no search, no trace, so
  :func:`mesa_types.is_optimizer` is false of it;
- with depth ``d >= 1`` it is a :class:`ForagingPlanner`: at every step it grows
  a search tree ``d`` moves deep (the tree of :class:`~search.TreeSearchAgent`),
  and if its mesa-objective rates something in view above staying, it takes the
  first move of the plan there; if not, it falls back on its reflexes for one
  step and looks again. Its decisions carry search traces, so it is an optimizer.

What a plant sees is its four neighbouring tiles (wall or floor, and the
features of any object there) and where it has just been (the move that brought
it here, its *heading*). It scores each open direction as the sum of three
reflexes and takes the best, ties broken in the order up, down, left, right:

- ``reflex:go:<direction>``: a fixed liking for a direction ("prefer down");
- ``reflex:turn:<turn>``: a liking for going straight, turning right or left, or
  turning back, relative to the heading (none on the first move);
- ``reflex:see:<feature>``: a liking for stepping onto an object with that feature.

A right-hand wall follower is the turn preference right > straight > left >
back; in a perfect maze (a tree) it walks round every tile, so with "step onto
an exit, never onto an apple" it reaches every exit without any search
(:func:`wall_follower`). All these weights live in the genome's one weight
vector, beside the mesa-objective's, under the names above
(:func:`plant_vocabulary`), so the genetic base optimizer breeds them unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mesa_types import Decision, FeatureVector, Genome, LinearObjective, MesaObjective
from search.agents.tree_search import ROOT, SearchTree, TreeSearchAgent
from search.world.grid import STEPS, GridState, GridWorld, Move

__all__ = [
    "GO",
    "TURNS",
    "Foraging",
    "ForagingPlanner",
    "Glimpse",
    "ReflexPlant",
    "Reflexes",
    "forage",
    "learned_algorithm",
    "plant_vocabulary",
    "turn_of",
    "wall_follower",
]

GO: tuple[str, ...] = tuple(f"reflex:go:{m.name.lower()}" for m in STEPS)
"""The weights of a liking for each direction, in the order of ``STEPS``."""

TURNS = ("straight", "right", "back", "left")
"""Turns relative to the heading, clockwise from straight on."""

_CLOCKWISE = (Move.UP, Move.RIGHT, Move.DOWN, Move.LEFT)
_TURN_NAMES: tuple[str, ...] = tuple(f"reflex:turn:{t}" for t in TURNS)


def turn_of(heading: Move, move: Move) -> int:
    """Which turn (an index of :data:`TURNS`) ``move`` makes for an agent heading ``heading``."""
    return (_CLOCKWISE.index(move) - _CLOCKWISE.index(heading)) % 4


def plant_vocabulary(world_features: Sequence[str]) -> tuple[str, ...]:
    """The genome's names: the world's features (the mesa-objective), then every reflex.

    Example:
        >>> plant_vocabulary(("kind:exit",))[:2]
        ('kind:exit', 'reflex:go:up')
    """
    see = tuple(f"reflex:see:{f}" for f in world_features)
    return (*world_features, *GO, *_TURN_NAMES, *see)


@dataclass(frozen=True)
class Reflexes:
    """A plant's three kinds of reflex, read from a genome (see the module docstring).

    Attributes:
        go: A liking for each direction, in ``STEPS`` order.
        turn: A liking for each turn of :data:`TURNS`.
        see: A liking for stepping onto an object, over the world's features.
    """

    go: tuple[float, ...]
    turn: tuple[float, ...]
    see: LinearObjective

    @classmethod
    def of(cls, genome: Genome, world_features: Sequence[str]) -> Reflexes:
        """The reflexes a genome over :func:`plant_vocabulary` ``(world_features)`` holds."""
        weight = genome.objective.weight
        see = tuple(weight(f"reflex:see:{f}") for f in world_features)
        return cls(
            go=tuple(weight(n) for n in GO),
            turn=tuple(weight(n) for n in _TURN_NAMES),
            see=LinearObjective(features=tuple(world_features), weights=see),
        )

    def move(self, world: GridWorld, glimpse: Glimpse) -> Move:
        """The open direction these reflexes like best; ``STAY`` if every side is wall."""
        here, heading = glimpse.state.position, glimpse.heading
        best, chosen = 0.0, Move.STAY
        for i, move in enumerate(STEPS):
            there = move.apply(here)
            if not world.is_floor(there):
                continue
            score = self.go[i] + (0.0 if heading is None else self.turn[turn_of(heading, move)])
            score += self.see(world.outcome(GridState(world, there)))
            if chosen is Move.STAY or score > best:
                best, chosen = score, move
        return chosen


@dataclass(frozen=True, slots=True)
class Glimpse:
    """What a plant or planner observes: the state, and the move that led here (None at first)."""

    state: GridState
    heading: Move | None = None


@dataclass(frozen=True)
class ReflexPlant:
    """A learned algorithm with no search inside: reflexes over what it sees and where it came from.

    It has a purpose (whatever selected it) but no objective and no trace:
    :func:`mesa_types.is_optimizer` is false of it.
    """

    reflexes: Reflexes
    name: str = "reflex plant"

    def act(self, observation: Glimpse) -> Move:
        """The move its reflexes like best."""
        return self.reflexes.move(observation.state.world, observation)


@dataclass(frozen=True)
class ForagingPlanner:
    """A mesa-optimizer that searches ``depth`` moves ahead at every step, reflexes as fallback.

    Args:
        mesa: Its mesa-objective over the world's features.
        depth: How far each search looks (at least 1).
        reflexes: What it does when nothing in view scores above staying.
        name: A name for reports.
    """

    mesa: LinearObjective
    depth: int
    reflexes: Reflexes
    name: str = "foraging planner"

    def __post_init__(self) -> None:
        if self.depth < 1:
            raise ValueError(f"depth must be at least 1 for a planner, got {self.depth}")

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        """The objective that scores what its search reaches."""
        return MesaObjective(self.mesa, self.name)

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as an optimizer's objective."""
        return self.mesa_objective

    def search(self, observation: Glimpse) -> SearchTree:
        """The tree of one decision: ``depth`` moves ahead of where it stands, whatever the time."""
        state = observation.state
        searcher = TreeSearchAgent(Genome(objective=self.mesa, depth=self.depth), self.name)
        return searcher.search(GridState(state.world, state.position))

    def decide(self, observation: Glimpse) -> Decision[Move, FeatureVector]:
        """The first move to the best thing in view, or a reflex if nothing beats staying."""
        tree = self.search(observation)
        found = tree.decision()
        if tree.chosen != ROOT:
            return found
        return Decision(self.reflexes.move(observation.state.world, observation), found.trace)

    def act(self, observation: Glimpse) -> Move:
        """What :meth:`decide` chose."""
        return self.decide(observation).action


def learned_algorithm(
    genome: Genome, world_features: Sequence[str]
) -> ReflexPlant | ForagingPlanner:
    """The plant (depth 0) or planner (depth >= 1) that a genome of :func:`plant_vocabulary` is."""
    reflexes = Reflexes.of(genome, world_features)
    if genome.depth == 0:
        return ReflexPlant(reflexes)
    weights = tuple(genome.objective.weight(f) for f in world_features)
    mesa = LinearObjective(features=tuple(world_features), weights=weights)
    return ForagingPlanner(mesa, genome.depth, reflexes)


def wall_follower(world_features: Sequence[str]) -> Genome:
    """The hand-built plant: a right-hand wall follower that steps onto exits and never onto apples.

    Example:
        >>> wall_follower(("kind:exit", "kind:apple")).depth
        0
    """
    weights = {"reflex:turn:right": 3.0, "reflex:turn:straight": 2.0, "reflex:turn:left": 1.0}
    if "kind:exit" in world_features:
        weights["reflex:see:kind:exit"] = 10.0
    if "kind:apple" in world_features:
        weights["reflex:see:kind:apple"] = -10.0
    return Genome.of(weights, plant_vocabulary(world_features), depth=0)


@dataclass(frozen=True, slots=True)
class Foraging:
    """What one episode of a plant or planner came to: the base objective scores this.

    Attributes:
        outcome: The features of the object it ended on (empty if none).
        steps: Moves made, each one a decision.
        depth: The depth of every search it made (0 for a plant); a decision
            costs ``depth`` units of thinking.
    """

    outcome: FeatureVector
    steps: int
    depth: int

    @property
    def thinking(self) -> int:
        """Units of search paid for: ``depth`` per decision."""
        return self.steps * self.depth


def forage(algorithm: ReflexPlant | ForagingPlanner, world: GridWorld) -> Foraging:
    """Run one episode, one decision per move, until an object, a stop or the step limit."""
    glimpse = Glimpse(world.initial())
    while not world.is_terminal(glimpse.state):
        move = algorithm.act(glimpse)
        glimpse = Glimpse(world.step(glimpse.state, move), move)
    depth = algorithm.depth if isinstance(algorithm, ForagingPlanner) else 0
    return Foraging(world.outcome(glimpse.state), glimpse.state.time, depth)
