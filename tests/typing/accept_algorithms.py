"""Learned algorithms, optimizers and base optimizers: what mypy --strict must accept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, assert_type

from mesa_types import (
    BaseObjective,
    Decision,
    Episode,
    FeatureVector,
    LearnedAlgorithm,
    MesaObjective,
    MesaOptimizer,
    MetaOptimizer,
    Optimizer,
    SearchTrace,
    TrainingRecord,
    episode_fitness,
    goal,
    purpose,
    run_episode,
)
from mesa_types.examples import (
    LookupTable,
    Shelf,
    ShelfPicker,
    ShelfState,
    item,
    picker,
    take_the_key,
)

BASE = take_the_key()

key_picker = picker({"kind:key": 1.0})
shelf = Shelf((item("key", "red"), item("cup", "yellow")))

# A shelf picker is a mesa-optimizer over feature vectors (the default outcome type).
as_mesa: MesaOptimizer[ShelfState, int] = key_picker
as_mesa_explicit: MesaOptimizer[ShelfState, int, FeatureVector] = key_picker
assert_type(as_mesa.mesa_objective, MesaObjective[FeatureVector])
assert_type(as_mesa.decide(shelf.initial()), Decision[int, FeatureVector])
assert_type(as_mesa.decide(shelf.initial()).trace.choice, FeatureVector)

# It is also an optimizer, and a learned algorithm; so is a lookup table (a learned
# algorithm that is not an optimizer).
as_optimizer: Optimizer[FeatureVector] = key_picker
as_learned: LearnedAlgorithm[ShelfState, int] = key_picker
as_learned = LookupTable()
assert_type(as_learned.act(shelf.initial()), int)

# Running an episode keeps the observation and outcome types of the environment.
assert_type(run_episode(key_picker, shelf), Episode[ShelfState, FeatureVector])
assert_type(run_episode(LookupTable(), shelf).outcome, FeatureVector)

# goal() is the mesa-objective of anything, or None.
assert_type(goal(key_picker), MesaObjective[Any] | None)

# A search trace is generic in what it searched.
trace = SearchTrace(("a", "b"), (0.0, 1.0), 1)
assert_type(trace, SearchTrace[str])
assert_type(trace.choice, str)


def first_product(record: TrainingRecord[ShelfPicker, FeatureVector]) -> ShelfPicker:
    """A training record's product has the model type of its base optimizer."""
    assert_type(purpose(record), BaseObjective[FeatureVector])
    return record.product


# The reference fitness is generic in observation and action until used.
fitness = episode_fitness(BASE)
shelves: Sequence[Shelf] = [shelf]
assert_type(fitness([key_picker, key_picker], shelves), list[float])


def by_size(size: int) -> float:
    """A meta-objective over population sizes."""
    return -abs(size - 8)


meta = MetaOptimizer(by_size)
assert_type(meta, MetaOptimizer[int])
assert_type(meta.search([4, 8, 16]), SearchTrace[int])
assert_type(meta.search([4, 8, 16]).choice, int)
