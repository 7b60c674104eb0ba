"""The report of the four objectives and three gaps: frozen records, JSON, text.

Made by :func:`~mesa_types.four_objectives`; see :mod:`mesa_types.checking.gaps`
for what each gap measures.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, JsonValue

__all__ = [
    "Gap",
    "GapName",
    "ObjectiveEntry",
    "ObjectivesReport",
    "PairWitness",
    "describe_gap",
    "describe_objectives",
    "objectives_from_json",
    "objectives_to_json",
]

GapName = Literal["outer", "inner", "reward_result"]
"""The three gaps: intended vs base, base vs mesa, base vs behavioral."""


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
