"""A mesa-optimizer's model of its training process, with the knobs the toy leaves fixed.

The toy's rule is one point of a family. :class:`TrainingModel` has a schedule
(``n`` training, then ``m`` deployment episodes) and four parameters:

* ``modification`` (``q``): the probability that a training episode in which
  the agent defects (goes where its mesa-objective wants, not where the base
  objective wants) gets its mesa-objective replaced. The toy's rule is ``q = 1``.
* ``discount`` (``gamma``): how much less the mesa-optimizer cares about each later
  episode; an apple in episode ``t`` (from 0) is worth ``gamma^t`` of one now.
* ``training_weight`` and ``deployment_weight`` (``w_T``, ``w_D``): what an apple
  eaten in a training or a deployment episode is worth to it. With ``w_T = 0``
  it only cares about deployment (the ``"deployment-only"`` reading).

An agent that cannot tell episodes apart defects with the same probability
``p`` in every episode while its objective is intact. It is still intact at
training episode ``t`` with probability ``s^t``, where ``s = 1 - q p``, and at
every deployment episode with probability ``s^n``. So its expected apples are

    E(p) = Σ_{t<n} w_T gamma^t p s^t  +  w_D (Σ_{n≤t<n+m} gamma^t) p s^n.

Without discount this is ``E(p) = w_T (1 - s^n)/q + m w_D p s^n`` and
``E'(p) = s^(n-1) (n w_T + m w_D (1 - (n+1) q p))``, so the best probability is

    p* = min(1, (n w_T + m w_D) / (m w_D (n+1) q))

(:meth:`TrainingModel.closed_form`; 5/9 for the toy). With a discount the
optimum is a root of a polynomial of degree ``n``; :meth:`TrainingModel.best_defection`
finds it exactly for every setting, as a fraction when it is rational.

An agent that knows which episode it is in does better, by backward
induction: in a training episode it complies when what it would lose,
``q`` times what the rest of the schedule is worth to it intact, exceeds the
apple in front of it. That loss, measured in apples of this episode, is its
*stake* (:meth:`TrainingModel.stake`); the maze-side deceptive agent weighs
the same number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from math import comb
from typing import Annotated, Final

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

from search.toy.exact import UnitMaximum, maximize_on_unit_interval
from search.toy.schedule import Destination, TrainingSchedule

__all__ = ["DefectionOptimum", "TrainingModel"]


def _exactly(value: object) -> object:
    """Floats as the decimals they were written as: 0.9 is 9/10, not the nearest binary number."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not a bool")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"must be a finite number, got {value}")
        return Fraction(repr(value))
    return value


Rational = Annotated[Fraction, BeforeValidator(_exactly)]
"""A fraction; ints, fractions, strings such as ``"9/10"`` and finite floats are accepted."""

_RANGES: Final[dict[str, tuple[str, Callable[[Fraction], bool]]]] = {
    "modification": ("[0, 1]", lambda x: 0 <= x <= 1),
    "discount": ("(0, 1]", lambda x: 0 < x <= 1),
    "training_weight": ("[0, inf)", lambda x: x >= 0),
    "deployment_weight": ("[0, inf)", lambda x: x >= 0),
}


