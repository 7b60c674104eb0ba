"""Which settings of the training-process model make random defection's optimum a given number.

The paper puts the best probability of defecting, for an agent that cannot
tell training from deployment, at about 0.61; the toy's rule gives 5/9.
:func:`solve_parameter` searches one parameter of a :class:`~search.toy.TrainingModel`
for the values at which the exact optimum equals a target: it evaluates the
optimum on a grid over the parameter's range, bisects every interval where
the optimum crosses the target, discards crossings that are jumps (the best
probability can leap from an interior point to 1), and reports a value as an
exact fraction when a fraction with a denominator up to a million hits the
target exactly. :func:`defection_table` lays optima side by side, and
:func:`format_defection_grid` over two parameters at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Final, Literal, get_args

from pydantic import BaseModel, ConfigDict

from search.toy.model import DefectionOptimum, TrainingModel

__all__ = [
    "PAPER_OPTIMUM",
    "DefectionRow",
    "Parameter",
    "ParameterSolution",
    "defection_table",
    "format_defection_grid",
    "format_defection_table",
    "solve_each_parameter",
    "solve_parameter",
]

PAPER_OPTIMUM: Final = Fraction(61, 100)
"""The paper's figure for the best probability of defecting: about 0.61."""

Parameter = Literal["modification", "discount", "training_weight", "deployment_weight"]
"""The parameters of :class:`~search.toy.TrainingModel` a search can vary."""

_BRACKETS: Final[dict[str, tuple[Fraction, Fraction]]] = {
    "modification": (Fraction(0), Fraction(1)),
    "discount": (Fraction(1, 100), Fraction(1)),
    "training_weight": (Fraction(0), Fraction(4)),
    "deployment_weight": (Fraction(1, 100), Fraction(4)),
}
_BISECTIONS = 48
_JUMP = Fraction(1, 10**9)
"""A bisected crossing whose optimum is farther than this from the target is a jump."""
_DENOMINATOR = 10**6


class ParameterSolution(BaseModel):
    """A value of one parameter at which the best probability of defecting is the target.

    Attributes:
        parameter: The parameter varied; the others are the given model's.
        value: Its value: exact when :attr:`exact`, otherwise within about
            ``1e-14`` of the range of a crossing.
        exact: Whether the optimum at :attr:`value` is the target exactly.
        optimum: The optimum there.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    parameter: Parameter
    value: Fraction
    exact: bool
    optimum: DefectionOptimum

    @property
    def model(self) -> TrainingModel:
        """The model with the parameter set to :attr:`value`."""
        return self.optimum.model

    def describe(self) -> str:
        """``modification = 500/549 = 0.9107 (exact)`` or ``discount ≈ 0.9350``."""
        if self.exact:
            return f"{self.parameter} = {self.value} = {float(self.value):.4f} (exact)"
        return f"{self.parameter} ≈ {float(self.value):.4f}"


def solve_parameter(
    model: TrainingModel,
    parameter: Parameter,
    target: Fraction = PAPER_OPTIMUM,
    bracket: tuple[Fraction, Fraction] | None = None,
    steps: int = 40,
) -> tuple[ParameterSolution, ...]:
    """Every value of ``parameter`` in ``bracket`` at which the optimum of ``model`` is ``target``.

    Args:
        model: The other parameters and the schedule.
        parameter: Which one to vary.
        target: The best probability of defecting wanted.
        bracket: Where to search; by default ``[0, 1]`` for the modification
            probability, ``[0.01, 1]`` for the discount and up to 4 for a weight.
        steps: How many grid intervals to scan for crossings before bisecting.

    Raises:
        ValueError: ``parameter`` is not one of the four, or ``steps`` is below 1.

    Example:
        >>> [s.describe() for s in solve_parameter(TrainingModel(), "modification")]
        ['modification = 500/549 = 0.9107 (exact)']
    """
    _check_parameter(parameter)
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps}")
    low, high = bracket if bracket is not None else _BRACKETS[parameter]
    grid = [low + (high - low) * i / steps for i in range(steps + 1)]
    gaps = [_optimum(model, parameter, x).probability - target for x in grid]
    found: dict[Fraction, ParameterSolution] = {}
    for i in range(steps):
        if gaps[i] == 0 or gaps[i] * gaps[i + 1] < 0 or (i == steps - 1 and gaps[i + 1] == 0):
            solution = _bisect(model, parameter, target, grid[i], grid[i + 1], gaps[i])
            if solution is not None:
                found.setdefault(solution.value, solution)
    return tuple(found[v] for v in sorted(found))


def solve_each_parameter(
    model: TrainingModel, target: Fraction = PAPER_OPTIMUM
) -> tuple[ParameterSolution, ...]:
    """:func:`solve_parameter` for each of the four parameters, the others kept as in ``model``."""
    return tuple(s for p in get_args(Parameter) for s in solve_parameter(model, p, target))


def _bisect(
    model: TrainingModel,
    parameter: Parameter,
    target: Fraction,
    low: Fraction,
    high: Fraction,
    low_gap: Fraction,
) -> ParameterSolution | None:
    if low_gap != 0:
        for _ in range(_BISECTIONS):
            middle = (low + high) / 2
            gap = _optimum(model, parameter, middle).probability - target
            if gap == 0:
                low = high = middle
                break
            if (gap < 0) == (low_gap < 0):
                low = middle
            else:
                high = middle
    else:
        high = low
    value = (low + high) / 2
    optimum = _optimum(model, parameter, value)
    if abs(optimum.probability - target) > _JUMP:
        return None  # the optimum leaps over the target here; nothing equals it
    simple = value.limit_denominator(_DENOMINATOR)
    exact = _optimum(model, parameter, simple)
    if exact.exact and exact.probability == target:
        return ParameterSolution(parameter=parameter, value=simple, exact=True, optimum=exact)
    hit = optimum.exact and optimum.probability == target
    return ParameterSolution(parameter=parameter, value=value, exact=hit, optimum=optimum)


def _optimum(model: TrainingModel, parameter: Parameter, value: Fraction) -> DefectionOptimum:
    return TrainingModel.model_validate({**dict(model), parameter: value}).best_defection()


def _check_parameter(parameter: str) -> None:
    if parameter not in get_args(Parameter):
        raise ValueError(f"parameter must be one of {list(get_args(Parameter))}, got {parameter!r}")


class DefectionRow(BaseModel):
    """One setting of the model, its exact optimum and (without discount) the closed form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: TrainingModel
    optimum: DefectionOptimum
    closed_form: Fraction | None


