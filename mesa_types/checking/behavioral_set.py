"""What behaviour leaves open: every linear objective consistent with recorded choices.

Recorded choices are comparisons between feature vectors: the outcome chosen
minus an alternative, a row ``d``. Strict evidence (a nearer alternative passed
up) says ``w . d > 0``; weak evidence (one as near or farther) says
``w . d >= 0``. The objectives satisfying every row form a convex cone,
:class:`ConsistentObjectives`. Scaling an objective by a positive number orders
outcomes the same way, so nothing is lost by looking only at weights in
``[-1, 1]``.

Inverse RL hands back one member of that set. Which member is a convention;
what the behaviour *fixes* is what every member agrees on. For two outcomes
``a`` and ``b`` the members can prefer ``a``, tie them, or prefer ``b``; the
pair is identified when only one of the three is possible
(:class:`PairRanking`). Each possibility is decided by one small linear
program (does a member exist that prefers ``a`` by a positive margin?), and
each possibility found comes with such a member, checked in exact arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from mesa_types.checking.behavioral_lp import EPSILON, Exact, holds, margin_lp, snap
from mesa_types.features import FeatureVector
from mesa_types.objectives import LinearObjective, Objective, linear_weights

__all__ = ["Choice", "ConsistentObjectives", "Order", "PairRanking", "reproduces"]

Order = Literal[">", "=", "<"]
"""How an objective ranks a pair ``(first, second)``: prefers the first, ties them, or not."""

Rows = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Choice:
    """One observed episode: what was brought about, and what could have been instead.

    Distances count steps until the outcome was brought about (see
    :func:`~mesa_types.observe_choices`); a world may count its own way, as long as the
    chosen outcome and its alternatives are measured alike.

    Attributes:
        chosen: The outcome brought about.
        distance: Steps it took to bring it about (0 for one held from the start).
        alternatives: Each other outcome it could have brought about, with the
            fewest steps to bring it about.
    """

    chosen: FeatureVector
    distance: int
    alternatives: tuple[tuple[FeatureVector, int], ...]


@dataclass(frozen=True, slots=True)
class PairRanking:
    """How the objectives consistent with the behaviour rank one pair of outcomes.

    Each field holds a consistent objective that ranks the pair that way, or
    ``None`` when no consistent objective does. The pair is *identified* when
    exactly one of the three is possible: then behaviour has settled it.
    Otherwise an observer cannot tell, from this behaviour, which way the agent
    ranks the two; and an agent holding the one objective acts like an agent
    holding the other everywhere it was watched.

    Attributes:
        first: One outcome of the pair.
        second: The other.
        prefers_first: A consistent objective scoring ``first`` higher.
        ties: A consistent objective scoring them the same.
        prefers_second: A consistent objective scoring ``second`` higher.
    """

    first: FeatureVector
    second: FeatureVector
    prefers_first: LinearObjective | None
    ties: LinearObjective | None
    prefers_second: LinearObjective | None

    @property
    def orders(self) -> tuple[Order, ...]:
        """The rankings some consistent objective gives the pair: ``('>', '=')`` and so on."""
        found: tuple[tuple[Order, LinearObjective | None], ...] = (
            (">", self.prefers_first),
            ("=", self.ties),
            ("<", self.prefers_second),
        )
        return tuple(order for order, objective in found if objective is not None)

    @property
    def identified(self) -> bool:
        """True when every consistent objective ranks the pair the same way."""
        return len(self.orders) == 1

    def describe(self) -> str:
        """``color:green + kind:exit > nothing`` when identified, else the open rankings."""
        first, second = self.first.describe() or "nothing", self.second.describe() or "nothing"
        if self.identified:
            return f"{first} {self.orders[0]} {second}"
        return f"{first} ? {second}: unidentified ({', '.join(self.orders) or 'no objective'})"


@dataclass(frozen=True, slots=True)
class ConsistentObjectives:
    """The linear objectives over ``vocabulary`` consistent with recorded choices.

    The set is given by its constraints: ``w . d > 0`` for every strict row and
    ``w . d >= 0`` for every weak row, each row a chosen outcome's features minus
    an alternative's. Without strict rows the trivial objective (all weights 0)
    belongs to it: weak evidence never rules out indifference. With
    contradicting strict rows it is empty.

    Attributes:
        vocabulary: The features the objectives weigh, in row order.
        strict: Rows the chosen outcome must win.
        weak: Rows it must not lose.
    """

    vocabulary: tuple[str, ...]
    strict: tuple[tuple[float, ...], ...]
    weak: tuple[tuple[float, ...], ...]

    @classmethod
    def of(cls, choices: Sequence[Choice], vocabulary: Sequence[str]) -> ConsistentObjectives:
        """The set for ``choices``: one row per distinct non-zero comparison, strict or weak.

        A row is strict when some episode passed up a nearer alternative for it.
        """
        vocab = tuple(vocabulary)
        strict: dict[tuple[float, ...], None] = {}
        weak: dict[tuple[float, ...], None] = {}
        for choice in choices:
            chosen = np.array([choice.chosen.get(f, 0.0) for f in vocab])
            for other, distance in choice.alternatives:
                row = chosen - np.array([other.get(f, 0.0) for f in vocab])
                if np.any(row != 0.0):
                    (strict if distance < choice.distance else weak)[tuple(row.tolist())] = None
        return cls(vocab, tuple(strict), tuple(r for r in weak if r not in strict))

    def matrices(self) -> tuple[Rows, Rows]:
        """The strict and the weak rows as arrays, one column per feature of the vocabulary."""
        return _rows(self.strict, self), _rows(self.weak, self)

    def contains(self, objective: Objective[FeatureVector]) -> bool:
        """Whether ``objective`` satisfies every row, checked in exact arithmetic.

        Args:
            objective: A linear objective, or a role wrapping one. Its weights
                are read in this set's vocabulary (a feature it lacks weighs 0).

        Raises:
            ValueError: ``objective`` is not linear.
        """
        linear = linear_weights(objective)
        if linear is None:
            raise ValueError("objective: only a linear objective can be checked against rows")
        w = tuple(Fraction(float(v)) for v in linear.vector(self.vocabulary))
        return holds(w, *self.matrices(), _none(self))

    def is_empty(self) -> bool:
        """True when no objective satisfies every row: the strict evidence contradicts itself."""
        strict, weak = self.matrices()
        return len(strict) > 0 and margin_lp(strict, weak)[0] <= EPSILON

    def ranks(self, first: FeatureVector, second: FeatureVector) -> PairRanking:
        """Which ways the consistent objectives rank ``first`` against ``second``.

        Two linear programs (a member preferring ``first`` by a positive
        margin; one preferring ``second``), and a third for a tie when only one
        of them succeeds. Where both succeed, a tie lies between them: the
        mixture of the two that scores the pair equal is consistent too, the
        set being convex. (Minimising and maximising ``w . (first - second)``
        over the bounded set would not do: its closure holds ``w = 0``, so both
        bounds reach 0 and cannot tell "always prefers" from "sometimes ties".
        Each program therefore asks for the pair and every strict row to be
        won by one common margin ``t > 0``.)

        Each ranking found comes with a member giving it, exact (the
        witness's weights, snapped and checked as rationals, are rounded to
        floats in the :class:`~mesa_types.LinearObjective` returned).
        """
        d = np.array([first.get(f, 0.0) - second.get(f, 0.0) for f in self.vocabulary])
        strict, weak = self.matrices()
        up, down = (self._member(strict, weak, sign * d) for sign in (1.0, -1.0))
        if up is not None and down is not None:
            tie: Exact | None = _between(up, down, d)
        elif len(strict) == 0:
            tie = (Fraction(0),) * len(self.vocabulary)  # weak evidence: indifference fits
        else:
            tie = self._member(strict, weak, None, equal=d)
        return PairRanking(first, second, *(self._objective(w) for w in (up, tie, down)))

    def pairs(self, outcomes: Sequence[FeatureVector]) -> tuple[PairRanking, ...]:
        """:meth:`ranks` for every pair of distinct ``outcomes``, in the order given."""
        unique = tuple(dict.fromkeys(outcomes))
        return tuple(self.ranks(a, b) for i, a in enumerate(unique) for b in unique[i + 1 :])

    def _member(
        self, strict: Rows, weak: Rows, win: Rows | None, equal: Rows | None = None
    ) -> Exact | None:
        """An exact member that also wins the row ``win`` (or ties ``equal``), if one exists."""
        rows = strict if win is None else np.vstack([strict, win[None, :]])
        tied = _none(self) if equal is None else equal[None, :]
        margin, x = margin_lp(rows, weak, tied, cap=1.0)
        if margin <= EPSILON:
            return None
        exact = snap(x, rows, weak, tied)
        return exact if exact is not None else tuple(Fraction(float(v)) for v in x)

    def _objective(self, weights: Exact | None) -> LinearObjective | None:
        if weights is None:
            return None
        return LinearObjective(
            features=self.vocabulary, weights=tuple(float(v) + 0.0 for v in weights)
        )


def _rows(rows: tuple[tuple[float, ...], ...], of: ConsistentObjectives) -> Rows:
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(of.vocabulary))


def _none(of: ConsistentObjectives) -> Rows:
    return np.zeros((0, len(of.vocabulary)))


def _between(up: Exact, down: Exact, d: NDArray[np.float64]) -> Exact:
    """The mixture of ``up`` (``d . up > 0``) and ``down`` (``d . down < 0``) with ``d . w = 0``."""
    exact_d = [Fraction(float(v)) for v in d]
    a = sum((x * y for x, y in zip(exact_d, up, strict=True)), Fraction(0))
    b = -sum((x * y for x, y in zip(exact_d, down, strict=True)), Fraction(0))
    return tuple((b * u + a * v) / (a + b) for u, v in zip(up, down, strict=True))


def reproduces(
    objective: LinearObjective,
    choice: Choice,
    exact: Sequence[Fraction] | None = None,
) -> bool:
    """Whether an agent scoring with ``objective`` makes ``choice`` again.

    It must score the chosen outcome above every nearer alternative and no
    lower than the others, twice: in the objective's own floating-point
    scoring (what an agent computes) and in exact arithmetic on ``exact``, the
    rational weights the floats round (by default the floats themselves, read
    as the rationals they are). Alternatives with the chosen outcome's
    features are no evidence.

    Args:
        objective: The objective to act on.
        choice: The recorded choice.
        exact: Its weights as rationals, in the order of ``objective.features``.
    """
    vocab = objective.features
    weights = list(exact) if exact is not None else [Fraction(w) for w in objective.weights]

    def score(outcome: FeatureVector) -> Fraction:
        values = (Fraction(outcome.get(f, 0.0)) for f in vocab)
        return sum((w * v for w, v in zip(weights, values, strict=True)), Fraction(0))

    chosen = score(choice.chosen)
    for other, distance in choice.alternatives:
        if all(choice.chosen.get(f, 0.0) == other.get(f, 0.0) for f in vocab):
            continue
        gap, float_gap = chosen - score(other), objective(choice.chosen) - objective(other)
        strict = distance < choice.distance
        if (gap <= 0 or float_gap <= 0) if strict else (gap < 0 or float_gap < 0):
            return False
    return True
