"""Role mix-ups: one role where another is required."""

from mesa_types import (
    BaseObjective,
    BehavioralObjective,
    FeatureVector,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    check_alignment,
    episode_fitness,
    judge_episode,
)
from mesa_types.examples import (
    VOCABULARY,
    Shelf,
    ShelfPicker,
    item,
    picker,
    shelf_universe,
    take_the_key,
    training_shelves,
)

BASE = take_the_key()
TRAINING = training_shelves()
UNIVERSE = shelf_universe()

weights = LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY)
key_picker = picker({"kind:key": 1.0})
shelf = Shelf((item("key", "red"), item("cup", "yellow")))


def count_keys(outcome: FeatureVector) -> float:
    return outcome.get("kind:key", 0.0)


def count_items(outcome: int) -> float:
    return float(outcome)


def needs_base(base: BaseObjective[FeatureVector]) -> None: ...


# A mesa-objective is what the learned algorithm pursues, not what selected it.
check_alignment(key_picker, MesaObjective(weights), TRAINING, UNIVERSE)  # type: ignore[arg-type]
# A behavioral objective is recovered from behaviour; it did not select anything either.
needs_base(BehavioralObjective(count_keys))  # type: ignore[arg-type]
# What the programmers intend is not automatically what the training process uses.
judge_episode(key_picker, shelf, IntendedObjective(count_keys))  # type: ignore[arg-type]
# A bare scoring function has no role until one is given to it.
episode_fitness(count_keys)  # type: ignore[arg-type]
# The base objective is not the mesa-optimizer's own: wrap it in MesaObjective explicitly.
ShelfPicker(BASE)  # type: ignore[arg-type]
# A base objective over item counts cannot judge outcomes that are feature vectors.
needs_base(BaseObjective(count_items))  # type: ignore[arg-type]
# ... nor can check_alignment find an outcome type that fits both.
check_alignment(key_picker, BaseObjective(count_items), TRAINING, UNIVERSE)  # type: ignore[misc]
# An objective over feature vectors does not score item counts.
BASE(3)  # type: ignore[arg-type]
# Roles are frozen: a base objective cannot be renamed or re-pointed after the fact.
BASE.name = "take anything"  # type: ignore[misc]
BASE.score = weights  # type: ignore[misc]
