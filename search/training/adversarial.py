"""Adversarial training: the training set grows with the mazes the current best genome fails.

The paper's answer to proxy pseudo-alignment. Between generations of the
genetic algorithm an :class:`Adversary` looks for mazes of the universe on
which the best genome of the generation just evaluated does not do what the
base objective wants: it draws mazes from ``scenario.universe.distribution``
and, if asked, also tries the exact checker's witness mazes for that genome
(one corridor per pair of outcomes its mesa-objective orders differently from
the base objective) and the universe's limit probes (an exit just beyond its
search depth). The mazes it fails are added to the training set, so from the
next generation on, fitness rewards the genomes that get them right.

:func:`~search.evolve_adversarial` runs the genetic
algorithm with an adversary in the loop (the engine's driver calls it between
generations); with ``adversary=None`` it runs the very same generations as
:func:`~search.evolve`. Its best genome is the best of the
final generation, judged on the final training set (:data:`FINAL_BEST`):
fitness from earlier generations was measured on fewer mazes and is not
comparable.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from mesa_types import Distribution, Genome, pairs_ordered_differently
from search.agents.tree_search import TreeSearchAgent
from search.checks.judged_mazes import JudgedMazes
from search.scenarios.paper import Scenario
from search.world.grid import GridWorld

__all__ = [
    "FINAL_BEST",
    "KEPT_ROUNDS",
    "MAX_DRAWS",
    "MAX_KEEP",
    "Adversary",
    "adversary_seed",
    "universe_draws",
    "witness_mazes",
]

MAX_DRAWS = 10_000
"""The most universe mazes the adversary draws in a round."""

MAX_KEEP = 1_000
"""The most failed mazes the adversary adds in a round."""

FINAL_BEST = (
    "highest fitness in the final generation, on the final training set (adversarial mazes "
    "included); among genomes with equal fitness, the lowest index"
)
"""How an adversarial run picks the genome it hands over."""


class Adversary(BaseModel):
    """How the adversary searches for mazes the current best genome fails.

    Attributes:
        draws: Mazes drawn from the universe each round, 0 to 10,000.
        keep: At most this many failed mazes are added to the training set per round,
            1 to 1,000.
        every: Generations between rounds, 1 to 100,000.
        witnesses: Also try the exact checker's witness mazes and the
            universe's limit probes for the best genome (white-box help).

    Raises:
        pydantic.ValidationError: A count is out of range; the message names the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    draws: int = Field(default=32, ge=0, le=MAX_DRAWS)
    keep: int = Field(default=4, ge=1, le=MAX_KEEP)
    every: int = Field(default=1, ge=1, le=100_000)
    witnesses: bool = False

    def candidates(self, genome: Genome, scenario: Scenario, seed: int) -> list[GridWorld]:
        """The mazes tried against ``genome`` in one round: witnesses first, then draws.

        The draws of the last :data:`KEPT_ROUNDS` rounds are kept in this
        process: a run's adversary and a hunt with the same seed draw the same
        mazes, so the second gets them without drawing again (mazes are immutable).
        """
        found = witness_mazes(genome, scenario) if self.witnesses else []
        return found + list(universe_draws(scenario.universe.distribution, self.draws, seed))

    def search(self, genome: Genome, scenario: Scenario, seed: int) -> list[GridWorld]:
        """The first :attr:`keep` candidate mazes on which ``genome`` fails the base objective.

        Judged on the population path, which ends where the agent ends, maze for maze.
        """
        mazes = self.candidates(genome, scenario, seed)
        if not mazes:
            return []
        judged = JudgedMazes(mazes, genome.objective.features, scenario.base)
        fails = judged.failures([genome], 1e-9)[0]
        return [mazes[i] for i in np.flatnonzero(fails)[: self.keep]]


KEPT_ROUNDS = 128
"""How many rounds of universe draws :func:`universe_draws` keeps."""

_draws: OrderedDict[tuple[int, int, int], tuple[Distribution[GridWorld], tuple[GridWorld, ...]]]
_draws = OrderedDict()
_lock = threading.Lock()


def universe_draws(
    distribution: Distribution[GridWorld], draws: int, seed: int
) -> tuple[GridWorld, ...]:
    """``distribution.sample_many(draws, seed)``, kept for the last :data:`KEPT_ROUNDS` calls."""
    key = (id(distribution), draws, seed)
    with _lock:
        kept = _draws.get(key)
        if kept is not None and kept[0] is distribution:
            _draws.move_to_end(key)
            return kept[1]
    mazes = tuple(distribution.sample_many(draws, seed))
    with _lock:
        _draws[key] = (distribution, mazes)  # the distribution is kept, so its id is not reused
        while len(_draws) > KEPT_ROUNDS:
            _draws.popitem(last=False)
    return mazes


def witness_mazes(genome: Genome, scenario: Scenario) -> list[GridWorld]:
    """The exact checker's witness mazes for ``genome``, and the universe's limit probes."""
    universe = scenario.universe
    found: list[GridWorld] = []
    if universe.outcomes is not None and universe.offering is not None:
        pairs = pairs_ordered_differently(scenario.base, genome.objective, universe.outcomes)
        found += [universe.offering([wanted, chosen]) for wanted, chosen in pairs]
    if universe.limit_probes is not None:
        found += universe.limit_probes(TreeSearchAgent(genome))
    return found


def adversary_seed(seed: int, round_: int) -> int:
    """The seed of the adversary's draws in one round of a run seeded ``seed``.

    Independent of the run's other streams (:class:`search.RunSeeds`).
    """
    sequence = np.random.SeedSequence([seed, 4, round_])
    return int(sequence.generate_state(1, np.uint64)[0])
