from __future__ import annotations

import math

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from mesa_types import FeatureVector


class Observed(BaseModel):
    """A frozen model holding feature vectors, as verdicts and run records do."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: FeatureVector
    history: tuple[FeatureVector, ...] = ()


def test_names_alone_have_value_one() -> None:
    vector = FeatureVector(["kind:exit", "color:green"])
    assert vector["kind:exit"] == 1.0
    assert vector["color:green"] == 1.0
    assert len(vector) == 2


def test_absent_features_are_missing_not_zero() -> None:
    vector = FeatureVector(["kind:exit"])
    assert "color:green" not in vector
    assert vector.get("color:green", 0.0) == 0.0
    with pytest.raises(KeyError):
        vector["color:green"]


def test_zero_entries_are_dropped() -> None:
    vector = FeatureVector({"kind:exit": 1.0, "color:green": 0.0})
    assert list(vector) == ["kind:exit"]
    assert vector == FeatureVector(["kind:exit"])


def test_equal_vectors_hash_equal_whatever_the_order() -> None:
    first = FeatureVector({"a": 1.0, "b": 2.0})
    second = FeatureVector({"b": 2.0, "a": 1.0, "c": 0.0})
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_different_values_are_different_vectors() -> None:
    assert FeatureVector({"a": 1.0}) != FeatureVector({"a": 2.0})
    assert FeatureVector(["a"]) != FeatureVector(["b"])


def test_a_vector_is_not_equal_to_a_plain_dict() -> None:
    # Equality with dicts would make hashing inconsistent: a dict is unhashable.
    assert FeatureVector(["a"]) != {"a": 1.0}


def test_iteration_is_in_name_order() -> None:
    assert list(FeatureVector(["b", "c", "a"])) == ["a", "b", "c"]


def test_empty_vector_describes_nothing() -> None:
    assert FeatureVector().describe() == "nothing"
    assert len(FeatureVector()) == 0


def test_describe_joins_features_and_shows_non_unit_values() -> None:
    assert FeatureVector(["kind:exit", "color:green"]).describe() == "color:green + kind:exit"
    assert FeatureVector({"dust": 2.5, "kind:exit": 1.0}).describe() == "2.5*dust + kind:exit"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_rejected_naming_the_feature(value: float) -> None:
    with pytest.raises(ValueError, match="feature 'dust' must have a finite value"):
        FeatureVector({"dust": value})


def test_empty_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="non-empty strings"):
        FeatureVector([""])


def test_json_round_trip_inside_a_model() -> None:
    record = Observed(
        outcome=FeatureVector({"kind:exit": 1.0, "dust": 0.5}),
        history=(FeatureVector(), FeatureVector(["color:green"])),
    )
    text = record.model_dump_json()
    assert '"outcome":{"dust":0.5,"kind:exit":1.0}' in text
    again = Observed.model_validate_json(text)
    assert again == record
    assert isinstance(again.outcome, FeatureVector)
    assert again.history[0] == FeatureVector()


def test_models_accept_plain_dicts_and_validate_them() -> None:
    assert Observed.model_validate({"outcome": {"a": 1.0}}).outcome == FeatureVector(["a"])
    with pytest.raises(ValidationError, match="outcome"):
        Observed.model_validate_json('{"outcome": {"a": "many"}}')
