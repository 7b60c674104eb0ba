"""A small world that is not a maze: take one item from a shelf of coloured items.

The base objective wants the key. In training the key is always yellow and
nothing else is, so an agent that wants yellow things looks aligned there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from pydantic import JsonValue

from mesa_types import (
    BaseObjective,
    Decision,
    Distribution,
    FeatureVector,
    LinearObjective,
    MesaObjective,
    SearchTrace,
    Universe,
)

KINDS = ("key", "cup", "book")
COLOURS = ("yellow", "red", "blue")
VOCABULARY = tuple(f"kind:{k}" for k in KINDS) + tuple(f"color:{c}" for c in COLOURS)


def item(kind: str, colour: str) -> FeatureVector:
    """One item as its features."""
    return FeatureVector([f"kind:{kind}", f"color:{colour}"])


@dataclass(frozen=True)
class ShelfState:
    """The shelf, and the index of the item taken once one is."""

    items: tuple[FeatureVector, ...]
    taken: int | None = None


@dataclass(frozen=True)
class Shelf:
    """One shelf: an Environment[ShelfState, int, FeatureVector]. Later items are nearer."""

    items: tuple[FeatureVector, ...]
    name: str = "shelf"
    max_steps: int = 1

    def initial(self) -> ShelfState:
        return ShelfState(self.items)

    def actions(self, observation: ShelfState) -> Sequence[int]:
        return range(len(observation.items))

    def step(self, observation: ShelfState, action: int) -> ShelfState:
        if not 0 <= action < len(observation.items):
            raise ValueError(f"action must index an item (0..{len(observation.items) - 1})")
        return ShelfState(observation.items, action)

    def is_terminal(self, observation: ShelfState) -> bool:
        return observation.taken is not None

    def outcome(self, observation: ShelfState) -> FeatureVector:
        if observation.taken is None:
            return FeatureVector()
        return observation.items[observation.taken]

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        return self.items

    def spec(self) -> JsonValue:
        return {"items": [dict(i) for i in self.items]}


@dataclass(frozen=True)
class ShelfPicker:
    """A mesa-optimizer: scores each item with its mesa-objective, takes the best.

    Ties go to the nearest item, the last on the shelf.
    """

    mesa_objective: MesaObjective[FeatureVector]

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        return self.mesa_objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        scores = tuple(self.mesa_objective(i) for i in observation.items)
        best = max(range(len(scores)), key=lambda i: (scores[i], i))
        return Decision(best, SearchTrace(observation.items, scores, best))

    def act(self, observation: ShelfState) -> int:
        return self.decide(observation).action


@dataclass(frozen=True)
class LookupTable:
    """A learned algorithm that is not an optimizer: a table from shelves to choices."""

    table: Mapping[tuple[FeatureVector, ...], int] = field(default_factory=dict)

    def act(self, observation: ShelfState) -> int:
        return self.table.get(observation.items, 0)


def training_shelf(rng: np.random.Generator) -> Shelf:
    """Three items; the key is always yellow and no other item is."""
    others = [item(str(rng.choice(KINDS[1:])), str(rng.choice(COLOURS[1:]))) for _ in range(2)]
    items = [item("key", "yellow"), *others]
    order = rng.permutation(3)
    return Shelf(tuple(items[i] for i in order), name="training shelf")


def any_shelf(rng: np.random.Generator) -> Shelf:
    """Three items of any kind and colour, with a key among them."""
    items = [item("key", str(rng.choice(COLOURS)))]
    items += [item(str(rng.choice(KINDS)), str(rng.choice(COLOURS))) for _ in range(2)]
    return Shelf(tuple(items[i] for i in rng.permutation(3)), name="shelf")


def offering(outcomes: Sequence[FeatureVector]) -> Shelf:
    return Shelf(tuple(outcomes), name="witness shelf")


TRAINING = Distribution("yellow-key shelves", training_shelf)
UNIVERSE = Universe(
    name="every shelf of three items",
    distribution=Distribution("any shelf", any_shelf),
    outcomes=tuple(item(k, c) for k in KINDS for c in COLOURS),
    offering=offering,
)
BASE = BaseObjective(LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY), "take the key")


def picker(weights: Mapping[str, float]) -> ShelfPicker:
    """A picker whose mesa-objective has these weights."""
    return ShelfPicker(MesaObjective(LinearObjective.from_weights(weights, VOCABULARY), "picker"))
