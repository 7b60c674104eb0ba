from __future__ import annotations

from dataclasses import dataclass

import pytest

from mesa_types import (
    FeatureVector,
    MesaObjective,
    Misaligned,
    NotAnOptimizer,
    PointsAtBaseModel,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    check_behaviour,
    describe,
    is_optimizer,
)
from mesa_types.examples import (
    LookupTable,
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


def test_lookup_table_is_not_an_optimizer() -> None:
    verdict = check_alignment(LookupTable(), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, NotAnOptimizer)
    assert not is_optimizer(LookupTable(), [Shelf((item("key", "red"),)).initial()])


def test_picker_with_base_weights_is_robustly_aligned_and_proved() -> None:
    verdict = check_alignment(picker({"kind:key": 1.0}), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, RobustlyAligned)
    assert verdict.evidence == "proved"
    assert verdict.alignment == "internal"
    assert verdict.judged_on.universe == "every shelf of three items with a key"


def test_picker_preferring_yellow_is_a_proxy_with_a_verified_witness() -> None:
    verdict = check_alignment(picker({"color:yellow": 1.0}), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.kinds == ("proxy",)
    assert verdict.pursued_features == ("color:yellow",)
    assert verdict.witness.verified
    assert "kind:key" in verdict.witness.wanted
    assert "color:yellow" in verdict.witness.did and "kind:key" not in verdict.witness.did
    assert verdict.witness.regret == pytest.approx(1.0)


def test_picker_preferring_cups_is_misaligned_in_training() -> None:
    verdict = check_alignment(picker({"kind:cup": 1.0}), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, Misaligned)
    assert verdict.training_failures > 0


def test_extra_weight_that_never_reverses_an_order_is_still_proved() -> None:
    verdict = check_alignment(picker({"kind:key": 1.0, "kind:cup": 0.2}), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, RobustlyAligned)
    assert verdict.evidence == "proved"
    assert verdict.alignment == "unknown"  # aligned, but its objective is not the base one


def test_sampled_check_never_claims_proof() -> None:
    verdict = check_behaviour(picker({"kind:key": 1.0}), BASE, TRAINING, UNIVERSE, samples=200)
    assert isinstance(verdict, RobustlyAligned)
    assert verdict.evidence == "not_refuted"
    assert verdict.environments_checked == 200
    assert "not refuted after 200" in describe(verdict)


def test_sampled_check_finds_the_yellow_proxy() -> None:
    verdict = check_behaviour(picker({"color:yellow": 1.0}), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.found_by == "sampled"
    assert verdict.witness.verified


@dataclass(frozen=True)
class CorrigiblePicker(ShelfPicker):
    """A picker whose mesa-objective is its model of the base objective."""

    @property
    def modelled_base_objective(self) -> MesaObjective[FeatureVector]:
        return self.mesa_objective


def test_a_picker_pointing_at_its_model_of_the_base_objective_is_corrigible() -> None:
    model = picker({"kind:key": 3.0}).mesa_objective
    assert isinstance(CorrigiblePicker(model), PointsAtBaseModel)
    verdict = check_alignment(CorrigiblePicker(model), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, RobustlyAligned)
    assert (verdict.evidence, verdict.alignment) == ("proved", "corrigible")
    assert not isinstance(picker({"kind:key": 3.0}), PointsAtBaseModel)
