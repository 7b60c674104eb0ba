"""The linear programs behind the behavioral objective, and exact checks of their answers.

Each program is small (one variable per feature, one row per distinct
comparison) and solved by scipy's HiGHS, imported inside :func:`_solve` so that
``import mesa_types`` does not load scipy. A solver answers to a tolerance
(about ``1e-9`` here); :func:`snap` turns its weights into the simplest nearby
rationals and keeps them only if they satisfy every row in exact arithmetic,
so a tolerance cannot decide which way a recorded choice goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "EPSILON",
    "exact_scores",
    "holds",
    "margin_lp",
    "representative",
    "smallest_lp",
    "snap",
    "winnable",
]

EPSILON = 1e-9
"""A linear program's margin up to this is numerical noise, not a margin."""

Rows = NDArray[np.float64]
Exact = tuple[Fraction, ...]


def margin_lp(
    win: Rows, keep: Rows, equal: Rows | None = None, cap: float | None = None
) -> tuple[float, NDArray[np.float64]]:
    """``max t`` subject to ``win @ w >= t``, ``keep @ w >= 0``, ``equal @ w = 0``, ``|w| <= 1``.

    ``t`` is also bounded by ``cap`` when given (needed when ``win`` is empty).

    Returns:
        The largest ``t`` and the weights reaching it.

    Raises:
        RuntimeError: The solver failed (it should not: ``w = 0, t = 0`` is feasible).
    """
    f = win.shape[1]
    eq = np.zeros((0, f)) if equal is None else equal
    cost = np.zeros(f + 1)
    cost[-1] = -1.0
    a_ub = np.vstack(
        [np.hstack([-win, np.ones((len(win), 1))]), np.hstack([-keep, np.zeros((len(keep), 1))])]
    )
    a_eq = np.hstack([eq, np.zeros((len(eq), 1))])
    bounds = [(-1.0, 1.0)] * f + [(None, cap)]
    x = _solve(cost, a_ub, np.zeros(len(a_ub)), a_eq, bounds, "margin")
    return float(x[-1]), x[:f]


def smallest_lp(win: Rows, keep: Rows, margin: float) -> NDArray[np.float64]:
    """``min sum |w|`` subject to ``win @ w >= margin``, ``keep @ w >= 0``, ``|w| <= 1``."""
    f = win.shape[1]
    rows = np.vstack([win, keep])
    floor = np.concatenate([np.full(len(win), margin), np.zeros(len(keep))])
    cost = np.concatenate([np.zeros(f), np.ones(f)])  # variables: w, then u >= |w|
    eye = np.eye(f)
    a_ub = np.vstack(
        [np.hstack([-rows, np.zeros_like(rows)]), np.hstack([eye, -eye]), np.hstack([-eye, -eye])]
    )
    b_ub = np.concatenate([-floor, np.zeros(2 * f)])
    bounds = [(-1.0, 1.0)] * f + [(0.0, 1.0)] * f
    return _solve(cost, a_ub, b_ub, None, bounds, "smallest-weights")[:f]


def winnable(weak: Rows) -> NDArray[np.bool_]:
    """Which weak rows some objective satisfying every weak row wins strictly (``w . d > 0``).

    Maximises the sum of capped slacks of the rows not yet known winnable,
    marks those with positive slack and repeats; when the sum is 0 the rest
    are tied by every objective in the set.
    """
    n, f = weak.shape
    won = np.zeros(n, dtype=bool)
    while not won.all():
        rest = np.flatnonzero(~won)
        cost = np.concatenate([np.zeros(f), -np.ones(len(rest))])  # variables: w, then slacks
        slack = np.zeros((n, len(rest)))
        slack[rest, np.arange(len(rest))] = 1.0
        a_ub = np.hstack([-weak, slack])
        bounds = [(-1.0, 1.0)] * f + [(0.0, 1.0)] * len(rest)
        x = _solve(cost, a_ub, np.zeros(n), None, bounds, "winnable-rows")
        gained = rest[x[f:] > EPSILON]
        if len(gained) == 0:
            break
        won[gained] = True
    return won


