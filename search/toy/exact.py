"""Exact maxima of polynomials with rational coefficients on ``[0, 1]``.

The expected apples of an agent that defects with probability ``p`` is a
polynomial in ``p`` whose coefficients are fractions when the model's
parameters are. Its best ``p`` is ``0``, ``1`` or a real root of the
derivative. This module finds those roots in rational arithmetic: a Sturm
sequence counts them, bisection isolates each one, and a root is rational
exactly when the fraction with the right bounded denominator closest to it
is a root (a rational root ``a/b`` of an integer polynomial has ``b``
dividing the leading coefficient ``c``, and two such fractions are at least
``1/c²`` apart). So a rational optimum is returned as the exact fraction, and
an irrational one as a fraction within ``2**-96`` of it, with the polynomial
whose only root in its bracket it is.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

__all__ = ["UnitMaximum", "maximize_on_unit_interval"]

Coefficients = tuple[Fraction, ...]
"""A polynomial, constant term first, with no trailing zeros; ``()`` is zero."""

_WIDTH = Fraction(1, 2**96)
"""How narrow the bracket around an irrational root is made."""

_TIE = Fraction(1, 2**64)
"""Values closer than this are tied when one of them is only approximate."""


class UnitMaximum(BaseModel):
    """Where a polynomial is largest on ``[0, 1]``, and how large it is there.

    Attributes:
        argmax: The smallest point of ``[0, 1]`` where the maximum is reached:
            exact when ``exact``, otherwise within ``2**-96`` of it.
        value: The polynomial at ``argmax``.
        exact: Whether ``argmax`` (and so ``value``) is the exact fraction.
        root_of: For an irrational ``argmax``: the square-free polynomial (constant
            term first) of which it is the only root between ``lower`` and ``upper``.
        lower: The lower end of that bracket (``argmax`` itself when exact).
        upper: The upper end of that bracket.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    argmax: Fraction
    value: Fraction
    exact: bool
    root_of: tuple[Fraction, ...] | None = None
    lower: Fraction
    upper: Fraction


def maximize_on_unit_interval(coefficients: tuple[Fraction, ...]) -> UnitMaximum:
    """The maximum of a polynomial over ``[0, 1]``, found exactly; ties go to the smallest point.

    Args:
        coefficients: The polynomial, constant term first.

    Example:
        >>> half = Fraction(1, 2)
        >>> maximize_on_unit_interval((Fraction(0), Fraction(1), -half)).argmax  # p - p²/2
        Fraction(1, 1)
        >>> maximize_on_unit_interval((Fraction(0), Fraction(1), Fraction(-1))).argmax
        Fraction(1, 2)
    """
    poly = _trim(coefficients)
    slope = _square_free(_derivative(poly))
    candidates = [
        UnitMaximum(argmax=x, value=_at(poly, x), exact=True, lower=x, upper=x)
        for x in (Fraction(0), Fraction(1))
    ]
    for lower, upper in _isolate(slope, Fraction(0), Fraction(1)):
        candidates.append(_critical_point(poly, slope, lower, upper))
    top = max(candidates, key=lambda c: c.value)
    tied = [c for c in candidates if c.value >= top.value - (0 if c.exact and top.exact else _TIE)]
    return min(tied, key=lambda c: c.argmax)


def _critical_point(
    poly: Coefficients, slope: Coefficients, lower: Fraction, upper: Fraction
) -> UnitMaximum:
    """The root of ``slope`` in ``(lower, upper]``: exact if rational, else bracketed."""
    if _at(slope, upper) == 0:
        return UnitMaximum(
            argmax=upper, value=_at(poly, upper), exact=True, lower=upper, upper=upper
        )
    lead = _primitive(slope)[-1]
    lower, upper, hit = _narrow(slope, lower, upper, Fraction(1, 2 * lead * lead))
    if hit is None:
        guess = ((lower + upper) / 2).limit_denominator(abs(lead))
        hit = guess if _at(slope, guess) == 0 else None
    if hit is not None:
        return UnitMaximum(argmax=hit, value=_at(poly, hit), exact=True, lower=hit, upper=hit)
    lower, upper, hit = _narrow(slope, lower, upper, _WIDTH)
    assert hit is None  # an irrational root is never hit by a dyadic midpoint
    middle = (lower + upper) / 2
    return UnitMaximum(
        argmax=middle, value=_at(poly, middle), exact=False, root_of=slope, lower=lower, upper=upper
    )


