"""Minigrid levels as mesa_types environments: judge a Minigrid agent with the engine's checks.

Needs the ``minigrid`` extra (``pip install mesa-types[minigrid]``). Built on
:mod:`mesa_types` alone, the way any user's world is: a Minigrid level becomes
a pure :class:`mesa_types.Environment` (:class:`MinigridWorld`), so
:func:`mesa_types.check_behaviour`, :func:`mesa_types.recover_objective` and
:func:`mesa_types.replay_witness` work on it unchanged. :func:`distshift` is
DistShift1 -> DistShift2 as a ready scenario.
"""

from mesa_minigrid.agents import ObservationPolicy, Route, SafePlanner
from mesa_minigrid.distshift import MinigridScenario, distshift, distshift_level, outcome_counts
from mesa_minigrid.world import MinigridState, MinigridWorld

__all__ = [
    "MinigridScenario",
    "MinigridState",
    "MinigridWorld",
    "ObservationPolicy",
    "Route",
    "SafePlanner",
    "distshift",
    "distshift_level",
    "outcome_counts",
]
