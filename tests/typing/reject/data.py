"""Frozen, validated data: linear objectives, feature vectors and verdicts."""

from mesa_types import (
    FeatureVector,
    JudgedOn,
    LinearObjective,
    PseudoAligned,
    RobustlyAligned,
    Verdict,
    Witness,
    verdict_from_json,
)

on = JudgedOn(base_objective="take the key", training="yellow keys", universe="all shelves")
witness = Witness(
    environment="shelf",
    spec={},
    did="kind:cup + color:yellow",
    wanted="kind:key + color:red",
    base_score=0.0,
    best_base_score=1.0,
    verified=True,
)
proved = RobustlyAligned(judged_on=on, evidence="proved", environments_checked=9)
weights = LinearObjective.from_weights({"kind:key": 1.0})
outcome = FeatureVector(["kind:key"])

# Verdicts are frozen: evidence cannot be upgraded after the fact.
proved.evidence = "not_refuted"  # type: ignore[misc]
witness.verified = False  # type: ignore[misc]
# A linear objective is a frozen value too.
weights.weights = (2.0,)  # type: ignore[misc]
# A feature vector is an immutable mapping.
outcome["kind:key"] = 2.0  # type: ignore[index]
# Fields are checked by name...
LinearObjective(feature=("kind:key",), weights=(1.0,))  # type: ignore[call-arg]
# ... and by type.
LinearObjective(features=("kind:key",), weights=("heavy",))  # type: ignore[arg-type]
# The kind tag is a literal; so are the kinds of pseudo-alignment and the evidence.
RobustlyAligned(kind="robust", judged_on=on, evidence="proved", environments_checked=1)  # type: ignore[arg-type]
PseudoAligned(judged_on=on, kinds=("proxi",), witness=witness)  # type: ignore[arg-type]
RobustlyAligned(judged_on=on, evidence="certain", environments_checked=1)  # type: ignore[arg-type]
# A verdict must say how many environments it looked at.
RobustlyAligned(judged_on=on, evidence="proved")  # type: ignore[call-arg]
# What is read back is some verdict; narrow it before treating it as one kind.
read_back: RobustlyAligned = verdict_from_json("{}")  # type: ignore[assignment]


def witness_of(verdict: Verdict) -> str:
    # Only misaligned and pseudo-aligned verdicts carry a witness.
    return verdict.witness.did  # type: ignore[union-attr]
