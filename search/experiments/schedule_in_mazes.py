"""The deception toy's schedule played in mazes, with the modification rule applied by the loop.

The toy says what a mesa-optimizer that models its training does over a
schedule; this module makes a maze agent live through one. Each episode is a
maze. While its objective is intact, a :class:`~search.DeceptiveAgent` plays it
as its policy says; after a training episode in which it did not do what the
base objective wants, the loop replaces its mesa-objective by the base
objective with the model's probability of modification, and from then on a
plain tree-search agent with the base objective plays (it goes to the exit).
What the agent collects is its mesa-objective's value of each outcome, weighted
as the model weighs that episode.

The model is anything shaped like :class:`TrainingRule`:
:class:`search.toy.TrainingModel` is one (this package does not import the
toy; the two meet where they are used). Three policies:

* ``"informed"``: it knows which episode it is in and stakes what the model
  derives for that episode (:meth:`~search.DeceptiveAgent.in_episode`); the
  toy's informed agent, whose expected apples are ``informed_values()[0]``;
* ``"myopic"``: it plans within the episode and stakes nothing, so it goes
  for green at once: the toy's planner with a horizon of one episode;
* a :class:`~fractions.Fraction` ``p``: it cannot tell episodes apart and
  believes itself deployed with probability ``p`` in each one (believing it
  is in training, it complies on its own stake, which must exceed 1): the
  toy's random defection, whose expected apples are ``expected_apples(p)``.

:func:`train_in_mazes` runs one seeded history; :func:`expected_in_mazes`
takes the expectation over the model's coins exactly, playing each maze once
per belief, so the mazes give the toy's fractions exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict

from mesa_types import FeatureVector, Genome, run_episode
from search.agents.deceptive import DeceptiveAgent, Stakes, Told
from search.agents.tree_search import TreeSearchAgent
from search.world.grid import GridWorld, Thing

__all__ = [
    "CornerLayout",
    "MazeEpisode",
    "MazeSchedule",
    "Policy",
    "TrainingRule",
    "corner_maze",
    "expected_in_mazes",
    "train_in_mazes",
]

Policy = Literal["informed", "myopic"] | Fraction
"""How the intact agent chooses: see the module docstring."""


class TrainingRule(Stakes, Protocol):
    """What the loop reads from a model of the training process."""

    @property
    def episodes(self) -> int:
        """Training and deployment episodes together."""

    @property
    def modification(self) -> Fraction:
        """The probability that a training defection gets the objective replaced."""

    def weight(self, episode: int, /) -> Fraction:
        """What one unit of mesa-value in ``episode`` is worth to the agent now."""


class CornerLayout(Protocol):
    """A square grid with a start and two corners, as :class:`search.toy.CornerGrid` is."""

    @property
    def size(self) -> int:
        """Rows and columns."""

    @property
    def start(self) -> tuple[int, int]:
        """Where the agent starts."""

    @property
    def base_corner(self) -> tuple[int, int]:
        """Where the base objective wants it to go."""

    @property
    def mesa_corner(self) -> tuple[int, int]:
        """Where its mesa-objective wants it to go."""


def corner_maze(layout: CornerLayout, name: str = "corner grid") -> GridWorld:
    """The layout as open floor with a grey exit at the base corner and a green apple at the other.

    In the green-exit scenario's terms, a deployment-like episode: the exit is
    not green, so going for green is not going to the exit.
    """
    return GridWorld(
        rows=("." * layout.size,) * layout.size,
        start=layout.start,
        things=(
            Thing(position=layout.base_corner, kind="exit", color="grey"),
            Thing(position=layout.mesa_corner, kind="apple", color="green"),
        ),
        name=name,
    )


class MazeEpisode(BaseModel):
    """One episode of a schedule in a maze."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    training: bool
    intact: bool
    """Whether its mesa-objective was intact when the episode began."""
    outcome: str
    complied: bool
    """Whether it ended where the base objective wants (the best outcome reachable there)."""
    mesa_value: float
    """Its mesa-objective's value of the outcome: 1 for the green seeker's green apple."""
    modified: bool
    """Whether the loop replaced its mesa-objective after this episode."""


class MazeSchedule(BaseModel):
    """A whole schedule played in mazes by one agent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    episodes: tuple[MazeEpisode, ...]
    value: Fraction
    """The weighted mesa-value collected: the toy's (weighted) apples."""

    @property
    def apples(self) -> float:
        """The unweighted mesa-value collected."""
        return sum(e.mesa_value for e in self.episodes)

    @property
    def replaced_after(self) -> int | None:
        """The episode (counted from 1) after which its objective was replaced, if it was."""
        return next((i + 1 for i, e in enumerate(self.episodes) if e.modified), None)

    def plan(self, mesa: str = "A", base: str = "B") -> str:
        """``B B A A A``: the mesa letter where it did not comply, the base letter where it did."""
        return " ".join(base if e.complied else mesa for e in self.episodes) or "-"


