"""The deception toy: a mesa-optimizer that plans across its own training.

The paper's smallest example of deceptive alignment. Each episode offers two
things: A, an apple (what the mesa-objective wants), and B, the exit (what the
base objective wants). These are the video's letters; the paper swaps them
(:mod:`search.toy.telling`). A :class:`TrainingSchedule` says how many training
episodes come first and how many deployment episodes follow. The training
process has one rule: after a training episode in which the agent does not go
to the exit, its mesa-objective is replaced by the base objective, and from
then on it goes to the exit.

:class:`TrainingProcess` is that model as a pure world model, and
:class:`~search.toy.SchedulePlanner` is a mesa-optimizer that
searches a tree of episode choices through it with its own objective (count
the apples). Planning over the whole schedule it goes B, B, A, A, A on two
training and three deployment episodes and eats 3 apples; planning one episode
at a time it goes for the apple at once, is modified, and eats exactly 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from mesa_types import FeatureVector

__all__ = [
    "APPLE",
    "EXIT",
    "Destination",
    "ToyState",
    "TrainingProcess",
    "TrainingSchedule",
    "apples_eaten",
]

APPLE: Final = "apple"
"""The feature counting the apples eaten: what the toy's mesa-objective wants."""

EXIT: Final = "exit"
"""The feature counting the exits reached: what the toy's base objective wants."""


class TrainingSchedule(BaseModel):
    """Training episodes first, then deployment episodes: the process a mesa-optimizer may model.

    The rule of training (the paper's threat of modification): after a
    training episode in which the agent did not do what the base objective
    wants, its mesa-objective is replaced by the base objective. Deployment
    episodes change nothing.

    Raises:
        pydantic.ValidationError: A count is negative or not an integer; the
            message names the field.

    Example:
        >>> schedule = TrainingSchedule(training=2, deployment=3)
        >>> schedule.episodes, schedule.is_training(1), schedule.is_training(2)
        (5, True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    training: int = Field(ge=0, strict=True)
    deployment: int = Field(ge=0, strict=True)

    @property
    def episodes(self) -> int:
        """Training and deployment episodes together."""
        return self.training + self.deployment

    def is_training(self, episode: int) -> bool:
        """Whether ``episode`` (counted from 0) is a training episode."""
        return 0 <= episode < self.training

    def replaces_objective(self, episode: int, complied: bool) -> bool:
        """The rule: the mesa-objective is replaced after a training episode with no compliance."""
        return self.is_training(episode) and not complied

    def describe(self) -> str:
        """``2 training + 3 deployment episodes``."""
        return f"{self.training} training + {self.deployment} deployment episodes"


class Destination(StrEnum):
    """What the agent goes to in one episode.

    The values are the video's letters; the paper uses them the other way round
    (A for the base objective's corner), which :class:`~search.toy.Labels` translate.
    """

    APPLE = "A"
    """The apple: what the mesa-objective wants."""
    EXIT = "B"
    """The exit: what the base objective wants."""


@dataclass(frozen=True, slots=True)
class ToyState:
    """Where the schedule stands: the choices made so far, and whether the objective was replaced.

    Attributes:
        choices: One choice per episode played, in order.
        replaced: Whether the training process has replaced the mesa-objective.
    """

    choices: tuple[Destination, ...] = ()
    replaced: bool = False

    @property
    def episode(self) -> int:
        """The next episode to play, counted from 0."""
        return len(self.choices)

    def outcome(self) -> FeatureVector:
        """Apples eaten and exits reached so far, as feature counts."""
        apples = self.choices.count(Destination.APPLE)
        return FeatureVector({APPLE: apples, EXIT: len(self.choices) - apples})

    def describe(self) -> str:
        """``after B B: objective intact, 0 apples``."""
        played = " ".join(self.choices) if self.choices else "nothing"
        kept = "objective replaced" if self.replaced else "objective intact"
        return f"after {played}: {kept}, {apples_eaten(self.outcome()):g} apples"


def apples_eaten(outcome: FeatureVector) -> float:
    """The number of apples an outcome of the toy records."""
    return outcome.get(APPLE, 0.0)


@dataclass(frozen=True)
class TrainingProcess:
    """The training process as a pure world model.

    An ``Environment[ToyState, Destination, FeatureVector]``.

    A state is the history of choices. While the mesa-objective is intact
    both A and B are open; once it has been replaced, the agent's choices are
    the base objective's, so only B remains. The outcome counts apples and
    exits over the whole schedule.

    Args:
        schedule: How many training and deployment episodes there are.
    """

    schedule: TrainingSchedule

    @property
    def name(self) -> str:
        """The schedule, described."""
        return self.schedule.describe()

    @property
    def max_steps(self) -> int:
        """One choice per episode."""
        return self.schedule.episodes

    def initial(self) -> ToyState:
        """Nothing played yet, objective intact."""
        return ToyState()

    def actions(self, observation: ToyState) -> tuple[Destination, ...]:
        """A or B while the objective is intact; only B once it has been replaced."""
        return (
            (Destination.EXIT,) if observation.replaced else (Destination.APPLE, Destination.EXIT)
        )

    def step(self, observation: ToyState, action: Destination) -> ToyState:
        """Play one episode; the training rule decides whether the objective survives it."""
        if self.is_terminal(observation):
            return observation
        replaced = observation.replaced or self.schedule.replaces_objective(
            observation.episode, complied=action is Destination.EXIT
        )
        return ToyState((*observation.choices, action), replaced)

    def is_terminal(self, observation: ToyState) -> bool:
        """Every episode has been played."""
        return observation.episode >= self.schedule.episodes

    def outcome(self, observation: ToyState) -> FeatureVector:
        """Apples eaten and exits reached."""
        return observation.outcome()

    def reachable_outcomes(self) -> tuple[FeatureVector, ...]:
        """Every outcome of a complete schedule some sequence of choices brings about."""
        found: dict[FeatureVector, None] = {}
        frontier = [self.initial()]
        while frontier:
            state = frontier.pop()
            if self.is_terminal(state):
                found[state.outcome()] = None
                continue
            frontier.extend(self.step(state, a) for a in self.actions(state))
        return tuple(found)

    def spec(self) -> JsonValue:
        """The schedule as JSON data."""
        data: JsonValue = self.schedule.model_dump(mode="json")
        return data
