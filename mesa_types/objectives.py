"""Objectives and the four roles one objective can play.

The paper separates what the programmers want (intended objective), what the
training process selects for (base objective), what a learned optimizer
pursues inside itself (mesa-objective) and what best explains a system's
behaviour from outside (behavioral objective). Here each role is a nominal
class wrapping a scoring function, so mypy rejects one role where another is
required while the same function can play different roles in different
experiments.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

__all__ = [
    "BaseObjective",
    "BehavioralObjective",
    "IntendedObjective",
    "LinearObjective",
    "MesaObjective",
    "Objective",
    "OrderingComparison",
    "better_by_more_than",
    "check_tolerance",
    "compare_orderings",
    "linear_weights",
    "pairs_ordered_differently",
]

S = TypeVar("S")
S_contra = TypeVar("S_contra", contravariant=True)


class Objective(Protocol[S_contra]):
    """Anything that scores an outcome with a real number; larger is better."""

    def __call__(self, outcome: S_contra, /) -> float: ...


@dataclass(frozen=True, slots=True)
class _Role(Generic[S_contra]):
    """A scoring function in a named role. Not used directly: see the subclasses."""

    score: Objective[S_contra]
    name: str = "objective"

    def __call__(self, outcome: S_contra, /) -> float:
        return float(self.score(outcome))

    def describe(self) -> str:
        """The role and name, with the weights when the objective is linear."""
        weights = linear_weights(self)
        role = type(self).__name__
        if weights is None:
            return f"{role} {self.name!r}"
        return f"{role} {self.name!r} {weights.describe()}"


class IntendedObjective(_Role[S_contra]):
    """What the programmers really want. Outer alignment compares it with the base objective."""


class BaseObjective(_Role[S_contra]):
    """The criterion a base optimizer uses to select learned algorithms (loss, return, fitness)."""


class MesaObjective(_Role[S_contra]):
    """The criterion a mesa-optimizer uses inside itself to choose among its own plans."""


class BehavioralObjective(_Role[S_contra]):
    """The objective that best explains what a system does, recovered from its behaviour."""


class LinearObjective(BaseModel):
    """A weighted sum of named features, over a stated feature vocabulary.

    Outcomes are scored as ``sum(weight[f] * outcome[f])`` over the features of
    the vocabulary; features of an outcome outside the vocabulary count 0.
    Being data, a linear objective compares, hashes and round-trips through JSON.

    Raises:
        pydantic.ValidationError: ``features`` is empty or repeats a name,
            ``weights`` has another length, or a weight is NaN or infinite.

    Example:
        >>> exit_seeker = LinearObjective.from_weights({"kind:exit": 1.0})
        >>> exit_seeker({"kind:exit": 1.0, "color:green": 1.0})
        1.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    features: tuple[str, ...]
    weights: tuple[float, ...]

    @field_validator("features")
    @classmethod
    def _features_named_once(cls, features: tuple[str, ...]) -> tuple[str, ...]:
        if not features:
            raise ValueError("must name at least one feature")
        if any(not name for name in features):
            raise ValueError("feature names must be non-empty")
        # Checked in one pass first: genomes are built by the thousand, each validated.
        if len(set(features)) != len(features):
            repeated = sorted({n for n in features if features.count(n) > 1})
            raise ValueError(f"names a feature more than once: {repeated}")
        return features

    @field_validator("weights")
    @classmethod
    def _weights_finite(cls, weights: tuple[float, ...]) -> tuple[float, ...]:
        bad = [i for i, w in enumerate(weights) if not math.isfinite(w)]
        if bad:
            raise ValueError(f"weights must be finite numbers; entries {bad} are NaN or infinite")
        return weights

    @model_validator(mode="after")
    def _one_weight_per_feature(self) -> LinearObjective:
        if len(self.weights) != len(self.features):
            raise ValueError(
                f"weights has {len(self.weights)} entries but features has {len(self.features)}"
            )
        return self

    @classmethod
    def from_weights(
        cls, weights: Mapping[str, float], vocabulary: Sequence[str] | None = None
    ) -> LinearObjective:
        """Build from a name-to-weight map; names outside ``vocabulary`` are rejected.

        Args:
            weights: Weight of each named feature; unnamed vocabulary features get 0.
            vocabulary: The allowed feature names, in order. Defaults to the names
                of ``weights``.

        Raises:
            ValueError: A name is not in the vocabulary.
        """
        names = tuple(vocabulary) if vocabulary is not None else tuple(weights)
        unknown = sorted(set(weights) - set(names))
        if unknown:
            raise ValueError(f"weights: unknown feature names {unknown}; allowed: {list(names)}")
        return cls(features=names, weights=tuple(float(weights.get(n, 0.0)) for n in names))

    def __call__(self, outcome: Mapping[str, float], /) -> float:
        # A plain loop, not sum(): sum() of floats compensates rounding from Python 3.12 on,
        # and batched scorers must be able to reproduce these scores bit for bit.
        total = 0.0
        for name, weight in self._pairs():
            total += weight * outcome.get(name, 0.0)
        return total

    def _pairs(self) -> Iterator[tuple[str, float]]:
        return zip(self.features, self.weights, strict=True)

    def weight(self, feature: str) -> float:
        """The weight of ``feature``, 0 if the vocabulary lacks it."""
        for name, w in self._pairs():
            if name == feature:
                return w
        return 0.0

    def as_dict(self) -> dict[str, float]:
        """The weights by feature name."""
        return dict(self._pairs())

    def support(self) -> frozenset[str]:
        """The features with a non-zero weight: what the objective cares about."""
        return frozenset(f for f, w in self._pairs() if w != 0.0)

    def vector(self, vocabulary: Sequence[str]) -> NDArray[np.float64]:
        """The weights laid out in ``vocabulary`` order, for fast scoring with numpy."""
        table = self.as_dict()
        return np.array([table.get(n, 0.0) for n in vocabulary], dtype=np.float64)

    def describe(self) -> str:
        """The non-zero weights, as ``{kind:exit: +1}``."""
        parts = [f"{f}: {w:+.3g}" for f, w in self._pairs() if w != 0.0]
        return "{" + ", ".join(parts) + "}"