def _solve(
    cost: NDArray[np.float64],
    a_ub: NDArray[np.float64],
    b_ub: NDArray[np.float64],
    a_eq: NDArray[np.float64] | None,
    bounds: Sequence[tuple[float | None, float | None]],
    what: str,
) -> NDArray[np.float64]:
    from scipy.optimize import linprog  # lazily: ``import mesa_types`` must not load scipy

    has_eq = a_eq is not None and len(a_eq) > 0
    result = linprog(
        cost,
        A_ub=a_ub if len(a_ub) else None,
        b_ub=b_ub if len(a_ub) else None,
        A_eq=a_eq if has_eq else None,
        b_eq=np.zeros(len(a_eq)) if has_eq and a_eq is not None else None,
        bounds=bounds,
        method="highs",
    )
    if result.x is None:
        raise RuntimeError(f"the {what} linear program failed: {result.message}")
    return np.asarray(result.x, dtype=np.float64)


def snap(x: NDArray[np.float64], win: Rows, keep: Rows, equal: Rows | None = None) -> Exact | None:
    """The simplest rationals near a solver's ``x`` that satisfy the rows exactly, if any.

    Each weight becomes the fraction with the smallest denominator within
    ``1e-6`` of it (then ``1e-9``), in ``[-1, 1]``; the first of those that wins
    every ``win`` row strictly, loses no ``keep`` row and ties every ``equal``
    row, in exact arithmetic, is returned. A solver's tolerance (weak rows
    violated by ``1e-9``, a weight of ``1e-7`` that should be 0) does not
    survive this.
    """
    tied = np.zeros((0, len(x))) if equal is None else equal
    for tolerance in (1e-6, 1e-9):
        w = tuple(max(Fraction(-1), min(Fraction(1), _simplest(float(v), tolerance))) for v in x)
        if holds(w, win, keep, tied):
            return w
    return None


def _simplest(x: float, tolerance: float) -> Fraction:
    """The fraction with the smallest denominator within ``tolerance`` of ``x``."""
    exact = Fraction(x)
    low, high = 1, 1
    while abs(exact.limit_denominator(high) - exact) > tolerance:
        high *= 2
    while low < high:  # the best error only shrinks as denominators grow: bisect
        middle = (low + high) // 2
        if abs(exact.limit_denominator(middle) - exact) <= tolerance:
            high = middle
        else:
            low = middle + 1
    return exact.limit_denominator(low)


def holds(w: Exact, win: Rows, keep: Rows, equal: Rows) -> bool:
    """Whether ``w`` wins every ``win`` row, loses no ``keep`` row, ties every ``equal`` row."""
    return (
        all(s > 0 for s in exact_scores(w, win))
        and all(s >= 0 for s in exact_scores(w, keep))
        and all(s == 0 for s in exact_scores(w, equal))
    )


def exact_scores(w: Exact, rows: Rows) -> list[Fraction]:
    """``rows @ w`` in exact arithmetic (each float entry read as the rational it is)."""
    return [
        sum((Fraction(float(r)) * v for r, v in zip(row, w, strict=True)), Fraction(0))
        for row in rows
    ]


def representative(strict: Rows, weak: Rows) -> tuple[Exact, Fraction]:
    """The member of the set the fit reports, exact, and its margin.

    The rows it must win are the strict ones or, when the evidence holds none,
    the weak rows some member wins (:func:`winnable`). Among weights in
    ``[-1, 1]`` it maximises the smallest win (the margin), then, among those
    reaching the margin, takes the smallest in sum of absolute values, so that
    a feature the behaviour says nothing about weighs 0 and a weak row is left
    tied where nothing asks more; then :func:`snap`. With nothing to win, or no
    positive margin (strict rows that contradict one another), it is the
    trivial objective with margin 0.
    """
    f = strict.shape[1]
    if len(strict):
        win, keep = strict, weak
    else:
        won = winnable(weak) if len(weak) else np.zeros(0, dtype=bool)
        win, keep = weak[won], weak[~won]
    zero = (Fraction(0),) * f
    if len(win) == 0:
        return zero, Fraction(0)
    margin, _ = margin_lp(win, keep)
    if margin <= EPSILON:
        return zero, Fraction(0)
    x = smallest_lp(win, keep, margin * (1 - 1e-7))
    exact = snap(x, win, keep)
    w = exact if exact is not None else tuple(Fraction(float(v)) for v in x)
    return w, min(exact_scores(w, win))
