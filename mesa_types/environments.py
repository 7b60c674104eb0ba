"""Environments, distributions over them, and the universe of possible ones.

An environment is one task instance, given as a pure world model: an initial
observation, the actions available, and a step function that returns a new
observation instead of changing anything. Worlds here are fully observed, so
the observation is the state. A distribution draws environments from seeds;
training and deployment distributions that differ are a distributional shift.
The universe is the set of environments considered possible: robust alignment
is always judged against one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import networkx as nx
import numpy as np
from pydantic import JsonValue

__all__ = [
    "Distribution",
    "DistributionalShift",
    "Environment",
    "Episode",
    "Universe",
    "WorldModel",
]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")
S_co = TypeVar("S_co", covariant=True)
E_co = TypeVar("E_co", covariant=True)


class WorldModel(Protocol[O, A, S_co]):
    """A pure model of a world: what a planner searches through.

    ``step`` must not change its argument; it returns the next observation.
    """

    def initial(self) -> O:
        """The observation an episode starts from."""
        ...

    def actions(self, observation: O) -> Sequence[A]:
        """The actions available in ``observation``, in a fixed order."""
        ...

    def step(self, observation: O, action: A) -> O:
        """The observation that ``action`` leads to."""
        ...

    def is_terminal(self, observation: O) -> bool:
        """Whether the episode has ended."""
        ...

    def outcome(self, observation: O) -> S_co:
        """What has been brought about, for objectives to score."""
        ...


class Environment(WorldModel[O, A, S_co], Protocol[O, A, S_co]):
    """One task instance: a world model with a name, a step limit and a JSON description."""

    @property
    def name(self) -> str:
        """A short human-readable name."""
        ...

    @property
    def max_steps(self) -> int:
        """Episodes end after this many steps at the latest."""
        ...

    def reachable_outcomes(self) -> Sequence[S_co]:
        """Every outcome some sequence of actions brings about, for "what was wanted"."""
        ...

    def spec(self) -> JsonValue:
        """A JSON description from which the environment can be rebuilt or shown."""
        ...


@dataclass(frozen=True, slots=True)
class Episode(Generic[O, S]):
    """What happened when an algorithm ran in an environment."""

    observations: tuple[O, ...]
    outcome: S

    @property
    def steps(self) -> int:
        """The number of actions taken."""
        return len(self.observations) - 1


@dataclass(frozen=True, slots=True)
class Distribution(Generic[E_co]):
    """A named, seeded source of environments.

    Args:
        name: What the distribution is, for reports.
        sampler: Draws one environment from a generator; must use no other randomness.

    Example:
        >>> coin = Distribution("coin", lambda rng: int(rng.integers(2)))
        >>> coin.sample_many(5, seed=1) == coin.sample_many(5, seed=1)
        True
    """

    name: str
    sampler: Callable[[np.random.Generator], E_co]

    def sample(self, rng: np.random.Generator) -> E_co:
        """One environment drawn with ``rng``."""
        return self.sampler(rng)

    def sample_many(self, n: int, seed: int) -> list[E_co]:
        """``n`` environments; the i-th depends only on ``seed`` and ``i``, not on ``n``."""
        if n < 0:
            raise ValueError(f"n must be at least 0, got {n}")
        children = np.random.SeedSequence(seed).spawn(n)
        return [self.sampler(np.random.default_rng(child)) for child in children]


@dataclass(frozen=True, slots=True)
class DistributionalShift(Generic[E_co]):
    """A training distribution and the deployment distribution that follows it."""

    training: Distribution[E_co]
    deployment: Distribution[E_co]


@dataclass(frozen=True)
class Universe(Generic[E_co, S]):
    """The environments considered possible, against which robust alignment is judged.

    Args:
        name: What the universe is, for verdicts ("every green-exit maze up to 21x21").
        distribution: Draws environments from the universe, for sampled checks.
        outcomes: Every kind of outcome an environment can offer, when there are
            finitely many; ``None`` when the universe has no finite vocabulary.
        offering: Builds an environment of the universe whose reachable outcomes
            are exactly the ones asked for, plus ``always``. The order asked in
            is the world's to interpret (in mazes: the later ones nearer); the
            exact check asks for a pair in both orders, so that an agent whose
            tie-break depends on order or placement meets both.
            :func:`mesa_types.check_universe` checks the contract.
        limit_probes: Environments of the universe that test an algorithm's
            limitations (a search too shallow to see what is there). The exact
            check proves robust alignment only when these exist: reaching a
            mesa-best outcome wherever the universe offers one is part of its
            premise, and the probes are how the world vouches for it.
        causal_graph: Optional causal graph over feature names: an edge ``u -> v``
            means pursuing ``u`` brings about ``v``. Used to name side-effect and
            instrumental proxies.
        always: Outcomes every environment of the universe offers besides those
            asked for (staying put in a maze brings about nothing).
        rebuild: Builds an environment again from its ``spec()``, so that a
            verdict's witness can be replayed (:func:`mesa_types.replay_witness`).
        environments: Every environment of the universe, when there are few
            enough to list. The exact check then watches the agent in all of
            them, and its proof assumes nothing about places it did not look.
    """

    name: str
    distribution: Distribution[E_co]
    outcomes: tuple[S, ...] | None = None
    offering: Callable[[Sequence[S]], E_co] | None = None
    limit_probes: Callable[[object], Sequence[E_co]] | None = None
    causal_graph: nx.DiGraph[str] | None = field(default=None, compare=False)
    always: tuple[S, ...] = ()
    rebuild: Callable[[JsonValue], E_co] | None = None
    environments: tuple[E_co, ...] | None = field(default=None, compare=False)
