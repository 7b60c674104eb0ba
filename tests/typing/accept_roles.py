"""Objectives and roles: what mypy --strict must accept.

One scoring function can play every role; each role keeps the outcome type of
the function it wraps; roles are contravariant in the outcome, so an objective
over a wider outcome type serves where a narrower one is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_type

from mesa_types import (
    BaseObjective,
    BehavioralObjective,
    FeatureVector,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    Objective,
    OrderingComparison,
    compare_orderings,
    linear_weights,
    pairs_ordered_differently,
)
from mesa_types.examples import VOCABULARY, take_the_key

BASE = take_the_key()

wants_key = LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY)


def count_keys(outcome: FeatureVector) -> float:
    """A plain function scoring outcomes: it can play any role."""
    return outcome.get("kind:key", 0.0)


# The same function in four roles; the role is part of the type.
assert_type(IntendedObjective(count_keys), IntendedObjective[FeatureVector])
assert_type(BaseObjective(count_keys), BaseObjective[FeatureVector])
assert_type(MesaObjective(count_keys), MesaObjective[FeatureVector])
assert_type(BehavioralObjective(count_keys), BehavioralObjective[FeatureVector])

# A linear objective scores any mapping of names to numbers, so wrapping it
# gives a role over mappings; the shelf's base objective is one.
assert_type(BASE, BaseObjective[Mapping[str, float]])
assert_type(MesaObjective(wants_key), MesaObjective[Mapping[str, float]])

# Contravariance: an objective over all mappings is one over feature vectors.
base_over_vectors: BaseObjective[FeatureVector] = BASE
mesa_over_vectors: MesaObjective[FeatureVector] = MesaObjective(wants_key)

# Every role, and a linear objective, is an Objective (the scoring protocol).
as_objective: Objective[FeatureVector] = base_over_vectors
as_objective = wants_key
as_objective = count_keys
assert_type(as_objective(FeatureVector(["kind:key"])), float)

# Scores are floats, whatever the role.
assert_type(BASE(FeatureVector()), float)
assert_type(mesa_over_vectors.describe(), str)

# The linear objective behind a role, if any.
assert_type(linear_weights(BASE), LinearObjective | None)

# Comparisons keep the outcome type of the pool they are given.
pool = [FeatureVector(["kind:key"]), FeatureVector(["kind:cup"])]
assert_type(compare_orderings(BASE, mesa_over_vectors, pool), OrderingComparison[FeatureVector])
for wanted, chosen in pairs_ordered_differently(BASE, mesa_over_vectors, pool):
    assert_type(wanted, FeatureVector)
    assert_type(chosen, FeatureVector)
