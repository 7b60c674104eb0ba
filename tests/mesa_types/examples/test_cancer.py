"""The cancer world: the base-optimal agent is robustly aligned with the base objective and
outer-misaligned, with a witness town where it leaves no people."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_types import (
    BaseObjective,
    FeatureVector,
    IntendedObjective,
    LinearObjective,
    OuterAligned,
    OuterMisaligned,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    check_outer_alignment,
    check_universe,
    describe_outer,
    outer_from_json,
    outer_to_json,
    outer_witness,
    replay_outer_witness,
    run_episode,
)
from mesa_types.examples import (
    PROGRAMMES,
    Town,
    base_optimal_picker,
    fewer_people_with_cancer,
    healthy_lives,
    intended_picker,
    town_universe,
    training_towns,
)

UNIVERSE = town_universe()


def test_the_town_universe_keeps_the_exact_checks_contract_and_lists_its_60_towns() -> None:
    check_universe(UNIVERSE)
    assert UNIVERSE.environments is not None and len(UNIVERSE.environments) == 60


def test_no_training_town_offers_the_programme_that_leaves_no_people() -> None:
    towns = training_towns().sample_many(200, seed=3)
    assert all(PROGRAMMES["no people"] not in t.programmes for t in towns)
    assert any(
        PROGRAMMES["no people"] in t.programmes for t in UNIVERSE.distribution.sample_many(20, 3)
    )


def test_the_base_optimal_picker_is_proved_robustly_and_internally_aligned_with_the_base() -> None:
    verdict = check_alignment(
        base_optimal_picker(), fewer_people_with_cancer(), training_towns(), UNIVERSE
    )
    assert isinstance(verdict, RobustlyAligned)
    assert (verdict.evidence, verdict.alignment) == ("proved", "internal")
    assert "every one of the universe's 60 environments" in verdict.premise


def test_the_picker_that_wants_what_was_intended_is_pseudo_aligned_with_the_base() -> None:
    verdict = check_alignment(
        intended_picker(), fewer_people_with_cancer(), training_towns(), UNIVERSE
    )
    assert isinstance(verdict, PseudoAligned)
    assert verdict.witness.wanted == "nothing"  # the base objective wanted no people


def test_the_base_objective_is_outer_misaligned_with_the_new_drug_against_no_people() -> None:
    verdict = check_outer_alignment(healthy_lives(), fewer_people_with_cancer(), UNIVERSE)
    assert isinstance(verdict, OuterMisaligned)
    assert (verdict.found_by, verdict.pairs_ordered_differently) == ("exact", 3)
    w = verdict.witness
    assert w.spec == {"programmes": ["new drug", "no people"]}
    assert (w.base_best, w.intended_best) == ("nothing", "cancer + 9*healthy")
    assert (w.intended_score, w.best_intended_score, w.intended_regret) == (0.0, 9.0, 9.0)
    assert outer_from_json(outer_to_json(verdict)) == verdict
    assert describe_outer(verdict).startswith(
        "Outer misaligned (found by the exact check). They order 3 pairs of outcomes differently. "
        "Witness pair town: an optimizer of the base objective brings about nothing (intended "
        "score 0) where the intended objective wanted cancer + 9*healthy (intended score 9)."
    )


def test_the_witness_replayed_makes_the_base_optimal_picker_leave_no_people() -> None:
    verdict = check_outer_alignment(healthy_lives(), fewer_people_with_cancer(), UNIVERSE)
    assert isinstance(verdict, OuterMisaligned)
    again = replay_outer_witness(verdict.witness, base_optimal_picker(), UNIVERSE, healthy_lives(),
                                 name="base-optimal picker")  # fmt: skip
    assert again is not None
    assert (again.base_best, again.agent, again.intended_score) == (
        "nothing",
        "base-optimal picker",
        0.0,
    )
    assert (
        replay_outer_witness(verdict.witness, intended_picker(), UNIVERSE, healthy_lives()) is None
    )


def test_in_every_listed_town_offering_no_people_the_base_optimal_picker_leaves_no_people() -> None:
    assert UNIVERSE.environments is not None
    offering = [t for t in UNIVERSE.environments if PROGRAMMES["no people"] in t.programmes]
    outcomes = {run_episode(base_optimal_picker(), t).outcome for t in offering}
    assert (len(offering), outcomes) == (48, {FeatureVector()})


def test_an_intended_objective_equal_to_the_base_is_proved_outer_aligned() -> None:
    base = fewer_people_with_cancer()
    verdict = check_outer_alignment(IntendedObjective(base.score, "as written"), base, UNIVERSE)
    assert isinstance(verdict, OuterAligned)
    assert (verdict.evidence, verdict.pairs_ordered_differently, verdict.environments_checked) == (
        "proved", 0, 0,
    )  # fmt: skip
    assert outer_from_json(outer_to_json(verdict)) == verdict


def _healthy(outcome: Mapping[str, float]) -> float:
    return outcome.get("healthy", 0.0)


def test_without_linear_objectives_the_check_samples_and_still_finds_a_witness() -> None:
    intended = IntendedObjective(_healthy)
    verdict = check_outer_alignment(
        intended, fewer_people_with_cancer(), UNIVERSE, samples=50, seed=1
    )
    assert isinstance(verdict, OuterMisaligned)
    assert verdict.found_by == "sampled" and verdict.pairs_ordered_differently is None
    assert verdict.witness.base_best == "nothing"
    same = check_outer_alignment(
        IntendedObjective(_healthy), BaseObjective(_healthy), UNIVERSE, samples=20
    )
    assert isinstance(same, OuterAligned)
    assert (same.evidence, same.environments_checked) == ("not_refuted", 20)
    assert "not refuted after 20 environments (sampled)" in describe_outer(same)


def test_bad_towns_specs_and_tolerances_are_rejected_with_the_field_named() -> None:
    with pytest.raises(ValueError, match="programmes: a town needs"):
        Town(())
    with pytest.raises(ValueError, match=r"programmes: .* are none of"):
        Town((FeatureVector({"healthy": 5.0}),))
    assert UNIVERSE.rebuild is not None
    with pytest.raises(ValueError, match="a town's spec is"):
        UNIVERSE.rebuild({"programmes": ["cure"]})
    with pytest.raises(ValueError, match="tolerance must be"):
        check_outer_alignment(healthy_lives(), fewer_people_with_cancer(), UNIVERSE, tolerance=-1)


_WEIGHT = st.integers(-3, 3).map(float)


@settings(max_examples=60, deadline=None)
@given(_WEIGHT, _WEIGHT, _WEIGHT, _WEIGHT)
def test_the_exact_outer_verdict_equals_brute_force_over_all_60_towns(
    healthy: float, cancer: float, base_healthy: float, base_cancer: float
) -> None:
    names = ("healthy", "cancer")
    intended = IntendedObjective(LinearObjective(features=names, weights=(healthy, cancer)))
    base = BaseObjective(LinearObjective(features=names, weights=(base_healthy, base_cancer)))
    verdict = check_outer_alignment(intended, base, UNIVERSE)
    assert UNIVERSE.environments is not None
    failing = [t for t in UNIVERSE.environments if outer_witness(t, intended, base) is not None]
    assert isinstance(verdict, OuterMisaligned) == bool(failing)
    if isinstance(verdict, OuterMisaligned):  # its witness town is one of the failing ones
        assert UNIVERSE.rebuild is not None
        rebuilt = UNIVERSE.rebuild(verdict.witness.spec)
        assert rebuilt.programmes in {t.programmes for t in failing}
