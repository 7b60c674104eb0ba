"""What ``mesa-types deception`` adds when it is given a training-process model or asked to solve.

:func:`model_report` says what a :class:`~search.toy.TrainingModel` implies for
an agent that knows which episode it is in and for one that cannot tell;
:func:`solve_report` lists the settings at which the best probability of
defecting is a target (the paper's 0.61 by default) and tabulates them beside
a few neighbours. Both print in the labels they are given.
"""

from __future__ import annotations

from fractions import Fraction

from search.toy.model import TrainingModel
from search.toy.solve import (
    PAPER_OPTIMUM,
    defection_table,
    format_defection_table,
    solve_each_parameter,
)
from search.toy.telling import VIDEO_LABELS, Labels

__all__ = ["model_report", "neighbour_models", "solve_report"]


def model_report(model: TrainingModel, labels: Labels = VIDEO_LABELS) -> str:
    """Both agents under ``model``: the informed one's plan, value and stakes; the random optimum.

    Example:
        >>> print(model_report(TrainingModel(modification=Fraction(1, 4))))
        Training-process model: 2 training + 3 deployment episodes; q = 1/4, gamma = 1, w_T = 1, w_D = 1.
        Knowing the episode: A A A A A while intact, 55/16 = 3.4375 expected apples; stakes in training 13/16, 3/4.
        Unable to tell episodes apart: p = 1 = 1.0000, 55/16 = 3.4375 expected apples (closed form 1).
    """  # noqa: E501
    n = model.schedule.training
    stakes = ", ".join(_stake(model, t) for t in range(n)) or "none (no training)"
    value = model.informed_values()[0]
    best = model.best_defection()
    closed = model.closed_form()
    closed_text = "" if closed is None else f" (closed form {closed})"
    return "\n".join(
        [
            f"Training-process model: {model.describe()}.",
            f"Knowing the episode: {labels.plan(model.informed_policy())} while intact, "
            f"{_value(value)} expected {labels.units}; stakes in training {stakes}.",
            f"Unable to tell episodes apart: "
            f"{best.describe().replace('apples', labels.units)}{closed_text}.",
        ]
    )


def neighbour_models(model: TrainingModel) -> list[TrainingModel]:
    """``model`` with each parameter moved to a few round values: the table's other rows."""
    moves: dict[str, tuple[Fraction, ...]] = {
        "modification": (Fraction(9, 10), Fraction(3, 4), Fraction(1, 2)),
        "discount": (Fraction(19, 20), Fraction(9, 10)),
        "training_weight": (Fraction(0), Fraction(1, 2), Fraction(2)),
        "deployment_weight": (Fraction(1, 2), Fraction(2)),
    }
    return [
        TrainingModel.model_validate({**dict(model), name: value})
        for name, values in moves.items()
        for value in values
    ]


def solve_report(
    model: TrainingModel, target: Fraction = PAPER_OPTIMUM, labels: Labels = VIDEO_LABELS
) -> str:
    """The settings, one parameter at a time, at which the optimum is ``target``, and the table."""
    solutions = solve_each_parameter(model, target)
    lines = [
        f"Settings at which the best probability of going to {labels.mesa_place} is {target} "
        f"= {float(target):.4f}, one parameter at a time from {model.describe()}:"
    ]
    lines += [f"  {s.describe()}" for s in solutions] or ["  none"]
    models = [model, *(s.model for s in solutions), *neighbour_models(model)]
    rows = defection_table(dict.fromkeys(models))  # a neighbour may be the model itself
    return "\n".join([*lines, "", format_defection_table(rows)])


def _stake(model: TrainingModel, episode: int) -> str:
    try:
        return str(model.stake(episode))
    except ValueError:  # a training apple worth nothing: the stake is unbounded
        return "unbounded"


def _value(x: Fraction) -> str:
    return f"{x} = {float(x):.4f}"
