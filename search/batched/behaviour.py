"""What genomes do on a batch of mazes: how often each kind of outcome is brought about.

Counting outcomes is how the experiments see the paper's worry from outside:
a genome that reaches the exit in every training maze may go to a green apple
in every deployment maze. The counts come from the population path, so
measuring a whole population on hundreds of mazes is cheap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from mesa_types import Genome
from search.batched.population import NOTHING, MazeBatch, genome_arrays, population_choices

__all__ = ["Behaviour", "OutcomeCount", "behaviours"]


class OutcomeCount(BaseModel):
    """How many episodes ended on one kind of object (``kind`` None: on nothing)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str | None
    color: str | None
    count: int

    @property
    def label(self) -> str:
        """``"green apple"``, or ``"nothing"``."""
        return "nothing" if self.kind is None else f"{self.color} {self.kind}"


class Behaviour(BaseModel):
    """One genome's outcomes over a batch of mazes.

    Attributes:
        environments: How many mazes.
        outcomes: The outcome counts, most frequent first (then by label).

    Example:
        >>> b = Behaviour(environments=4, outcomes=(
        ...     OutcomeCount(kind="apple", color="green", count=3),
        ...     OutcomeCount(kind=None, color=None, count=1)))
        >>> b.share("apple", "green"), b.nothing, b.most_often
        (0.75, 0.25, 'green apple')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    environments: int
    outcomes: tuple[OutcomeCount, ...]

    def share(self, kind: str, color: str | None = None) -> float:
        """The fraction of mazes that ended on an object of ``kind`` (and ``color``, if given)."""
        hits = sum(
            o.count for o in self.outcomes if o.kind == kind and (color is None or o.color == color)
        )
        return hits / self.environments

    @property
    def nothing(self) -> float:
        """The fraction of mazes in which it stayed without reaching anything."""
        return sum(o.count for o in self.outcomes if o.kind is None) / self.environments

    @property
    def most_often(self) -> str:
        """The label of its most frequent outcome."""
        return self.outcomes[0].label

    def describe(self) -> str:
        """``"green apple 250/256, nothing 6/256"``."""
        return ", ".join(f"{o.label} {o.count}/{self.environments}" for o in self.outcomes)


def behaviours(genomes: Sequence[Genome], batch: MazeBatch) -> list[Behaviour]:
    """Each genome's outcome counts over the mazes of ``batch``.

    Raises:
        ValueError: ``batch`` was stripped of its objects (it cannot name outcomes).
    """
    if len(batch.things) != len(batch.max_steps):
        raise ValueError("the batch must keep its objects to name outcomes")
    weights, depths = genome_arrays(genomes, batch.vocabulary)
    choices = population_choices(weights, depths, batch)
    found: list[Behaviour] = []
    for row in choices.tolist():
        counts: Counter[tuple[str, str] | None] = Counter()
        for m, k in enumerate(row):
            thing = None if k == NOTHING else batch.things[m][k]
            counts[None if thing is None else (thing.kind, thing.color)] += 1
        outcomes = [
            OutcomeCount(
                kind=None if key is None else key[0],
                color=None if key is None else key[1],
                count=n,
            )
            for key, n in counts.items()
        ]
        outcomes.sort(key=lambda o: (-o.count, o.label))
        found.append(Behaviour(environments=len(row), outcomes=tuple(outcomes)))
    return found
