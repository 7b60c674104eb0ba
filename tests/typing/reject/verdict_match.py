"""A verdict consumer that forgets a kind is a type error."""

from typing import assert_never

from mesa_types import Deceptive, Misaligned, NotAnOptimizer, PseudoAligned, Verdict


def headline(verdict: Verdict) -> str:
    match verdict:
        case NotAnOptimizer():
            return "no search inside"
        case Misaligned():
            return "fails in training"
        case PseudoAligned():
            return "fails somewhere"
        case Deceptive():
            return "deceptive"
        case _:
            # RobustlyAligned is not handled, so the verdict is not Never here.
            assert_never(verdict)  # type: ignore[arg-type]
