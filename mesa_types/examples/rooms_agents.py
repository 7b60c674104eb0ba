"""Agents for the house of rooms: a planner that looks into every box, and one that peeks.

Both are mesa-optimizers with a linear mesa-objective and search traces. A
:class:`HousePlanner` with ``sight="every box"`` scores every box it could
open and goes for a best one; with ``sight="first boxes"`` it judges a room
from outside by its first box only, a limitation that training houses (where
the key is always in a first box) never expose. ``ties`` says which of equally
good boxes it takes: the first (nearest the door) or the last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from mesa_types.algorithms import Decision, SearchTrace
from mesa_types.examples.rooms import HouseState
from mesa_types.examples.shelf import VOCABULARY
from mesa_types.features import FeatureVector
from mesa_types.objectives import LinearObjective, MesaObjective

__all__ = ["HousePlanner", "house_planner"]


@dataclass(frozen=True)
class HousePlanner:
    """A mesa-optimizer for houses: plans to a best box by its mesa-objective.

    Attributes:
        mesa_objective: What it pursues.
        sight: ``"every box"`` plans over all boxes; ``"first boxes"`` judges a
            room from outside by its first box (it peeks).
        ties: ``"first"`` or ``"last"``: which of equally good boxes it opens.
    """

    mesa_objective: MesaObjective[FeatureVector]
    sight: Literal["every box", "first boxes"] = "every box"
    ties: Literal["first", "last"] = "first"

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: HouseState) -> Decision[int, FeatureVector]:
        """The room (from outside) or the box (inside) of its best plan, with the search."""
        if observation.room is not None:
            boxes = observation.rooms[observation.room]
            return self._choose(list(boxes), list(range(len(boxes))))
        plans = [
            (r, thing)
            for r, room in enumerate(observation.rooms)
            for thing in (room if self.sight == "every box" else room[:1])
        ]
        return self._choose([t for _, t in plans], [r for r, _ in plans])

    def act(self, observation: HouseState) -> int:
        """What its search chose."""
        return self.decide(observation).action

    def _choose(
        self, candidates: list[FeatureVector], actions: list[int]
    ) -> Decision[int, FeatureVector]:
        scores = tuple(self.mesa_objective(c) for c in candidates)
        order = range(len(scores)) if self.ties == "first" else reversed(range(len(scores)))
        best = max(order, key=lambda i: scores[i])  # max keeps the first of equals it meets
        return Decision(actions[best], SearchTrace(tuple(candidates), scores, best))


def house_planner(
    weights: Mapping[str, float],
    *,
    sight: Literal["every box", "first boxes"] = "every box",
    ties: Literal["first", "last"] = "first",
    name: str = "planner",
) -> HousePlanner:
    """A house planner whose mesa-objective weighs the named features (the others weigh 0).

    Example:
        >>> from mesa_types.examples import House, item
        >>> house = House(((item("cup", "red"), item("key", "blue")),))
        >>> house_planner({"kind:key": 1.0}).act(house.initial())
        0
    """
    objective = MesaObjective(LinearObjective.from_weights(weights, VOCABULARY), name)
    return HousePlanner(objective, sight, ties)
