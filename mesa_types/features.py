"""Outcomes described by named features: the common currency of linear objectives."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["FeatureVector"]


class FeatureVector(Mapping[str, float]):
    """An immutable, hashable map from feature names to values.

    An outcome of a world is described by the features that hold in it
    (``kind:exit``, ``color:green``...). Features absent from the map have value
    0, so zero entries are dropped and two vectors with the same non-zero
    features compare equal. The empty vector describes "nothing happened".

    Args:
        values: A mapping of names to finite values, or an iterable of names,
            each of which then has value 1.

    Raises:
        ValueError: A name is empty or a value is NaN or infinite.

    Example:
        >>> FeatureVector(["kind:exit", "color:green"])["color:green"]
        1.0
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, values: Mapping[str, float] | Iterable[str] = ()) -> None:
        pairs = values.items() if isinstance(values, Mapping) else ((n, 1.0) for n in values)
        items: dict[str, float] = {}
        for name, value in pairs:
            if not isinstance(name, str) or not name:
                raise ValueError(f"feature names must be non-empty strings, got {name!r}")
            number = float(value)
            if not math.isfinite(number):
                raise ValueError(f"feature {name!r} must have a finite value, got {value!r}")
            if number != 0.0:
                items[name] = number
        self._items = dict(sorted(items.items()))
        self._hash = hash(tuple(self._items.items()))

    def __getitem__(self, name: str) -> float:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FeatureVector):
            return self._items == other._items
        return NotImplemented

    def __repr__(self) -> str:
        return f"FeatureVector({self._items!r})"

    def describe(self) -> str:
        """One short phrase: ``nothing`` or the features joined by ``+``."""
        if not self._items:
            return "nothing"
        return " + ".join(n if v == 1.0 else f"{v:g}*{n}" for n, v in self._items.items())

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        as_dict = core_schema.dict_schema(core_schema.str_schema(), core_schema.float_schema())
        from_dict = core_schema.no_info_after_validator_function(cls, as_dict)
        return core_schema.json_or_python_schema(
            json_schema=from_dict,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_dict]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: dict(v._items)
            ),
        )