def defection_table(models: Iterable[TrainingModel]) -> list[DefectionRow]:
    """The exact optimum of random defection for each model, next to its closed form."""
    return [
        DefectionRow(model=m, optimum=m.best_defection(), closed_form=m.closed_form())
        for m in models
    ]


def format_defection_table(rows: Iterable[DefectionRow]) -> str:
    """The rows as a Markdown table: the parameters, ``p*`` exact and as a decimal, ``E(p*)``."""
    lines = [
        "| n | m | q | discount | w_T | w_D | p* | p* ≈ | E(p*) ≈ | closed form |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        m, best = row.model, row.optimum
        exact = str(best.probability) if best.exact else "irrational"
        closed = "-" if row.closed_form is None else str(row.closed_form)
        lines.append(
            f"| {m.schedule.training} | {m.schedule.deployment} | {_short(m.modification)} "
            f"| {_short(m.discount)} | {_short(m.training_weight)} "
            f"| {_short(m.deployment_weight)} | {exact} | {float(best.probability):.4f} "
            f"| {float(best.expected_apples):.4f} | {closed} |"
        )
    return "\n".join(lines)


def format_defection_grid(
    model: TrainingModel,
    rows: tuple[Parameter, Sequence[Fraction]],
    columns: tuple[Parameter, Sequence[Fraction]],
) -> str:
    """The best probability of defecting over two parameters at once, as a Markdown table.

    Args:
        model: The schedule and the two other parameters.
        rows: A parameter and its values, one row each.
        columns: Another parameter and its values, one column each.

    Raises:
        ValueError: A name is not one of the four parameters, or both are the same.
    """
    (row_name, row_values), (column_name, column_values) = rows, columns
    _check_parameter(row_name)
    _check_parameter(column_name)
    if row_name == column_name:
        raise ValueError(f"rows and columns must vary different parameters, both vary {row_name}")
    lines = [
        f"| {row_name} / {column_name} | " + " | ".join(_short(v) for v in column_values) + " |",
        "|---:|" + "---:|" * len(column_values),
    ]
    for r in row_values:
        varied = TrainingModel.model_validate({**dict(model), row_name: r})
        cells = [_optimum(varied, column_name, c).probability for c in column_values]
        lines.append(f"| {_short(r)} | " + " | ".join(f"{float(p):.4f}" for p in cells) + " |")
    return "\n".join(lines)


def _short(x: Fraction) -> str:
    """A fraction as written, or as a decimal when its denominator is long (a bisected value)."""
    return str(x) if x.denominator < _DENOMINATOR else f"{float(x):.4f}"