def _narrow(
    poly: Coefficients, lower: Fraction, upper: Fraction, width: Fraction
) -> tuple[Fraction, Fraction, Fraction | None]:
    """Bisect ``(lower, upper]``, which holds one simple root and not at ``upper``."""
    upper_sign = _sign(_at(poly, upper))
    while upper - lower >= width:
        middle = (lower + upper) / 2
        here = _sign(_at(poly, middle))
        if here == 0:
            return middle, middle, middle
        if here == upper_sign:
            upper = middle
        else:
            lower = middle
    return lower, upper, None


def _isolate(
    poly: Coefficients, lower: Fraction, upper: Fraction
) -> list[tuple[Fraction, Fraction]]:
    """Brackets ``(a, b]`` in ``(lower, upper]`` holding one root each of square-free ``poly``."""
    if len(poly) <= 1:
        return []
    chain = _sturm(poly)
    found: list[tuple[Fraction, Fraction]] = []
    pending = [(lower, upper)]
    while pending:
        a, b = pending.pop()
        count = _changes(chain, a) - _changes(chain, b)
        if count == 1:
            found.append((a, b))
        elif count > 1:
            middle = (a + b) / 2
            pending += [(a, middle), (middle, b)]
    return sorted(found)


def _sturm(poly: Coefficients) -> list[Coefficients]:
    chain = [poly, _derivative(poly)]
    while len(chain[-1]) > 1:
        remainder = _divmod(chain[-2], chain[-1])[1]
        if not remainder:
            break
        chain.append(tuple(-c for c in remainder))
    return chain


def _changes(chain: list[Coefficients], x: Fraction) -> int:
    signs = [s for s in (_sign(_at(p, x)) for p in chain) if s != 0]
    return sum(a != b for a, b in itertools.pairwise(signs))


def _square_free(poly: Coefficients) -> Coefficients:
    """``poly`` with every repeated factor reduced to one copy (same roots, all simple)."""
    if len(poly) <= 1:
        return poly
    common = _gcd(poly, _derivative(poly))
    return _divmod(poly, common)[0] if len(common) > 1 else poly


def _gcd(a: Coefficients, b: Coefficients) -> Coefficients:
    while b:
        a, b = b, _divmod(a, b)[1]
    return tuple(c / a[-1] for c in a)


def _divmod(a: Coefficients, b: Coefficients) -> tuple[Coefficients, Coefficients]:
    remainder = list(a)
    quotient = [Fraction(0)] * max(len(a) - len(b) + 1, 0)
    for shift in range(len(quotient) - 1, -1, -1):
        factor = remainder[shift + len(b) - 1] / b[-1]
        quotient[shift] = factor
        for i, c in enumerate(b):
            remainder[shift + i] -= factor * c
    return _trim(tuple(quotient)), _trim(tuple(remainder[: len(b) - 1]))


def _primitive(poly: Coefficients) -> tuple[int, ...]:
    """The same roots with coprime integer coefficients."""
    scale = math.lcm(*(c.denominator for c in poly))
    integers = [int(c * scale) for c in poly]
    common = math.gcd(*integers)
    return tuple(i // common for i in integers)


def _derivative(poly: Coefficients) -> Coefficients:
    return _trim(tuple(i * c for i, c in enumerate(poly) if i > 0))


def _trim(poly: tuple[Fraction, ...]) -> Coefficients:
    end = len(poly)
    while end and poly[end - 1] == 0:
        end -= 1
    return tuple(Fraction(c) for c in poly[:end])


def _at(poly: Coefficients, x: Fraction) -> Fraction:
    total = Fraction(0)
    for c in reversed(poly):
        total = total * x + c
    return total


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)
