"""Checking learned algorithms against a base objective, in any world.

Judging episodes and training environments (:mod:`~mesa_types.checking.judging`),
the exact and sampled alignment checks (:mod:`~mesa_types.checking.alignment`),
kinds of pseudo-alignment (:mod:`~mesa_types.checking.kinds`), the white-box
check for deceptive alignment (:mod:`~mesa_types.checking.deception`) and the
behavioral objective recovered by inverse RL (:mod:`~mesa_types.checking.behavioral`).
"""

from mesa_types.checking.behavioral import (
    BehavioralFit,
    Choice,
    fit_choices,
    observe_choices,
    recover_objective,
)
from mesa_types.checking.deception import Tellable, check_deception, probe_environments

__all__ = [
    "BehavioralFit",
    "Choice",
    "Tellable",
    "check_deception",
    "fit_choices",
    "observe_choices",
    "probe_environments",
    "recover_objective",
]
