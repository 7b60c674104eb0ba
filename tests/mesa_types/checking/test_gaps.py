"""The four objectives and three gaps: exact counts, witnesses, what is missing, JSON."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesa_types import (
    BaseObjective,
    Distribution,
    FeatureVector,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    Universe,
    count_ordered_differently,
    describe_objectives,
    four_objectives,
    objectives_from_json,
    objectives_to_json,
    recover_objective,
)
from mesa_types.examples import (
    CANCER_VOCABULARY,
    VOCABULARY,
    base_optimal_picker,
    fewer_people_with_cancer,
    healthy_lives,
    item,
    shelf_universe,
    take_the_key,
    town_universe,
    training_shelves,
    training_towns,
    yellow_picker,
)


def test_the_cancer_worlds_base_optimal_picker_has_an_outer_gap_and_no_inner_gap() -> None:
    towns = training_towns().sample_many(16, seed=0)
    fit = recover_objective(base_optimal_picker(), towns, CANCER_VOCABULARY)
    mesa = base_optimal_picker().mesa_objective
    report = four_objectives(town_universe(), fewer_people_with_cancer(), intended=healthy_lives(),
                             mesa=mesa, behavioral=fit.objective)  # fmt: skip
    outer, inner, seen = report.gaps
    assert (outer.pairs, outer.ordered_differently, outer.against_first) == (6, 3, 3)
    assert outer.witness is not None
    assert (outer.witness.ranked_higher, outer.witness.other) == ("3*cancer + 7*healthy", "nothing")
    assert (outer.witness.first_scores, outer.witness.second_scores) == ((7.0, 0.0), (-3.0, 0.0))
    assert outer.witness.spec == {"programmes": ["carry on", "no people"]}
    assert (inner.ordered_differently, inner.against_first, inner.witness) == (0, 0, None)
    # In training no town offers "no people": behaviour there cannot show the base's taste for it.
    assert fit.objective.describe().endswith("{healthy: +1, cancer: -1}")
    assert (seen.ordered_differently, seen.against_first) == (3, 3)
    assert objectives_from_json(objectives_to_json(report)) == report


def test_a_missing_objective_leaves_its_gaps_unmeasured_and_says_why() -> None:
    report = four_objectives(shelf_universe(), take_the_key(), mesa=yellow_picker().mesa_objective)
    assert report.intended is None and report.behavioral is None
    assert report.outer.unmeasured == "no intended objective"
    assert report.reward_result.unmeasured == "no behavioral objective"
    # Of the 36 pairs of items: 10 the base separates and yellow ties, 10 the other way round,
    # 4 they order oppositely (a red or blue key against a yellow cup or book).
    inner = report.inner
    assert (inner.pairs, inner.ordered_differently, inner.against_first) == (36, 24, 14)
    assert report.inner.witness is not None
    assert (report.inner.witness.ranked_higher, report.inner.witness.other) == (
        "color:yellow + kind:key", "color:yellow + kind:cup",
    )  # fmt: skip
    no_mesa = four_objectives(shelf_universe(), take_the_key())
    assert no_mesa.inner.unmeasured == "no mesa objective: it is not a mesa-optimizer"
    text = describe_objectives(report)
    assert text.splitlines()[1:5] == [
        "  Intended:   -",
        "  Base:       BaseObjective 'take the key' {kind:key: +1}",
        "  Mesa:       MesaObjective 'wants yellow things' {color:yellow: +1}",
        "  Behavioral: -",
    ]
    assert "outer (intended vs base):           not measured (no intended objective)" in text
    assert objectives_from_json(objectives_to_json(report)) == report


def test_the_weights_of_linear_objectives_are_kept_for_the_picture() -> None:
    report = four_objectives(shelf_universe(), take_the_key(),
                             intended=IntendedObjective(take_the_key().score, "keys"))  # fmt: skip
    assert report.base.weights == dict.fromkeys(VOCABULARY, 0.0) | {"kind:key": 1.0}
    assert report.intended is not None and report.intended.weights == report.base.weights
    assert (report.outer.ordered_differently, report.outer.witness) == (0, None)


def test_a_universe_without_listed_outcomes_cannot_be_compared() -> None:
    universe: Universe[object, FeatureVector] = Universe("unlisted", Distribution("d", lambda r: r))
    with pytest.raises(ValueError, match="lists neither outcomes nor environments"):
        four_objectives(universe, take_the_key())


_WEIGHTS = st.lists(st.integers(-3, 3), min_size=len(VOCABULARY), max_size=len(VOCABULARY))


@given(_WEIGHTS, _WEIGHTS)
def test_counting_is_symmetric_and_zero_for_an_objective_and_a_positive_multiple(
    first: list[int], second: list[int]
) -> None:
    one = LinearObjective(features=VOCABULARY, weights=tuple(float(w) for w in first))
    two = LinearObjective(features=VOCABULARY, weights=tuple(float(w) for w in second))
    pool = [item(k, c) for k in ("key", "cup", "book") for c in ("yellow", "red", "blue")]
    assert count_ordered_differently(one, two, pool) == count_ordered_differently(two, one, pool)
    doubled = LinearObjective(features=VOCABULARY, weights=tuple(2.0 * w for w in first))
    assert count_ordered_differently(one, doubled, pool) == 0
    agree = four_objectives(shelf_universe(), BaseObjective(one), mesa=MesaObjective(doubled)).inner
    assert (agree.ordered_differently, agree.against_first, agree.witness) == (0, 0, None)


def test_the_reward_result_gap_of_the_yellow_picker_is_smaller_than_its_inner_gap() -> None:
    # Training shelves tie "key" and "yellow", so the fit weighs both: it keeps the base
    # objective's preference wherever one item is a yellow key, and ties a red key with a
    # yellow cup, which the base objective does not (4 such pairs, of 14 ordered differently).
    fit = recover_objective(yellow_picker(), training_shelves().sample_many(16, 0), VOCABULARY)
    report = four_objectives(shelf_universe(), take_the_key(), behavioral=fit.objective,
                             mesa=yellow_picker().mesa_objective)  # fmt: skip
    seen, inner = report.reward_result, report.inner
    assert (seen.ordered_differently, seen.against_first) == (14, 4)
    assert (inner.ordered_differently, inner.against_first) == (24, 14)
    assert seen.witness is not None
    assert (seen.witness.ranked_higher, seen.witness.other) == (
        "color:red + kind:key", "color:yellow + kind:cup",
    )  # fmt: skip
    assert seen.witness.second_scores == (0.0, 0.0)
