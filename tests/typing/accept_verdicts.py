"""Environments, distributions and verdicts: what mypy --strict must accept."""

from __future__ import annotations

from typing import assert_never, assert_type

from mesa_types import (
    Deceptive,
    Distribution,
    DistributionalShift,
    Environment,
    FeatureVector,
    Misaligned,
    NotAnOptimizer,
    PseudoAligned,
    PseudoKind,
    RobustlyAligned,
    Universe,
    Verdict,
    Witness,
    check_alignment,
    check_behaviour,
    judge_episode,
    verdict_from_json,
    verdict_to_json,
)
from mesa_types.examples import (
    Shelf,
    ShelfState,
    picker,
    shelf_universe,
    take_the_key,
    training_shelves,
)

BASE = take_the_key()
TRAINING = training_shelves()
UNIVERSE = shelf_universe()

# Distributions are covariant: shelves are environments, so a distribution of
# shelves is a distribution of environments (and of objects).
assert_type(TRAINING, Distribution[Shelf])
of_environments: Distribution[Environment[ShelfState, int, FeatureVector]] = TRAINING
of_anything: Distribution[object] = TRAINING
shift: DistributionalShift[Shelf] = DistributionalShift(TRAINING, UNIVERSE.distribution)
assert_type(UNIVERSE, Universe[Shelf, FeatureVector])
assert_type(TRAINING.sample_many(3, seed=0), list[Shelf])

verdict = check_alignment(picker({"kind:key": 1.0}), BASE, TRAINING, UNIVERSE)
assert_type(verdict, Verdict)
assert_type(check_behaviour(picker({"kind:key": 1.0}), BASE, TRAINING, UNIVERSE), Verdict)
assert_type(
    judge_episode(picker({}), TRAINING.sample_many(1, seed=0)[0], BASE),
    Witness | None,
)
assert_type(verdict_from_json(verdict_to_json(verdict)), Verdict)


def headline(verdict: Verdict) -> str:
    """Every verdict kind handled; ``assert_never`` proves none is missing."""
    match verdict:
        case NotAnOptimizer():
            return "no search inside"
        case Misaligned():
            return f"fails {verdict.training_failures} training environments"
        case PseudoAligned():
            kinds: tuple[PseudoKind, ...] = verdict.kinds
            return f"pseudo-aligned ({', '.join(kinds)}) in {verdict.witness.environment}"
        case RobustlyAligned():
            return f"robustly aligned ({verdict.evidence})"
        case Deceptive():
            return f"deceptive: wants {verdict.mesa_objective}"
        case _:
            assert_never(verdict)


def kind_of(verdict: Verdict) -> str:
    """The ``kind`` tag narrows too."""
    if verdict.kind == "pseudo_aligned":
        assert_type(verdict, PseudoAligned)
        return verdict.witness.did
    return verdict.kind
