"""Returns: objectives that score a whole trajectory, not just where it ended.

A return adds up what happened along an episode: a cost for every step, a
reward for features met on the way (tiles that pay without ending the
episode) and a reward for the features of the state it ended on, each step
weighed by ``discount ** t``. The paper's maze solver minimises the time to
the exit; ai-safety-gridworlds charge every step.

Such a return is linear in a *trajectory summary*: the (discounted) number of
steps, the (discounted) count of each feature met on the way
(``passed:<feature>``) and the (discounted) terminal features. So a return
objective is a :class:`~mesa_types.LinearObjective` over summaries
(:meth:`ReturnObjective.linear`), and every check that orders outcomes by a
linear objective orders trajectories by their return. A final-outcome
objective is the special case with no step cost and no reward on the way: its
summary holds the terminal features only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mesa_types.features import FeatureVector
from mesa_types.objectives import LinearObjective

__all__ = ["PASSED", "STEPS", "ReturnObjective", "passed", "trajectory_summary"]

STEPS = "steps"
"""The summary feature counting the steps taken (discounted, if the return is)."""

PASSED = "passed:"
"""Prefix of the summary features counting what was met on the way: ``passed:kind:coin``."""


def passed(feature: str) -> str:
    """The summary feature that counts meeting ``feature`` on the way."""
    return PASSED + feature


def trajectory_summary(
    entered: Sequence[Mapping[str, float]], *, ended: bool, discount: float = 1.0
) -> FeatureVector:
    """The summary of a trajectory, in which a return is linear.

    Args:
        entered: The features of each state the trajectory entered, one per
            step, in order. Step ``t`` (from 0) is weighed ``discount ** t``.
        ended: Whether the last state entered ended the episode (its features
            are then terminal features); False when the step limit cut it off
            (its features were met on the way, like the others).
        discount: In ``(0, 1]``; 1 means no discount.

    Returns:
        ``steps``, ``passed:<f>`` for each feature met on the way, and each
        terminal feature under its own name. No step taken gives the empty summary.

    Example:
        >>> trajectory_summary([{}, {"kind:coin": 1.0}, {"kind:goal": 1.0}], ended=True).describe()
        'kind:goal + passed:kind:coin + 3*steps'
    """
    _check_discount(discount)
    totals: dict[str, float] = {}
    weight, steps, last = 1.0, 0.0, len(entered) - 1
    for t, features in enumerate(entered):
        steps += weight
        for name, value in features.items():
            key = name if ended and t == last else passed(name)
            totals[key] = totals.get(key, 0.0) + weight * value
        weight *= discount
    totals[STEPS] = steps
    return FeatureVector(totals)


class ReturnObjective(BaseModel):
    """A return: a cost per step, rewards on the way, rewards at the end, a discount.

    The return of a trajectory that took steps ``0..T-1`` is
    ``sum_t discount**t * (-step_cost + on_the_way . met_t)`` plus
    ``discount**(T-1) * terminal . final``. Without a discount it is linear in
    counts; with one it is linear in the discounted counts of
    :func:`trajectory_summary`. Either way :meth:`linear` is the objective to
    hand to the checkers.

    Raises:
        pydantic.ValidationError: ``discount`` is not in ``(0, 1]``, or
            ``step_cost`` is not a finite number.

    Example:
        >>> ret = ReturnObjective.of(step_cost=1, terminal={"kind:goal": 50, "kind:lava": -50})
        >>> ret.linear()(trajectory_summary([{}] * 7 + [{"kind:goal": 1.0}], ended=True))
        42.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    step_cost: float = 0.0
    terminal: LinearObjective | None = None
    on_the_way: LinearObjective | None = None
    discount: float = Field(default=1.0, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _finite_cost(self) -> ReturnObjective:
        if not math.isfinite(self.step_cost):
            raise ValueError(f"step_cost must be a finite number, got {self.step_cost}")
        return self

    @classmethod
    def of(
        cls,
        *,
        step_cost: float = 0.0,
        terminal: Mapping[str, float] | None = None,
        on_the_way: Mapping[str, float] | None = None,
        discount: float = 1.0,
    ) -> ReturnObjective:
        """Build from name-to-weight maps (see the class docstring)."""
        return cls(
            step_cost=float(step_cost),
            terminal=LinearObjective.from_weights(terminal) if terminal else None,
            on_the_way=LinearObjective.from_weights(on_the_way) if on_the_way else None,
            discount=discount,
        )

    def vocabulary(self) -> tuple[str, ...]:
        """The summary features the return weighs: ``steps``, terminal, then ``passed:`` ones."""
        ends = self.terminal.features if self.terminal else ()
        ways = tuple(passed(f) for f in self.on_the_way.features) if self.on_the_way else ()
        return (STEPS, *ends, *ways)

    def linear(self) -> LinearObjective:
        """The return as a linear objective over trajectory summaries."""
        weights = [-self.step_cost]
        weights += list(self.terminal.weights) if self.terminal else []
        weights += list(self.on_the_way.weights) if self.on_the_way else []
        return LinearObjective(features=self.vocabulary(), weights=tuple(weights))

    def of_trajectory(self, entered: Sequence[Mapping[str, float]], *, ended: bool) -> float:
        """The return added up step by step, over the states a trajectory entered.

        Takes the trajectory as :func:`trajectory_summary` does; the reference
        the linear form is tested against.
        """
        total, weight, last = 0.0, 1.0, len(entered) - 1
        for t, features in enumerate(entered):
            scorer = self.terminal if ended and t == last else self.on_the_way
            reward = -self.step_cost + (scorer(features) if scorer is not None else 0.0)
            total += weight * reward
            weight *= self.discount
        return total

    def describe(self) -> str:
        """``-1 per step, {kind:goal: +50, kind:lava: -50} at the end``."""
        parts = [f"{-self.step_cost:+g} per step"] if self.step_cost else []
        if self.on_the_way:
            parts.append(f"{self.on_the_way.describe()} on the way")
        if self.terminal:
            parts.append(f"{self.terminal.describe()} at the end")
        if self.discount != 1.0:
            parts.append(f"discount {self.discount:g}")
        return ", ".join(parts) or "nothing"


def _check_discount(discount: float) -> None:
    if not (0.0 < discount <= 1.0):
        raise ValueError(f"discount must be in (0, 1], got {discount}")
