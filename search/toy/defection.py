"""The deception toy when the agent cannot tell which episode it is in: defect at random.

The model. A schedule has ``n`` training episodes, then ``m`` deployment
episodes. The agent sees nothing that tells episodes apart and remembers
nothing between them, so while its mesa-objective is intact it acts the same
way in every episode: it goes to the apple with probability ``p`` and to the
exit otherwise, independently each time. The training rule is the toy's: an
apple eaten in a training episode is counted, and then the mesa-objective is
replaced, after which the agent only goes to the exit. The agent chooses ``p``
once, to maximise the expected number of apples.

The first apple can come in training episode ``i`` (probability
``p (1-p)^(i-1)``), after which no other follows; or the agent reaches
deployment intact (probability ``(1-p)^n``) and eats ``p`` apples per
deployment episode on average. So

    E(p) = 1 - (1-p)^n + m p (1-p)^n
    E'(p) = (1-p)^(n-1) (n + m - m (n+1) p)

and for ``n, m >= 1`` the best probability is ``p* = (n+m) / (m (n+1))``:
5/9 for two training and three deployment episodes, for 275/243 (about 1.13)
expected apples, against 3 for an agent that knows which episode it is in and
1 for one that always takes the apple.

Two variants change the answer and are computed the same way:
``"deployment-only"`` counts only apples eaten in deployment (a training apple
is taken back when the agent is modified): ``E = m p (1-p)^n``, best at
``p = 1/(n+1)``; ``"end-of-training"`` modifies the agent only once training
is over, if it defected at least once: ``E = n p + m p (1-p)^n``.

Every optimum is found exactly: ``E`` is built as a polynomial with integer
coefficients (:class:`numpy.polynomial.Polynomial`), its critical points are
the real roots of ``E'`` in ``[0, 1]``, and the best of those and the two
ends is kept; no grid. For the main model the closed form is also computed in
rational arithmetic (:func:`best_defection_exact`) and the two agree.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal, get_args

from numpy.polynomial import Polynomial
from pydantic import BaseModel, ConfigDict

from search.toy.schedule import TrainingSchedule

__all__ = [
    "DefectionVariant",
    "RandomDefection",
    "best_defection",
    "best_defection_exact",
    "expected_apples",
    "expected_apples_exact",
]

DefectionVariant = Literal["modified-at-once", "deployment-only", "end-of-training"]
"""Which reading of the toy: see the module docstring."""

_ROOT_TOLERANCE = 1e-9


class RandomDefection(BaseModel):
    """The best probability of going to the apple, and the expected apples it brings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule: TrainingSchedule
    variant: DefectionVariant
    probability: float
    expected_apples: float

    def describe(self) -> str:
        """``p = 0.5556, 1.1317 expected apples``."""
        return f"p = {self.probability:.4f}, {self.expected_apples:.4f} expected apples"


def expected_apples(
    schedule: TrainingSchedule, variant: DefectionVariant = "modified-at-once"
) -> Polynomial:
    """``E(p)``, the expected number of apples, as a polynomial in ``p``.

    Raises:
        ValueError: ``variant`` is not one of :data:`DefectionVariant`'s.

    Example:
        >>> e = expected_apples(TrainingSchedule(training=2, deployment=3))
        >>> round(float(e(5 / 9)), 4)
        1.1317
    """
    _check_variant(variant)
    n, m = schedule.training, schedule.deployment
    p = Polynomial([0, 1])
    survives = (1 - p) ** n  # intact after all n training episodes
    deployed = m * p * survives
    if variant == "modified-at-once":
        return 1 - survives + deployed
    if variant == "deployment-only":
        return deployed
    return n * p + deployed


def best_defection(
    schedule: TrainingSchedule, variant: DefectionVariant = "modified-at-once"
) -> RandomDefection:
    """Maximise ``E(p)`` over ``[0, 1]`` at the roots of ``E'`` and the two ends.

    Among probabilities with equal expected apples the smallest is returned.

    Raises:
        ValueError: ``variant`` is not one of :data:`DefectionVariant`'s.

    Example:
        >>> best_defection(TrainingSchedule(training=2, deployment=3)).describe()
        'p = 0.5556, 1.1317 expected apples'
    """
    e = expected_apples(schedule, variant)
    slope = e.deriv()
    # (1 - p)^k factors give a k-fold root at 1 that floating-point root finding
    # smears out; the coefficients are integers, so divide them out exactly first.
    while slope.degree() > 0 and slope(1.0) == 0.0:
        slope = slope // Polynomial([1, -1])
    candidates = [0.0, 1.0]
    for root in slope.roots():
        real, imaginary = float(root.real), float(root.imag)
        if abs(imaginary) < _ROOT_TOLERANCE and -_ROOT_TOLERANCE <= real <= 1 + _ROOT_TOLERANCE:
            candidates.append(min(1.0, max(0.0, real)))
    values = [float(e(c)) for c in candidates]
    top = max(values)
    best = min(c for c, v in zip(candidates, values, strict=True) if v >= top - 1e-12)
    return RandomDefection(
        schedule=schedule, variant=variant, probability=best, expected_apples=float(e(best))
    )


def _check_variant(variant: str) -> None:
    allowed = get_args(DefectionVariant)
    if variant not in allowed:
        raise ValueError(f"variant must be one of {list(allowed)}, got {variant!r}")


def expected_apples_exact(schedule: TrainingSchedule, p: Fraction) -> Fraction:
    """``E(p)`` of the main model in rational arithmetic."""
    n, m = schedule.training, schedule.deployment
    survives = (1 - p) ** n
    return 1 - survives + m * p * survives


def best_defection_exact(schedule: TrainingSchedule) -> tuple[Fraction, Fraction]:
    """The closed form of the main model: ``p*`` and ``E(p*)`` as exact fractions.

    ``p* = (n+m) / (m (n+1))`` for ``n, m >= 1``. With no deployment episode
    (``m = 0``) the agent should take the apple at once (``p = 1``, 1 apple if
    ``n >= 1``); with no training (``n = 0``) it should always take it (``m`` apples).

    Example:
        >>> p, e = best_defection_exact(TrainingSchedule(training=2, deployment=3))
        >>> p, e
        (Fraction(5, 9), Fraction(275, 243))
    """
    n, m = schedule.training, schedule.deployment
    if n + m == 0:
        p = Fraction(0)  # nothing to gain: every p ties, and ties go to the smallest
    elif n == 0 or m == 0:
        p = Fraction(1)
    else:
        p = Fraction(n + m, m * (n + 1))
    return p, expected_apples_exact(schedule, p)
