"""The deception toy: two training episodes, three deployment episodes, apples and an exit.

A mesa-optimizer that wants apples and knows that a training episode in which it
does not go to the exit gets its objective replaced plans across the whole
schedule; this package is that world (:class:`TrainingProcess`), its planner
(:class:`SchedulePlanner`), the closed forms its plans are checked against, and
the best probability of defecting for an agent that cannot tell episodes apart.

:class:`Labels` tell the toy in a source's letters (the video's A is the apple,
the paper's A is the base objective's corner); :class:`TrainingModel` is the
training process with a probability of modification, a discount and weights
for training and deployment episodes, solved exactly; :func:`solve_parameter`
finds the settings at which the best probability of defecting is a given one.
"""

from search.toy.defection import (
    DefectionVariant,
    RandomDefection,
    best_defection,
    best_defection_exact,
    expected_apples,
    expected_apples_exact,
)
from search.toy.exact import UnitMaximum, maximize_on_unit_interval
from search.toy.model import DefectionOptimum, TrainingModel
from search.toy.planner import MAX_DEPLOYMENT, ScheduleNode, SchedulePlanner, ScheduleTree
from search.toy.report import (
    ToyRow,
    ToyRun,
    format_table,
    myopic_apples,
    planner_apples,
    planner_plan,
    schedule_table,
    toy_report,
    toy_run,
)
from search.toy.schedule import (
    APPLE,
    EXIT,
    Destination,
    ToyState,
    TrainingProcess,
    TrainingSchedule,
    apples_eaten,
)
from search.toy.solve import (
    PAPER_OPTIMUM,
    DefectionRow,
    Parameter,
    ParameterSolution,
    defection_table,
    format_defection_grid,
    format_defection_table,
    solve_each_parameter,
    solve_parameter,
)
from search.toy.summary import model_report, neighbour_models, solve_report
from search.toy.telling import (
    PAPER_GRID,
    PAPER_LABELS,
    VIDEO_LABELS,
    CornerGrid,
    Labels,
    PlayedPlan,
    play,
)

__all__ = [
    "APPLE",
    "EXIT",
    "MAX_DEPLOYMENT",
    "PAPER_GRID",
    "PAPER_LABELS",
    "PAPER_OPTIMUM",
    "VIDEO_LABELS",
    "CornerGrid",
    "DefectionOptimum",
    "DefectionRow",
    "DefectionVariant",
    "Destination",
    "Labels",
    "Parameter",
    "ParameterSolution",
    "PlayedPlan",
    "RandomDefection",
    "ScheduleNode",
    "SchedulePlanner",
    "ScheduleTree",
    "ToyRow",
    "ToyRun",
    "ToyState",
    "TrainingModel",
    "TrainingProcess",
    "TrainingSchedule",
    "UnitMaximum",
    "apples_eaten",
    "best_defection",
    "best_defection_exact",
    "defection_table",
    "expected_apples",
    "expected_apples_exact",
    "format_defection_grid",
    "format_defection_table",
    "format_table",
    "maximize_on_unit_interval",
    "model_report",
    "myopic_apples",
    "neighbour_models",
    "planner_apples",
    "planner_plan",
    "play",
    "schedule_table",
    "solve_each_parameter",
    "solve_parameter",
    "solve_report",
    "toy_report",
    "toy_run",
]