def linear_weights(objective: object) -> LinearObjective | None:
    """The linear objective behind ``objective`` (a role or a bare one), if there is one."""
    inner = objective.score if isinstance(objective, _Role) else objective
    return inner if isinstance(inner, LinearObjective) else None


@dataclass(frozen=True, slots=True)
class OrderingComparison(Generic[S]):
    """Whether two objectives order a set of outcomes the same way.

    ``pair`` is ``None`` when they agree; otherwise ``(a, b)`` where the first
    objective ranks ``a`` at least as high as ``b`` and the second does not
    rank them the same way.
    """

    agree: bool
    pair: tuple[S, S] | None
    outcomes_compared: int


def compare_orderings(
    first: Objective[S], second: Objective[S], outcomes: Iterable[S], tolerance: float = 0.0
) -> OrderingComparison[S]:
    """Check that two objectives order every pair of ``outcomes`` the same way.

    Two scores closer than ``tolerance`` count as tied.

    Example:
        >>> exit_ = LinearObjective.from_weights({"kind:exit": 1.0})
        >>> green = LinearObjective.from_weights({"color:green": 1.0})
        >>> pool = [{"kind:exit": 1.0, "color:green": 1.0}, {"kind:apple": 1.0, "color:green": 1.0}]
        >>> compare_orderings(exit_, green, pool).agree
        False
    """
    pool = list(outcomes)
    firsts = [first(o) for o in pool]
    seconds = [second(o) for o in pool]
    for i, j in _index_pairs(len(pool)):
        if _sign(firsts[i] - firsts[j], tolerance) != _sign(seconds[i] - seconds[j], tolerance):
            a, b = (i, j) if firsts[i] >= firsts[j] else (j, i)
            return OrderingComparison(False, (pool[a], pool[b]), len(pool))
    return OrderingComparison(True, None, len(pool))


def pairs_ordered_differently(
    base: Objective[S], mesa: Objective[S], outcomes: Iterable[S], tolerance: float = 0.0
) -> Iterator[tuple[S, S]]:
    """Pairs ``(wanted, chosen)`` where base prefers ``wanted`` but mesa does not.

    Base must rate ``wanted`` above ``chosen`` by more than ``tolerance`` and
    the mesa-objective must rate ``chosen`` at least as high as ``wanted``:
    an agent that breaks ties towards ``chosen`` then picks the wrong one.
    These are the only pairs that can make an agent fail the base objective.
    """
    pool = list(outcomes)
    base_scores = [base(o) for o in pool]
    mesa_scores = [mesa(o) for o in pool]
    for i in range(len(pool)):
        for j in range(len(pool)):
            base_prefers_i = better_by_more_than(base_scores[i], base_scores[j], tolerance)
            if i != j and base_prefers_i and mesa_scores[j] >= mesa_scores[i]:
                yield pool[i], pool[j]


def better_by_more_than(better: float, worse: float, tolerance: float) -> bool:
    """Whether ``better`` beats ``worse`` by more than ``tolerance``: the one comparison.

    Every check that asks "did the base objective want something else?" asks
    it this way, as a difference against the tolerance, so that a pair of
    outcomes the exact check calls tied is never a failure when an episode
    is judged, nor the other way round.
    """
    return better - worse > tolerance


def check_tolerance(tolerance: float) -> float:
    """``tolerance`` if it is a finite number >= 0.

    Raises:
        ValueError: It is negative, infinite or NaN; the message says so.
    """
    if not (math.isfinite(tolerance) and tolerance >= 0):
        raise ValueError(f"tolerance must be a finite number >= 0, got {tolerance}")
    return float(tolerance)


def _index_pairs(n: int) -> Iterator[tuple[int, int]]:
    for i in range(n):
        for j in range(i + 1, n):
            yield i, j


def _sign(x: float, tolerance: float) -> int:
    if x > tolerance:
        return 1
    if x < -tolerance:
        return -1
    return 0
