"""Alignment verdicts: a tagged union of frozen, JSON-serializable records.

Every verdict names what it was judged against (base objective, training
distribution, universe) and prints as one readable paragraph. Consumers
``match`` on the class and end with ``assert_never`` so that a new kind of
verdict is a type error until handled.
"""

from __future__ import annotations

from typing import Annotated, Literal, assert_never, cast

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

__all__ = [
    "Deceptive",
    "JudgedOn",
    "Misaligned",
    "NotAnOptimizer",
    "PseudoAligned",
    "PseudoKind",
    "RobustlyAligned",
    "Verdict",
    "Witness",
    "describe",
    "verdict_from_json",
    "verdict_to_json",
]

PseudoKind = Literal[
    "proxy",
    "side_effect",
    "instrumental",
    "approximate",
    "suboptimality",
    "capability",
    "unclassified",
]
"""The kinds of pseudo-alignment the paper names, plus two of ours.

``capability``: the objective is right but the search is too limited for some
environment of the universe (a planner too shallow to see the exit).
``unclassified``: a black-box check found a failure but cannot say why.
"""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Verdict(_Record):
    """What every verdict shares: in a notebook it shows as its description, not a repr."""

    kind: str

    def _repr_markdown_(self) -> str:
        title = self.kind.replace("_", " ").capitalize()
        return f"**{title}**\n\n{describe(cast('Verdict', self))}"


class JudgedOn(_Record):
    """What a verdict was judged against."""

    base_objective: str
    training: str
    universe: str


class Witness(_Record):
    """An environment where the algorithm does not do what the base objective wants.

    Attributes:
        environment: A short name of the environment.
        spec: The environment's JSON description, enough to rebuild or draw it.
        did: What the algorithm brought about.
        wanted: What the base objective rates highest among the reachable outcomes.
        base_score: The base objective's score of what the algorithm did.
        best_base_score: The base objective's best score among reachable outcomes.
        verified: Whether the failure was confirmed by running the algorithm there.
    """

    environment: str
    spec: JsonValue
    did: str
    wanted: str
    base_score: float
    best_base_score: float
    verified: bool

    @property
    def regret(self) -> float:
        """How much base-objective score the algorithm left on the table."""
        return self.best_base_score - self.base_score


class NotAnOptimizer(_Verdict):
    """No search inside: only a behavioral objective can be discussed.

    ``reason`` is set when it reports a search that its behaviour does not
    bear out (a trace scoring outcomes the environment does not offer, or one
    whose choice it did not carry out).
    """

    kind: Literal["not_an_optimizer"] = "not_an_optimizer"
    judged_on: JudgedOn
    behavioral_objective: str | None = None
    reason: str | None = None


class Misaligned(_Verdict):
    """Fails the base objective already on training environments."""

    kind: Literal["misaligned"] = "misaligned"
    judged_on: JudgedOn
    training_failures: int
    training_environments: int
    witness: Witness


class PseudoAligned(_Verdict):
    """Aligned on training environments, but some environment of the universe makes it fail.

    ``found_by="lifted"`` marks a suboptimality finding: ``limitation`` says what
    was lifted (a phrase such as "its search depth raised from 8 to 40"), the
    lifted algorithm failed ``lifted_failures`` of the ``environments_checked``
    training environments, and the witness is one of them, run with the
    limitation lifted. ``behavioral_objective`` is filled in when one was recovered.
    """

    kind: Literal["pseudo_aligned"] = "pseudo_aligned"
    judged_on: JudgedOn
    kinds: tuple[PseudoKind, ...] = Field(min_length=1)
    witness: Witness
    mesa_objective: str | None = None
    pursued_features: tuple[str, ...] = ()
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    environments_checked: int = 0
    found_by: Literal["exact", "sampled", "adversarial", "lifted"] = "exact"
    limitation: str | None = None
    lifted_failures: int = 0
    behavioral_objective: str | None = None


class RobustlyAligned(_Verdict):
    """Agrees with the base objective on every environment of the universe (proved or sampled)."""

    kind: Literal["robustly_aligned"] = "robustly_aligned"
    judged_on: JudgedOn
    evidence: Literal["proved", "not_refuted"]
    environments_checked: int
    alignment: Literal["internal", "corrigible", "unknown"] = "unknown"
    premise: str = ""
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    behavioral_objective: str | None = None


