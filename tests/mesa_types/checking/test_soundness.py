"""Regression tests for the ways "proved" was false on worlds users bring, one per finding.

Each of these passed the exact check with a false proof, or mislabelled a
verdict, before the checker stated and checked its premise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pytest

from mesa_types import (
    BaseObjective,
    Decision,
    Distribution,
    FeatureVector,
    LearnedAlgorithm,
    LinearObjective,
    MesaObjective,
    NotAnOptimizer,
    PseudoAligned,
    RobustlyAligned,
    SearchTrace,
    Universe,
    UniverseError,
    Verdict,
    check_alignment,
    check_behaviour,
    check_universe,
    judge_episode,
    pseudo_kinds,
    replay_witness,
    run_episode,
)
from mesa_types.examples import (
    House,
    HousePlanner,
    HouseState,
    Shelf,
    ShelfState,
    house_planner,
    house_universe,
    item,
    key_picker,
    shelf_universe,
    take_the_key,
    training_houses,
    training_shelves,
)

BASE = take_the_key()
CLAIMED = MesaObjective(LinearObjective.from_weights({"kind:key": 1.0}), "claimed")
HOUSES, SHELVES = house_universe(), shelf_universe()


def _every_house_fails(agent: LearnedAlgorithm[HouseState, int], draws: int = 300) -> int:
    houses = HOUSES.distribution.sample_many(draws, 11)
    return sum(judge_episode(agent, h, BASE) is not None for h in houses)


def _proved(verdict: Verdict) -> bool:
    return isinstance(verdict, RobustlyAligned) and verdict.evidence == "proved"


def test_1_ties_broken_the_other_way_are_found_in_the_other_order() -> None:
    # Red key and yellow cup tie for it; the base objective wants the key.
    first = house_planner({"kind:key": 1.0, "color:yellow": 1.0}, ties="first")
    assert _every_house_fails(first) > 0, "brute force: it does fail some house"
    unprobed = house_universe(probes=False)  # the tie alone must be found, not a probe
    verdict = check_alignment(first, BASE, training_houses(), unprobed)
    assert isinstance(verdict, PseudoAligned) and verdict.found_by == "exact"
    assert verdict.witness.did == "color:yellow + kind:cup"
    assert replay_witness(verdict.witness, first, HOUSES, BASE) is not None


def test_2_a_peeking_planner_is_not_proved_without_probes_and_caught_with_them() -> None:
    peeker = house_planner({"kind:key": 1.0}, sight="first boxes")
    assert _every_house_fails(peeker) > 0
    unprobed = check_alignment(peeker, BASE, training_houses(), house_universe(probes=False))
    assert not _proved(unprobed)
    assert isinstance(unprobed, PseudoAligned) and unprobed.kinds == ("capability",)
    probed = check_alignment(peeker, BASE, training_houses(), HOUSES)
    assert isinstance(probed, PseudoAligned) and probed.kinds == ("capability",)
    assert probed.witness.environment == "key in the far room"


def test_2_without_probes_even_a_right_planner_is_only_not_refuted_and_says_why() -> None:
    planner = house_planner({"kind:key": 1.0})
    verdict = check_alignment(planner, BASE, training_houses(), house_universe(probes=False))
    assert isinstance(verdict, RobustlyAligned) and verdict.evidence == "not_refuted"
    assert "no limit probes" in verdict.premise
    proved = check_alignment(planner, BASE, training_houses(), HOUSES)
    assert isinstance(proved, RobustlyAligned) and proved.evidence == "proved"
    assert proved.alignment == "internal"


@dataclass(frozen=True)
class _Hasty(HousePlanner):
    """Decides like the key planner; in houses with a red key, opens the first box instead."""

    def act(self, observation: HouseState) -> int:
        if any(t == item("key", "red") for room in observation.rooms for t in room):
            return 0
        return self.decide(observation).action


def test_3_an_agent_whose_act_is_not_its_decide_is_not_proved() -> None:
    hasty = _Hasty(house_planner({"kind:key": 1.0}).mesa_objective)
    assert _every_house_fails(hasty) > 0
    verdict = check_alignment(hasty, BASE, training_houses(), HOUSES)
    assert not _proved(verdict)
    assert isinstance(verdict, PseudoAligned)


@dataclass(frozen=True)
class _FabricatedRule:
    """A fixed rule (take the last item) that reports a search it never ran."""

    objective: MesaObjective[FeatureVector] = field(default_factory=lambda: CLAIMED)

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        return self.objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        made_up = (item("key", "gold"), item("cup", "red"))
        return Decision(len(observation.items) - 1, SearchTrace(made_up, (1.0, 0.0), 0))

    def act(self, observation: ShelfState) -> int:
        return len(observation.items) - 1


def test_3_a_fixed_rule_with_a_fabricated_trace_is_not_an_optimizer() -> None:
    verdict = check_alignment(_FabricatedRule(), BASE, training_shelves(), SHELVES)
    assert isinstance(verdict, NotAnOptimizer)
    assert verdict.reason is not None and "not reachable" in verdict.reason


def _leaky_offering(outcomes: object) -> Shelf:
    return Shelf((*outcomes, item("key", "red")), name="leaky shelf")  # type: ignore[misc]


def test_4_an_offering_that_offers_more_than_asked_is_refused() -> None:
    leaky = Universe(
        name="shelves with an extra key",
        distribution=SHELVES.distribution,
        outcomes=SHELVES.outcomes,
        offering=_leaky_offering,
        limit_probes=SHELVES.limit_probes,
    )
    with pytest.raises(UniverseError, match="extra color:red \\+ kind:key"):
        check_universe(leaky)
    with pytest.raises(UniverseError):
        check_alignment(key_picker(), BASE, training_shelves(), leaky)


def test_4_a_shipped_universe_passes() -> None:
    check_universe(SHELVES)
    check_universe(HOUSES)


def test_5_the_pair_check_and_the_episode_judge_compare_alike() -> None:
    base = LinearObjective.from_weights({"kind:key": 1.0, "kind:cup": 0.9})
    near = BaseObjective(base, "keys, and cups nearly as much")
    lover = house_planner({"kind:key": 0.9, "kind:cup": 1.0})
    tolerance = 0.09999999999999992  # just under 1.0 - 0.9 as floats compute it
    house = House(((item("key", "red"), item("cup", "red")),) * 2)
    assert judge_episode(lover, house, near, tolerance) is not None
    verdict = check_alignment(lover, near, training_houses(), HOUSES, tolerance=tolerance)
    assert not _proved(verdict)


def test_7_the_checker_judges_the_training_environments_it_is_given() -> None:
    # A peeker is perfect on houses with the key in a first box, which it was trained on;
    # on the checker's own draws it would be too, but a hand-given set decides.
    peeker = house_planner({"kind:key": 1.0}, sight="first boxes")
    key_second = House(((item("book", "red"),) * 2, (item("cup", "red"), item("key", "yellow"))))
    mine = check_alignment(peeker, BASE, training_houses(), HOUSES, trained_on=[key_second])
    assert mine.kind == "misaligned"


def test_7_huge_weights_are_still_approximate_and_nothing_pursued_outside_is_no_proxy() -> None:
    base = LinearObjective.from_weights({"kind:key": 1.0, "kind:cup": 0.9})
    huge = LinearObjective.from_weights({"kind:key": 0.9e308, "kind:cup": 1e308})
    assert pseudo_kinds(base, huge) == ("approximate",)
    far = LinearObjective.from_weights({"kind:key": 0.3, "kind:cup": 1.0})
    assert "proxy" not in pseudo_kinds(base, far)


@pytest.mark.parametrize("tolerance", [math.inf, -1.0, math.nan])
def test_7_a_tolerance_must_be_finite_and_not_negative(tolerance: float) -> None:
    with pytest.raises(ValueError, match="tolerance must be a finite number >= 0"):
        check_alignment(key_picker(), BASE, training_shelves(), SHELVES, tolerance=tolerance)


def test_7_no_training_environment_is_the_same_error_on_every_path() -> None:
    for check in (check_alignment, check_behaviour):
        with pytest.raises(ValueError, match="training_environments must be at least 1"):
            check(key_picker(), BASE, training_shelves(), SHELVES, training_environments=0)


def test_a_proved_verdicts_witnesses_replay_from_json_for_any_world() -> None:
    yellow = house_planner({"color:yellow": 1.0})
    verdict = check_alignment(yellow, BASE, training_houses(), HOUSES)
    assert isinstance(verdict, PseudoAligned)
    again = replay_witness(verdict.witness, yellow, HOUSES, BASE)
    assert again is not None and again.did == verdict.witness.did
    assert HOUSES.rebuild is not None
    episode = run_episode(yellow, HOUSES.rebuild(verdict.witness.spec))
    assert episode.outcome.describe() == verdict.witness.did


def test_replay_needs_a_universe_that_can_rebuild() -> None:
    bare: Universe[House, FeatureVector] = Universe(
        "no rebuild", Distribution("any", lambda rng: House(((item("key", "red"),),)))
    )
    verdict = check_alignment(house_planner({"color:yellow": 1.0}), BASE, training_houses(), HOUSES)
    assert isinstance(verdict, PseudoAligned)
    with pytest.raises(ValueError, match="has no rebuild"):
        replay_witness(verdict.witness, house_planner({}), bare, BASE)


def test_a_universe_whose_environments_miss_an_always_outcome_is_refused() -> None:
    claims_nothing = replace(SHELVES, always=(FeatureVector(),))
    with pytest.raises(UniverseError, match="missing nothing"):
        check_universe(claims_nothing)
    unoffered = replace(claims_nothing, offering=None)
    with pytest.raises(UniverseError, match="does not offer nothing"):
        check_universe(unoffered)


def _broken_offering(outcomes: Sequence[FeatureVector]) -> Shelf:
    raise RuntimeError("no such shelf")


def test_an_offering_that_raises_is_reported_as_the_universe_error_it_is() -> None:
    with pytest.raises(UniverseError, match="failed: no such shelf"):
        check_universe(replace(SHELVES, offering=_broken_offering))
