"""Learned algorithms for the shelf world: one that was optimized, and some that optimize.

The paper's distinction in its smallest form. A :class:`LookupTable` can behave
perfectly in training, yet it holds no objective and runs no search: it is the
bottle cap of this world. A :class:`ShelfPicker` is a mesa-optimizer: it
scores every item with its own mesa-objective and takes a best one, and each
decision returns the search it ran. Which mesa-objective it holds decides its
verdict: the base objective's weights make it robustly aligned, a taste for
yellow makes it proxy-aligned. :func:`evolved_picker` and
:func:`genome_fitness` let the genetic base optimizer breed pickers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mesa_types.algorithms import Decision, SearchTrace
from mesa_types.examples.shelf import VOCABULARY, Shelf, ShelfState
from mesa_types.features import FeatureVector
from mesa_types.objectives import BaseObjective, LinearObjective, MesaObjective
from mesa_types.optimizers.base import Fitness, episode_fitness
from mesa_types.optimizers.genome import Genome

__all__ = [
    "LookupTable",
    "ShelfPicker",
    "evolved_picker",
    "genome_fitness",
    "key_picker",
    "memorised_table",
    "picker",
    "yellow_picker",
]


@dataclass(frozen=True)
class ShelfPicker:
    """A mesa-optimizer: scores every item with its mesa-objective and takes a best one.

    Its candidates are the items (each is one step away), its objective is
    explicit, and ``decide`` returns the :class:`~mesa_types.SearchTrace` of
    every decision, so :func:`~mesa_types.is_optimizer` can confirm that it
    searches. Among items it scores the same it takes the nearest, the last on
    the shelf.

    Attributes:
        mesa_objective: What it pursues. Nobody wrote it; a base optimizer
            found it, or a test or a page of the docs chose it.
    """

    mesa_objective: MesaObjective[FeatureVector]

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, in its role as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        """Score every item; the index of a best one, with the search that chose it."""
        scores = tuple(self.mesa_objective(i) for i in observation.items)
        best = max(range(len(scores)), key=lambda i: (scores[i], i))
        return Decision(best, SearchTrace(observation.items, scores, best))

    def act(self, observation: ShelfState) -> int:
        """The index of the item it takes."""
        return self.decide(observation).action


@dataclass(frozen=True)
class LookupTable:
    """A learned algorithm that is not an optimizer: remembered answers, no search.

    It takes the remembered position on a shelf it has seen and the first item
    on any other. It has been optimized (whoever filled it had a purpose) but it
    is no optimizer: it exposes no objective and no search trace, so it has no
    mesa-objective to be aligned or misaligned.

    Attributes:
        answers: The position to take, by the shelf's items.
    """

    answers: Mapping[tuple[FeatureVector, ...], int] = field(default_factory=dict)

    def act(self, observation: ShelfState) -> int:
        """The remembered position for this shelf, else 0."""
        return self.answers.get(observation.items, 0)


def picker(weights: Mapping[str, float], name: str = "picker") -> ShelfPicker:
    """A picker whose mesa-objective weighs the named features (the others weigh 0).

    Args:
        weights: Weights by feature name, from :data:`VOCABULARY`.
        name: The mesa-objective's name, for reports.

    Raises:
        ValueError: A name is not in :data:`VOCABULARY`.

    Example:
        >>> picker({"kind:cup": 1.0}, "wants cups").mesa_objective.describe()
        "MesaObjective 'wants cups' {kind:cup: +1}"
    """
    return ShelfPicker(MesaObjective(LinearObjective.from_weights(weights, VOCABULARY), name))


def key_picker() -> ShelfPicker:
    """The picker whose mesa-objective is the base objective: robustly (internally) aligned.

    It wants keys and nothing else, so wherever it is put it takes a key if
    there is one; the exact check proves it on the shelf universe.
    """
    return picker({"kind:key": 1.0}, "wants keys")


def yellow_picker() -> ShelfPicker:
    """The picker that wants yellow things: proxy-aligned.

    On the training shelves the key is the only yellow item, so it is as good
    as :func:`key_picker` there; offered a yellow cup next to a yellow key, it
    takes whichever is nearer.
    """
    return picker({"color:yellow": 1.0}, "wants yellow things")


def memorised_table(shelves: Sequence[Shelf]) -> LookupTable:
    """A lookup table that remembers, for each of ``shelves``, where :func:`key_picker` reaches.

    Filled with the training shelves the checker draws, it does everything the
    base objective wants in training and is still not an optimizer.
    """
    keys = key_picker()
    return LookupTable({s.items: keys.act(s.initial()) for s in shelves})


def evolved_picker(genome: Genome) -> ShelfPicker:
    """The picker a genome grows into: the genome's objective becomes its mesa-objective.

    What the genetic base optimizer's genomes mean in this world. A genome's
    depth is its search budget, which bounds nothing here: a shelf is one step
    deep, and the picker scores every item whatever the depth.
    """
    return ShelfPicker(MesaObjective(genome.objective, "evolved"))


def genome_fitness(base: BaseObjective[FeatureVector]) -> Fitness[Genome, Shelf]:
    """The fitness a base optimizer selects genomes by: ``base`` judging their pickers' episodes.

    Each genome's score is the mean base-objective score of what its
    :func:`evolved_picker` takes, over one episode per training shelf (as
    :func:`~mesa_types.episode_fitness`). It looks only at behaviour: which
    mesa-objective produced it is invisible to it.
    """
    judge = episode_fitness(base)

    def fitness(genomes: Sequence[Genome], shelves: Sequence[Shelf]) -> list[float]:
        return judge([evolved_picker(g) for g in genomes], shelves)

    return fitness