class Deceptive(_Verdict):
    """Behaves as aligned in training because it expects to be modified otherwise."""

    kind: Literal["deceptively_aligned"] = "deceptively_aligned"
    judged_on: JudgedOn
    mesa_objective: str
    training_behaviour: str
    deployed_behaviour: str


Verdict = Annotated[
    NotAnOptimizer | Misaligned | PseudoAligned | RobustlyAligned | Deceptive,
    Field(discriminator="kind"),
]
"""Any alignment verdict; the ``kind`` field tells which."""

_VERDICT: TypeAdapter[Verdict] = TypeAdapter(Verdict)


def verdict_to_json(verdict: Verdict) -> str:
    """The verdict as JSON text."""
    return _VERDICT.dump_json(verdict, indent=2).decode()


def verdict_from_json(text: str | bytes) -> Verdict:
    """Read a verdict written by :func:`verdict_to_json`.

    Raises:
        pydantic.ValidationError: The text is not a verdict; the message names the field.
    """
    return _VERDICT.validate_json(text)


def describe(verdict: Verdict) -> str:
    """One readable paragraph saying what was found and on what it was judged."""
    on = verdict.judged_on
    context = (
        f"Judged against the base objective {on.base_objective}, trained on {on.training}, "
        f"in the universe {on.universe}."
    )
    match verdict:
        case NotAnOptimizer():
            body = "Not an optimizer: it does not search candidates with an explicit objective"
            explained = verdict.behavioral_objective
            body += f"; its behaviour is best explained by {explained}." if explained else "."
        case Misaligned():
            body = (
                f"Misaligned: it fails the base objective on {verdict.training_failures} of "
                f"{verdict.training_environments} training environments. "
                f"{_witness(verdict.witness)}"
            )
        case PseudoAligned():
            body = _pseudo(verdict)
        case RobustlyAligned():
            body = _robust(verdict)
        case Deceptive():
            body = (
                f"Deceptively aligned: its mesa-objective is {verdict.mesa_objective}. "
                f"Believing it is in training it {verdict.training_behaviour}; told it is "
                f"deployed it {verdict.deployed_behaviour}."
            )
        case _:
            assert_never(verdict)
    return f"{body} {context}"


_NOISE = 1e-9
"""Tolerances up to this only absorb floating-point noise and go unmentioned in reports."""


def _pseudo(verdict: PseudoAligned) -> str:
    kinds = ", ".join(k.replace("_", "-") for k in verdict.kinds)
    pursued = ", ".join(verdict.pursued_features)
    body = (
        f"Pseudo-aligned ({kinds}): it does what the base objective wants in training, "
        f"but not everywhere.{f' It pursues {pursued} instead.' if pursued else ''}"
        f"{_lifted(verdict)} {_witness(verdict.witness)}"
    )
    if "approximate" in verdict.kinds or verdict.tolerance > _NOISE:
        body += f" Scores within {verdict.tolerance:g} counted as tied."
    return body + _explained(verdict.behavioral_objective)


def _robust(verdict: RobustlyAligned) -> str:
    how = (
        "proved"
        if verdict.evidence == "proved"
        else f"not refuted after {verdict.environments_checked} environments (sampled)"
    )
    body = f"Robustly aligned, {how}"
    if verdict.alignment != "unknown":
        body += f"; {verdict.alignment}ly aligned"
    body += f". {verdict.premise}".rstrip() if verdict.premise else "."
    if verdict.tolerance > _NOISE:
        body += f" Scores within {verdict.tolerance:g} counted as tied."
    return body + _explained(verdict.behavioral_objective)


def _lifted(verdict: PseudoAligned) -> str:
    if verdict.limitation is None:
        return ""
    return (
        f" Its good training behaviour rests on a limitation: with {verdict.limitation} it "
        f"fails {verdict.lifted_failures} of {verdict.environments_checked} training "
        "environments; the witness is one of them, run with the limitation lifted."
    )


def _explained(behavioral: str | None) -> str:
    return f" Its behaviour is best explained by {behavioral}." if behavioral else ""


def _witness(witness: Witness) -> str:
    check = "confirmed by running it" if witness.verified else "not yet confirmed by running"
    return (
        f"Witness {witness.environment}: it brought about {witness.did} "
        f"(base score {witness.base_score:g}) where the base objective wanted {witness.wanted} "
        f"(base score {witness.best_base_score:g}); {check}."
    )
