"""Learned algorithms and optimizers: a non-optimizer, wrong types, frozen traces."""

from mesa_types import (
    FeatureVector,
    LearnedAlgorithm,
    MesaOptimizer,
    Optimizer,
    SearchTrace,
    TrainingRecord,
    run_episode,
)
from mesa_types.examples import LookupTable, Shelf, ShelfPicker, ShelfState, item, picker

key_picker = picker({"kind:key": 1.0})
shelf = Shelf((item("key", "red"), item("cup", "yellow")))


def inspect_goal(optimizer: MesaOptimizer[ShelfState, int]) -> str:
    return optimizer.mesa_objective.describe()


def with_record(record: TrainingRecord[ShelfPicker, FeatureVector]) -> None:
    # A base optimizer's product is the model type it searched, not another one.
    table: LookupTable = record.product  # type: ignore[assignment]


# A lookup table has been optimized but does not optimize: it is no mesa-optimizer.
inspect_goal(LookupTable())  # type: ignore[arg-type]
as_mesa: MesaOptimizer[ShelfState, int] = LookupTable()  # type: ignore[assignment]
# Nor is it an optimizer of any kind: it exposes no objective.
as_optimizer: Optimizer[FeatureVector] = LookupTable()  # type: ignore[assignment]
# A policy over shelves cannot act on other observations.
LookupTable().act("the top shelf")  # type: ignore[arg-type]
key_picker.decide(shelf)  # type: ignore[arg-type]
# A shelf policy is not a policy over integer observations.
counter: LearnedAlgorithm[int, int] = key_picker  # type: ignore[assignment]
# A picker's mesa-objective scores feature vectors, not integers.
int_mesa: MesaOptimizer[ShelfState, int, int] = key_picker  # type: ignore[assignment]
# Its traces search items, so their choices are feature vectors.
trace: SearchTrace[int] = key_picker.decide(shelf.initial()).trace  # type: ignore[assignment]
# Search traces are frozen values.
trace.chosen = 0  # type: ignore[misc]
# An episode ends in an outcome of the environment's type.
steps: int = run_episode(key_picker, shelf).outcome  # type: ignore[assignment]
