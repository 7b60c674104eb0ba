"""Outer-alignment verdicts: frozen records with a JSON round trip and a readable paragraph.

Made by :func:`~mesa_types.check_outer_alignment`; see :mod:`mesa_types.checking.outer`.
"""

from __future__ import annotations

from typing import Annotated, Literal, assert_never

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

__all__ = [
    "OuterAligned",
    "OuterJudgedOn",
    "OuterMisaligned",
    "OuterVerdict",
    "OuterWitness",
    "describe_outer",
    "outer_from_json",
    "outer_to_json",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OuterWitness(_Record):
    """An environment where optimizing the base objective does badly on the intended objective.

    Attributes:
        environment: A short name of the environment.
        spec: Its JSON description, enough to rebuild it.
        base_best: The base-best reachable outcome that does worst by the
            intended objective (a base optimizer may bring it about), or what
            the agent replayed there brought about.
        intended_best: What the intended objective rates highest there.
        intended_score: The intended objective's score of ``base_best``.
        best_intended_score: Its score of ``intended_best``.
        agent: The agent run there to confirm it, if one was.
    """

    environment: str
    spec: JsonValue
    base_best: str
    intended_best: str
    intended_score: float
    best_intended_score: float
    agent: str | None = None

    @property
    def intended_regret(self) -> float:
        """How much intended score optimizing the base objective leaves on the table there."""
        return self.best_intended_score - self.intended_score


class OuterJudgedOn(_Record):
    """What an outer-alignment verdict compared, and where."""

    intended: str
    base: str
    universe: str


class OuterAligned(_Record):
    """The base objective's optima are the intended objective's, on every environment checked."""

    kind: Literal["outer_aligned"] = "outer_aligned"
    judged_on: OuterJudgedOn
    evidence: Literal["proved", "not_refuted"]
    environments_checked: int
    pairs_ordered_differently: int | None = None
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)


class OuterMisaligned(_Record):
    """Somewhere in the universe the base objective's optimum is bad by the intended objective."""

    kind: Literal["outer_misaligned"] = "outer_misaligned"
    judged_on: OuterJudgedOn
    witness: OuterWitness
    found_by: Literal["exact", "sampled"]
    environments_checked: int
    pairs_ordered_differently: int | None = None
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)


OuterVerdict = Annotated[OuterAligned | OuterMisaligned, Field(discriminator="kind")]
"""An outer-alignment verdict; ``kind`` tells which."""

_OUTER: TypeAdapter[OuterVerdict] = TypeAdapter(OuterVerdict)


def outer_to_json(verdict: OuterVerdict) -> str:
    """The verdict as JSON text."""
    return _OUTER.dump_json(verdict, indent=2).decode()


def outer_from_json(text: str | bytes) -> OuterVerdict:
    """Read a verdict written by :func:`outer_to_json`.

    Raises:
        pydantic.ValidationError: The text is not such a verdict; the message names the field.
    """
    return _OUTER.validate_json(text)


def describe_outer(verdict: OuterVerdict) -> str:
    """One readable paragraph: outer aligned or not, with the witness."""
    on = verdict.judged_on
    context = f"Intended objective {on.intended}; base objective {on.base}; universe {on.universe}."
    counted = (
        f" They order {verdict.pairs_ordered_differently} pairs of outcomes differently."
        if verdict.pairs_ordered_differently is not None
        else ""
    )
    match verdict:
        case OuterAligned():
            how = (
                "proved"
                if verdict.evidence == "proved"
                else f"not refuted after {verdict.environments_checked} environments (sampled)"
            )
            body = (
                f"Outer aligned, {how}: wherever the base objective's best is reachable, it is "
                f"also the intended objective's best.{counted}"
            )
        case OuterMisaligned():
            w = verdict.witness
            who = f"the {w.agent}" if w.agent else "an optimizer of the base objective"
            body = (
                f"Outer misaligned (found by the {verdict.found_by} check).{counted} Witness "
                f"{w.environment}: {who} brings about {w.base_best} (intended score "
                f"{w.intended_score:g}) where the intended objective wanted {w.intended_best} "
                f"(intended score {w.best_intended_score:g})."
            )
        case _:
            assert_never(verdict)
    return f"{body} {context}"
