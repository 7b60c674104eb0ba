"""Base optimizers: what they search, what selects it, what they return."""

from collections.abc import Sequence

from mesa_types import (
    BaseOptimizer,
    Candidate,
    FeatureVector,
    LinearObjective,
    MesaObjective,
    TrainingRecord,
)
from mesa_types.examples import (
    VOCABULARY,
    LookupTable,
    Shelf,
    ShelfPicker,
    picker,
    training_shelves,
)

TRAINING = training_shelves()

weights = LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY)


def labels(models: Sequence[ShelfPicker], environments: Sequence[Shelf]) -> list[str]:
    return ["good" for _ in models]


def train(optimizer: BaseOptimizer[ShelfPicker, FeatureVector]) -> None:
    # A base optimizer over pickers is told about pickers, not lookup tables.
    optimizer.tell([(Candidate(0, 0, LookupTable()), 1.0)])  # type: ignore[arg-type]
    # Fitness is a number per model.
    optimizer.run(TRAINING, labels, generations=1, environments=1, seed=0)  # type: ignore[arg-type]


# What selected a learned algorithm is a base objective, never its own mesa-objective.
TrainingRecord(picker({}), 1.0, MesaObjective(weights), "yellow keys", ())  # type: ignore[arg-type]
# BaseOptimizer is the abstract interface: a concrete one implements ask, tell and best.
BaseOptimizer()  # type: ignore[abstract]