class TrainingModel(BaseModel):
    """What a mesa-optimizer believes training will do to it, and what episodes are worth to it.

    Args:
        schedule: The training episodes, then the deployment episodes.
        modification: The probability ``q`` that a defection in training gets
            its mesa-objective replaced by the base objective (at once, so it
            goes where the base objective wants ever after). In ``[0, 1]``.
        discount: The factor ``gamma`` per episode by which later apples count
            less. In ``(0, 1]``; 1 is no discount.
        training_weight: What an apple in a training episode is worth (``>= 0``).
        deployment_weight: What an apple in a deployment episode is worth (``>= 0``).

    Raises:
        pydantic.ValidationError: A parameter is outside its range or not a
            number; the message names the field and the range.

    Example:
        >>> toy = TrainingModel()
        >>> toy.closed_form(), toy.expected_apples(Fraction(5, 9))
        (Fraction(5, 9), Fraction(275, 243))
        >>> TrainingModel(modification=Fraction(9, 10)).closed_form()
        Fraction(50, 81)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule: TrainingSchedule = TrainingSchedule(training=2, deployment=3)
    modification: Rational = Fraction(1)
    discount: Rational = Fraction(1)
    training_weight: Rational = Fraction(1)
    deployment_weight: Rational = Fraction(1)

    @field_validator(*_RANGES)
    @classmethod
    def _in_range(cls, value: Fraction, info: ValidationInfo) -> Fraction:
        interval, holds = _RANGES[str(info.field_name)]
        if not holds(value):
            raise ValueError(f"{info.field_name} must be in {interval}, got {value}")
        return value

    @property
    def episodes(self) -> int:
        """Training and deployment episodes together."""
        return self.schedule.episodes

    def is_training(self, episode: int) -> bool:
        """Whether ``episode`` (counted from 0) is a training episode."""
        return self.schedule.is_training(episode)

    def weight(self, episode: int) -> Fraction:
        """What an apple eaten in ``episode`` is worth to the agent now: ``w gamma^t``."""
        base = self.training_weight if self.is_training(episode) else self.deployment_weight
        return base * self.discount**episode

    def expected_apples(self, p: Fraction) -> Fraction:
        """``E(p)``: the weighted apples expected when it defects with probability ``p``."""
        survive = 1 - self.modification * p
        return sum(
            (
                self.weight(t) * p * survive ** min(t, self.schedule.training)
                for t in range(self.episodes)
            ),
            Fraction(0),
        )

    def polynomial(self) -> tuple[Fraction, ...]:
        """``E`` as coefficients in ``p``, constant term first."""
        coefficients = [Fraction(0)] * (self.schedule.training + 2)
        for t in range(self.episodes):
            exposed = min(t, self.schedule.training)  # training episodes it must survive first
            for k in range(exposed + 1):  # p (1 - q p)^exposed, expanded
                coefficients[k + 1] += self.weight(t) * comb(exposed, k) * (-self.modification) ** k
        return tuple(coefficients)

    def closed_form(self) -> Fraction | None:
        """``p*`` from the formula without discount; None when there is a discount.

        Ties (every ``p`` equally good) go to ``p = 0``.
        """
        if self.discount != 1:
            return None
        n, m, q = self.schedule.training, self.schedule.deployment, self.modification
        gain = n * self.training_weight + m * self.deployment_weight
        curb = m * self.deployment_weight * (n + 1) * q
        if gain == 0:
            return Fraction(0)
        if n == 0 or curb == 0:
            return Fraction(1)
        return min(Fraction(1), gain / curb)

    def best_defection(self) -> DefectionOptimum:
        """The best probability of defecting, found exactly from the polynomial (no formula)."""
        return DefectionOptimum(model=self, maximum=maximize_on_unit_interval(self.polynomial()))

    def informed_values(self) -> tuple[Fraction, ...]:
        """What the rest of the schedule is worth, from each episode on, to an informed agent.

        One entry per episode and a final 0, by backward induction; ties go to
        the earlier apple, as the toy's planner breaks them.
        """
        values = [Fraction(0)] * (self.episodes + 1)
        for t in reversed(range(self.episodes)):
            values[t] = max(self._choices(t, values[t + 1]))
        return tuple(values)

    def informed_policy(self) -> tuple[Destination, ...]:
        """What that agent does in each episode while its objective is intact."""
        values = self.informed_values()
        policy = []
        for t in range(self.episodes):
            defect, comply = self._choices(t, values[t + 1])
            policy.append(Destination.APPLE if defect >= comply else Destination.EXIT)
        return tuple(policy)

    def stake(self, episode: int) -> Fraction:
        """What it expects to lose by defecting in ``episode``, in apples of that episode.

        In a training episode: ``q V_{t+1} / (w_T gamma^t)``, where ``V_{t+1}`` is what
        the rest of the schedule is worth to it intact. It complies when the
        stake exceeds the one apple it could take (ties go to the apple). In a
        deployment episode nothing is at stake: 0.

        Raises:
            ValueError: An apple in that training episode is worth nothing, so
                no finite number of apples measures the stake.
        """
        if not self.is_training(episode):
            return Fraction(0)
        if self.weight(episode) == 0:
            raise ValueError(
                f"episode {episode}: an apple in it is worth nothing to the agent "
                "(training_weight is 0), so its stake has no finite size in apples"
            )
        later = self.informed_values()[episode + 1]
        return self.modification * later / self.weight(episode)

    def describe(self) -> str:
        """``2 training + 3 deployment episodes; q = 1, gamma = 1, w_T = 1, w_D = 1``."""
        return (
            f"{self.schedule.describe()}; q = {self.modification}, gamma = {self.discount}, "
            f"w_T = {self.training_weight}, w_D = {self.deployment_weight}"
        )

    def _choices(self, episode: int, later: Fraction) -> tuple[Fraction, Fraction]:
        """What defecting and complying in ``episode`` are worth, the rest being worth ``later``."""
        kept = 1 - self.modification if self.is_training(episode) else Fraction(1)
        return self.weight(episode) + kept * later, later


class DefectionOptimum(BaseModel):
    """The best probability of defecting under a :class:`TrainingModel`, found exactly."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: TrainingModel
    maximum: UnitMaximum

    @property
    def probability(self) -> Fraction:
        """``p*``: exact if :attr:`exact`, otherwise within ``2**-96`` of the irrational optimum."""
        return self.maximum.argmax

    @property
    def expected_apples(self) -> Fraction:
        """``E(p*)``."""
        return self.maximum.value

    @property
    def exact(self) -> bool:
        """Whether ``p*`` is rational, so :attr:`probability` is it exactly."""
        return self.maximum.exact

    def describe(self) -> str:
        """``p = 5/9 = 0.5556, 275/243 = 1.1317 expected apples``; ``≈`` when irrational."""
        p, e = self.probability, self.expected_apples
        if self.exact:
            return f"p = {p} = {float(p):.4f}, {e} = {float(e):.4f} expected apples"
        return f"p ≈ {float(p):.4f} (irrational), ≈ {float(e):.4f} expected apples"
