"""Checking learned algorithms against a base objective, in any world.

Judging episodes and training environments (:mod:`~mesa_types.checking.judging`),
the exact and sampled alignment checks (:mod:`~mesa_types.checking.alignment`),
kinds of pseudo-alignment (:mod:`~mesa_types.checking.kinds`) and the
behavioral objective recovered by inverse RL (:mod:`~mesa_types.checking.behavioral`).
"""

from mesa_types.checking.behavioral import (
    BehavioralFit,
    Choice,
    fit_choices,
    observe_choices,
    recover_objective,
)

__all__ = [
    "BehavioralFit",
    "Choice",
    "fit_choices",
    "observe_choices",
    "recover_objective",
]
