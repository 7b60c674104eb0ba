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
:func:`~mesa_types.four_objectives` makes the report
(:class:`~mesa_types.ObjectivesReport`, in :mod:`mesa_types.checking.gaps_report`);
it is a frozen record with a JSON round trip and a text form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from mesa_types.algorithms import goal
from mesa_types.checking.gaps_report import (
    Gap,
    GapName,
    ObjectiveEntry,
    ObjectivesReport,
    PairWitness,
)
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

__all__ = ["count_ordered_differently", "four_objectives", "objectives_of"]

S = TypeVar("S")

_BETWEEN: dict[GapName, tuple[str, str]] = {
    "outer": ("intended", "base"),
    "inner": ("base", "mesa"),
    "reward_result": ("base", "behavioral"),
}


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
        universe: Its ``outcomes`` are compared (for a universe that lists its
            environments instead, every outcome reachable in one of them); its
            ``offering``, when it has one, builds each witness pair into an
            environment, else the first listed environment offering both is named.
        base: The base objective.
        intended: The intended objective, if the scenario states one.
        mesa: The agent's mesa-objective, if it is a mesa-optimizer.
        behavioral: The representative of its behavioral objective, if recovered.
        tolerance: Score differences up to this count as ties.

    Raises:
        ValueError: The universe lists neither its outcomes nor its
            environments, or ``tolerance`` is not a finite number >= 0.
    """
    tolerance = check_tolerance(tolerance)
    pool = outcomes_of(universe)
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
            witness=_witness(one, two, universe, pool, tolerance, against[0] if against else None),
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


def objectives_of(
    algorithm: object,
    universe: Universe[Any, S],
    base: BaseObjective[S],
    *,
    intended: IntendedObjective[S] | None = None,
    behavioral: BehavioralObjective[S] | None = None,
    tolerance: float = 1e-9,
) -> ObjectivesReport:
    """:func:`four_objectives` for a learned algorithm: its mesa-objective, if it has one.

    Any learned algorithm: a mesa-optimizer brings its mesa-objective
    (:func:`~mesa_types.goal`); anything else leaves the inner gap unmeasured.
    """
    return four_objectives(universe, base, intended=intended, mesa=goal(algorithm),
                           behavioral=behavioral, tolerance=tolerance)  # fmt: skip


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
    pool: Sequence[S],
    tolerance: float,
    against: tuple[S, S] | None,
) -> PairWitness | None:
    pair = against or compare_orderings(first, second, pool, tolerance).pair
    if pair is None:
        return None
    high, low = pair
    environment, spec = None, None
    if universe.offering is not None:
        # The first objective's favourite far, the other near: where ties go to the nearer.
        built = universe.offering([high, low])
        environment, spec = built.name, built.spec()
    else:
        for listed in universe.environments or ():
            reachable = listed.reachable_outcomes()
            if high in reachable and low in reachable:
                environment, spec = listed.name, listed.spec()
                break
    return PairWitness(
        ranked_higher=describe_outcome(high),
        other=describe_outcome(low),
        first_scores=(first(high), first(low)),
        second_scores=(second(high), second(low)),
        environment=environment,
        spec=spec,
    )


def outcomes_of(universe: Universe[Any, S]) -> tuple[S, ...]:
    """The outcomes a universe's objectives are compared on.

    Its vocabulary of outcomes when it has one; for a universe that lists its
    environments instead, every outcome reachable in one of them, in order of
    first appearance.

    Raises:
        ValueError: The universe lists neither.
    """
    if universe.outcomes is not None:
        return universe.outcomes
    if universe.environments is None:
        raise ValueError(
            f"universe {universe.name!r} lists neither outcomes nor environments "
            "to compare objectives on"
        )
    found = dict.fromkeys(o for env in universe.environments for o in env.reachable_outcomes())
    return tuple(found)


def _sign(x: float, tolerance: float) -> int:
    return 1 if x > tolerance else (-1 if x < -tolerance else 0)