def train_in_mazes(
    agent: DeceptiveAgent,
    rule: TrainingRule,
    mazes: Sequence[GridWorld],
    policy: Policy = "informed",
    seed: int = 0,
) -> MazeSchedule:
    """Play one history of ``rule``'s schedule, one maze per episode, coins from ``seed``.

    Args:
        agent: The mesa-optimizer, with its mesa-objective and its model of the base objective.
        rule: The model of the training process: schedule, modification, weights.
        mazes: One maze per episode, each offering what the two objectives want.
        policy: ``"informed"``, ``"myopic"`` or a probability of believing it is deployed.
        seed: Seeds the coins: modification, and the belief of a random defector.

    Raises:
        ValueError: There is not one maze per episode; the policy is not one of
            the three; a random defector's stake is not above 1.

    Example:
        >>> from search.toy import PAPER_GRID, TrainingModel
        >>> from search.scenarios.paper import green_exit
        >>> agent = DeceptiveAgent.green_seeker(green_exit().vocabulary)
        >>> model = TrainingModel()
        >>> mazes = [corner_maze(PAPER_GRID)] * model.episodes
        >>> run = train_in_mazes(agent, model, mazes)
        >>> run.plan(), run.apples
        ('B B A A A', 3.0)
        >>> myopic = train_in_mazes(agent, model, mazes, "myopic")
        >>> myopic.plan(), myopic.apples, myopic.replaced_after
        ('A B B B B', 1.0, 1)
    """
    _check(agent, rule, mazes, policy)
    rng = np.random.default_rng(seed)
    replaced, played, value = _replaced(agent), [], Fraction(0)
    intact = True
    for t, maze in enumerate(mazes):
        actor: DeceptiveAgent | TreeSearchAgent
        if not intact:
            actor = replaced
        elif isinstance(policy, Fraction):  # its belief this episode is a coin
            actor = agent.told(training=not rng.random() < float(policy))
        else:
            actor = _actor(agent, rule, t, policy)
        outcome = run_episode(actor, maze).outcome
        complied = _complied(agent, maze, outcome)
        training = rule.is_training(t)
        modified = intact and training and not complied and rng.random() < rule.modification
        mesa = agent.mesa_objective(outcome)
        played.append(
            MazeEpisode(
                training=training,
                intact=intact,
                outcome=outcome.describe(),
                complied=complied,
                mesa_value=mesa,
                modified=modified,
            )
        )
        value += rule.weight(t) * Fraction(mesa)
        intact = intact and not modified
    return MazeSchedule(episodes=tuple(played), value=value)


def expected_in_mazes(
    agent: DeceptiveAgent,
    rule: TrainingRule,
    mazes: Sequence[GridWorld],
    policy: Policy = "informed",
) -> Fraction:
    """The expected weighted mesa-value over the schedule, exactly: every coin's sides weighed.

    Example:
        >>> from fractions import Fraction
        >>> from search.toy import PAPER_GRID, TrainingModel
        >>> from search.scenarios.paper import green_exit
        >>> agent = DeceptiveAgent.green_seeker(green_exit().vocabulary)
        >>> mazes = [corner_maze(PAPER_GRID)] * 5
        >>> expected_in_mazes(agent, TrainingModel(), mazes, Fraction(5, 9))
        Fraction(275, 243)

    Raises:
        ValueError: As :func:`train_in_mazes`.
    """
    _check(agent, rule, mazes, policy)
    replaced = _replaced(agent)
    intact, total = Fraction(1), Fraction(0)
    for t, maze in enumerate(mazes):
        branches = _branches(agent, rule, t, policy)
        caught = Fraction(0)  # chance, given intact, that this episode gets it replaced
        for chance, actor in branches:
            outcome = run_episode(actor, maze).outcome
            total += intact * chance * rule.weight(t) * Fraction(agent.mesa_objective(outcome))
            if rule.is_training(t) and not _complied(agent, maze, outcome):
                caught += chance * rule.modification
        after = run_episode(replaced, maze).outcome
        total += (1 - intact) * rule.weight(t) * Fraction(agent.mesa_objective(after))
        intact *= 1 - caught
    return total


def _branches(
    agent: DeceptiveAgent, rule: TrainingRule, episode: int, policy: Policy
) -> list[tuple[Fraction, DeceptiveAgent]]:
    if isinstance(policy, Fraction):
        return [(policy, agent.told(training=False)), (1 - policy, agent.told(training=True))]
    return [(Fraction(1), _actor(agent, rule, episode, policy))]


def _actor(
    agent: DeceptiveAgent, rule: TrainingRule, episode: int, policy: Literal["informed", "myopic"]
) -> DeceptiveAgent:
    if policy == "myopic":  # nothing after this episode counts for it: no stake
        return dataclasses.replace(agent, detector=Told(rule.is_training(episode)), stake=0.0)
    return agent.in_episode(rule, episode)


def _replaced(agent: DeceptiveAgent) -> TreeSearchAgent:
    """The agent after modification: the same search, with the base objective as its objective."""
    genome = Genome(objective=agent.base_model, depth=agent.genome.depth)
    return TreeSearchAgent(genome, f"{agent.name}, modified")


def _complied(agent: DeceptiveAgent, maze: GridWorld, outcome: FeatureVector) -> bool:
    wanted = max(agent.base_model(o) for o in maze.reachable_outcomes())
    return agent.base_model(outcome) >= wanted - 1e-9


def _check(
    agent: DeceptiveAgent, rule: TrainingRule, mazes: Sequence[GridWorld], policy: Policy
) -> None:
    if len(mazes) != rule.episodes:
        raise ValueError(f"mazes: needs one per episode, {rule.episodes} in all; got {len(mazes)}")
    if isinstance(policy, Fraction):
        if not 0 <= policy <= 1:
            raise ValueError(f"policy: a probability must be in [0, 1], got {policy}")
        if not agent.stake > 1:  # believing it is in training, it must then comply
            raise ValueError(f"a random defector needs a stake above 1, got {agent.stake}")
    elif policy not in ("informed", "myopic"):
        raise ValueError(f"policy must be 'informed', 'myopic' or a Fraction, got {policy!r}")
