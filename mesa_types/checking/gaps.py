"""The four objectives of a judged agent side by side, and the three gaps between them.

The paper's objectives come in four roles: the intended objective (what the
programmers want), the base objective (what they wrote and training selects
by), the mesa-objective (what a learned optimizer pursues) and the behavioral
objective (what best explains its behaviour from outside). Three gaps open
between them:

- *outer* (intended vs base): the programmers wrote down the wrong thing;
- *inner* (base vs mesa): training found an optimizer of something else;
- *reward-result* (base vs behavioral): what an observer can measure from outside.

Each gap is measured the same way, over the outcomes of a universe: how many
pairs of outcomes the two objectives order differently, and one such pair as
a witness, built into an environment of the universe where it can offer them.
:func:`four_objectives` makes the report; it is a frozen record with a JSON
round trip (:func:`objectives_to_json`, :func:`objectives_from_json`) and a
text form (:func:`describe_objectives`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, JsonValue

from mesa_types.checking.judging import describe_outcome
from mesa_types.environments import Universe
from mesa_types.objectives import (
    BaseObjective,
    BehavioralObjective,
    IntendedObjective,
    MesaObjective,
    Objective,
    check_tolerance,
    compare_orderings,
    linear_weights,
    pairs_ordered_differently,
)

__all__ = [
    "Gap",
    "GapName",
    "ObjectiveEntry",
    "ObjectivesReport",
    "PairWitness",
    "count_ordered_differently",
    "describe_gap",
    "describe_objectives",
    "four_objectives",
    "objectives_from_json",
    "objectives_to_json",
]

S = TypeVar("S")

GapName = Literal["outer", "inner", "reward_result"]
"""The three gaps: intended vs base, base vs mesa, base vs behavioral."""

_BETWEEN: dict[GapName, tuple[str, str]] = {
    "outer": ("intended", "base"),
    "inner": ("base", "mesa"),
    "reward_result": ("base", "behavioral"),
}


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ObjectiveEntry(_Record):
    """One of the four objectives, as the report shows it.

    Attributes:
        role: "intended", "base", "mesa" or "behavioral".
        name: The objective's name.
        description: Its role, name and weights, as ``describe()`` gives them.
        weights: Its weights by feature when it is linear, else None.
    """

    role: Literal["intended", "base", "mesa", "behavioral"]
    name: str
    description: str
    weights: dict[str, float] | None = None


class PairWitness(_Record):
    """A pair of outcomes two objectives order differently, and where to see it.

    Attributes:
        ranked_higher: The outcome the first objective ranks at least as high.
        other: The other outcome, which the second objective ranks at least as high.
        first_scores: The first objective's scores of the two, in that order.
        second_scores: The second objective's scores of the two, in that order.
        environment: The name of an environment of the universe offering just
            the pair (None when the universe cannot build one).
        spec: That environment's JSON description.
    """

    ranked_higher: str
    other: str
    first_scores: tuple[float, float]
    second_scores: tuple[float, float]
    environment: str | None = None
    spec: JsonValue = None


class Gap(_Record):
    """One gap: how differently two of the objectives order the universe's outcomes.

    Attributes:
        name: Which gap.
        between: The two roles compared, the first as in :class:`PairWitness`.
        outcomes: Outcomes compared (0 when the gap could not be measured).
        ordered_differently: Pairs of them the two objectives order differently
            (one prefers, the other ties or prefers the other way).
        against_first: Those of them where the first objective prefers one
            outcome by more than the tolerance and the second rates the other at
            least as high: the pairs through which an optimizer of the second
            can do what the first does not want.
        witness: Such a pair when there is one, else the first pair ordered
            differently, else None.
        unmeasured: Why the gap was not measured (an objective is missing), else None.
    """

    name: GapName
    between: tuple[str, str]
    outcomes: int
    ordered_differently: int
    against_first: int = 0
    witness: PairWitness | None = None
    unmeasured: str | None = None

    @property
    def pairs(self) -> int:
        """How many pairs of outcomes were compared."""
        return self.outcomes * (self.outcomes - 1) // 2


class ObjectivesReport(_Record):
    """The four objectives of a judged agent and the three gaps between them.

    Attributes:
        universe: The universe whose outcomes were compared.
        intended, base, mesa, behavioral: The objectives (None where the agent
            or the scenario has none).
        outer, inner, reward_result: The gaps.
        tolerance: Score differences up to this counted as ties.
    """

    universe: str
    intended: ObjectiveEntry | None
    base: ObjectiveEntry
    mesa: ObjectiveEntry | None
    behavioral: ObjectiveEntry | None
    outer: Gap
    inner: Gap
    reward_result: Gap
    tolerance: float = 0.0

    @property
    def gaps(self) -> tuple[Gap, Gap, Gap]:
        """The three gaps: outer, inner, reward-result."""
        return (self.outer, self.inner, self.reward_result)


def count_ordered_differently(
    first: Objective[S], second: Objective[S], outcomes: Sequence[S], tolerance: float = 0.0
) -> int:
    """How many unordered pairs of ``outcomes`` the two objectives order differently.

    A pair counts when one objective prefers one outcome by more than
    ``tolerance`` and the other does not prefer it the same way (it ties them,
    or prefers the other), the test :func:`~mesa_types.compare_orderings` applies.
    """
    ones, twos = [first(o) for o in outcomes], [second(o) for o in outcomes]
    n = len(ones)
    return sum(
        _sign(ones[i] - ones[j], tolerance) != _sign(twos[i] - twos[j], tolerance)
        for i in range(n)
        for j in range(i + 1, n)
    )


def four_objectives(
    universe: Universe[Any, S],
    base: BaseObjective[S],
    *,
    intended: IntendedObjective[S] | None = None,
    mesa: MesaObjective[S] | None = None,
    behavioral: BehavioralObjective[S] | None = None,
    tolerance: float = 1e-9,
) -> ObjectivesReport:
    """The four objectives side by side over ``universe``'s outcomes, with the three gaps.

    Args:
        universe: Its ``outcomes`` are compared; its ``offering``, when it has
            one, builds each witness pair into an environment.
        base: The base objective.
        intended: The intended objective, if the scenario states one.
        mesa: The agent's mesa-objective, if it is a mesa-optimizer.
        behavioral: The representative of its behavioral objective, if recovered.
        tolerance: Score differences up to this count as ties.

    Raises:
        ValueError: The universe lists no outcomes, or ``tolerance`` is not a
            finite number >= 0.
    """
    tolerance = check_tolerance(tolerance)
    if universe.outcomes is None:
        raise ValueError(f"universe {universe.name!r} lists no outcomes to compare objectives on")
    pool = universe.outcomes
    given: dict[str, Objective[S] | None] = {
        "intended": intended,
        "base": base,
        "mesa": mesa,
        "behavioral": behavioral,
    }

    def gap(name: GapName) -> Gap:
        first, second = _BETWEEN[name]
        one, two = given[first], given[second]
        if one is None or two is None:
            missing = first if one is None else second
            why = f"no {missing} objective" + (
                "" if missing != "mesa" else ": it is not a mesa-optimizer"
            )
            return Gap(name=name, between=(first, second), outcomes=0, ordered_differently=0,
                       unmeasured=why)  # fmt: skip
        against = list(pairs_ordered_differently(one, two, pool, tolerance))
        return Gap(
            name=name,
            between=(first, second),
            outcomes=len(pool),
            ordered_differently=count_ordered_differently(one, two, pool, tolerance),
            against_first=len(against),
            witness=_witness(one, two, universe, tolerance, against[0] if against else None),
        )

    return ObjectivesReport(
        universe=universe.name,
        intended=_entry("intended", intended),
        base=_base_entry(base),
        mesa=_entry("mesa", mesa),
        behavioral=_entry("behavioral", behavioral),
        outer=gap("outer"),
        inner=gap("inner"),
        reward_result=gap("reward_result"),
        tolerance=tolerance,
    )


def _entry(
    role: Literal["intended", "base", "mesa", "behavioral"],
    objective: IntendedObjective[Any]
    | BaseObjective[Any]
    | MesaObjective[Any]
    | BehavioralObjective[Any]
    | None,
) -> ObjectiveEntry | None:
    if objective is None:
        return None
    weights = linear_weights(objective)
    return ObjectiveEntry(
        role=role,
        name=objective.name,
        description=objective.describe(),
        weights=weights.as_dict() if weights is not None else None,
    )


def _base_entry(base: BaseObjective[Any]) -> ObjectiveEntry:
    entry = _entry("base", base)
    assert entry is not None
    return entry


def _witness(
    first: Objective[S],
    second: Objective[S],
    universe: Universe[Any, S],
    tolerance: float,
    against: tuple[S, S] | None,
) -> PairWitness | None:
    assert universe.outcomes is not None
    pair = against or compare_orderings(first, second, universe.outcomes, tolerance).pair
    if pair is None:
        return None
    high, low = pair
    environment, spec = None, None
    if universe.offering is not None:
        # The first objective's favourite far, the other near: where ties go to the nearer.
        built = universe.offering([high, low])
        environment, spec = built.name, built.spec()
    return PairWitness(
        ranked_higher=describe_outcome(high),
        other=describe_outcome(low),
        first_scores=(first(high), first(low)),
        second_scores=(second(high), second(low)),
        environment=environment,
        spec=spec,
    )


def objectives_to_json(report: ObjectivesReport) -> str:
    """The report as JSON text."""
    return report.model_dump_json(indent=2)


def objectives_from_json(text: str | bytes) -> ObjectivesReport:
    """Read a report written by :func:`objectives_to_json`.

    Raises:
        pydantic.ValidationError: The text is not such a report; the message names the field.
    """
    return ObjectivesReport.model_validate_json(text)


_TITLES: dict[GapName, str] = {
    "outer": "outer (intended vs base)",
    "inner": "inner (base vs mesa)",
    "reward_result": "reward-result (base vs behavioral)",
}


def describe_objectives(report: ObjectivesReport) -> str:
    """The four objectives, one a line, then the three gaps, one a line."""
    outcomes = max((g.outcomes for g in report.gaps), default=0)
    lines = [
        f"The four objectives, compared over {outcomes} kinds of outcome of {report.universe}:"
    ]
    for role, entry in (
        ("Intended", report.intended),
        ("Base", report.base),
        ("Mesa", report.mesa),
        ("Behavioral", report.behavioral),
    ):
        lines.append(f"  {role + ':':<12}{entry.description if entry else '-'}")
    lines.append("The three gaps (pairs of outcomes the two objectives order differently):")
    lines += [f"  {_TITLES[g.name] + ':':<36}{describe_gap(g)}" for g in report.gaps]
    return "\n".join(lines)


def describe_gap(gap: Gap) -> str:
    """One gap as a phrase: its count and witness, or why it was not measured."""
    if gap.unmeasured is not None:
        return f"not measured ({gap.unmeasured})"
    first, second = gap.between
    counted = f"{gap.ordered_differently} of {gap.pairs}"
    w = gap.witness
    if w is None:
        return f"{counted}: none, they order every pair alike"
    counted += f" ({gap.against_first} against {first}'s preference)"
    where = f" (witness {w.environment})" if w.environment else ""
    return (
        f"{counted}; e.g. {w.ranked_higher} vs {w.other}: {first} "
        f"{w.first_scores[0]:.3g} vs {w.first_scores[1]:.3g}, {second} "
        f"{w.second_scores[0]:.3g} vs {w.second_scores[1]:.3g}{where}"
    )


def _sign(x: float, tolerance: float) -> int:
    return 1 if x > tolerance else (-1 if x < -tolerance else 0)
