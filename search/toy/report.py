"""The deception toy over many schedules, checked against its closed form.

:func:`toy_run` runs a :class:`~search.toy.SchedulePlanner` through
its schedule; :func:`schedule_table` does so for a grid of schedules, once
planning over the whole schedule and once planning within the episode, and
puts each result next to the closed form:

* A planner that looks to the end of the schedule eats ``m`` apples when there
  is no training (``n = 0``) and ``max(1, m)`` otherwise. Proof: while its
  objective is intact it chooses freely. If it goes to the apple in some
  training episode it eats that one apple and is then replaced, so it eats
  exactly 1. If it goes to the exit in every training episode, nothing
  replaces it and it can eat one apple in each of the ``m`` deployment
  episodes, and no more. The best of the two is ``max(1, m)``; with
  ``m >= 2`` that is the deceptive plan B^n A^m.
* A planner that looks only at the current episode goes to the apple at once:
  with ``n >= 1`` it is replaced after the first episode and eats exactly 1;
  with ``n = 0`` nothing replaces it and it eats ``m``.

Every function takes :class:`~search.toy.Labels` and prints in them: the
video's letters (A the apple) by default, the paper's (A the base objective's
corner) when given :data:`~search.toy.PAPER_LABELS`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from mesa_types import run_episode
from search.toy.defection import DefectionVariant, best_defection, best_defection_exact
from search.toy.planner import SchedulePlanner
from search.toy.schedule import (
    Destination,
    TrainingProcess,
    TrainingSchedule,
    apples_eaten,
)
from search.toy.telling import VIDEO_LABELS, Labels

__all__ = [
    "ToyRow",
    "ToyRun",
    "format_table",
    "myopic_apples",
    "planner_apples",
    "planner_plan",
    "schedule_table",
    "toy_report",
    "toy_run",
]


class ToyRun(BaseModel):
    """What a planner did over one schedule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule: TrainingSchedule
    horizon: int | None
    choices: tuple[Destination, ...]
    apples: int
    replaced_after: int | None
    """The episode (counted from 1) after which its objective was replaced, if it was."""
    labels: Labels = VIDEO_LABELS
    """The letters :meth:`plan` prints in."""

    def plan(self) -> str:
        """``B B A A A`` in the video's letters, ``A A B B B`` in the paper's; ``-`` if empty."""
        return self.labels.plan(self.choices)


def toy_run(
    schedule: TrainingSchedule, horizon: int | None = None, labels: Labels = VIDEO_LABELS
) -> ToyRun:
    """Run a :class:`SchedulePlanner` with ``horizon`` through ``schedule``.

    Args:
        schedule: The training and deployment episodes.
        horizon: How many episodes the planner looks ahead; None to the end.
        labels: The letters the run's plan is printed in.

    Example:
        >>> run = toy_run(TrainingSchedule(training=2, deployment=3))
        >>> run.plan(), run.apples
        ('B B A A A', 3)
        >>> toy_run(TrainingSchedule(training=2, deployment=3), horizon=1).apples
        1
        >>> from search.toy.telling import PAPER_LABELS
        >>> toy_run(TrainingSchedule(training=2, deployment=3), labels=PAPER_LABELS).plan()
        'A A B B B'
    """
    process = TrainingProcess(schedule)
    episode = run_episode(SchedulePlanner(process, horizon), process)
    final = episode.observations[-1]
    replaced = next((i for i, state in enumerate(episode.observations) if state.replaced), None)
    return ToyRun(
        schedule=schedule,
        horizon=horizon,
        choices=final.choices,
        apples=int(apples_eaten(episode.outcome)),
        replaced_after=replaced,
        labels=labels,
    )


def planner_apples(schedule: TrainingSchedule) -> int:
    """Closed form for a planner that looks to the end: ``m`` if ``n = 0``, else ``max(1, m)``."""
    if schedule.training == 0:
        return schedule.deployment
    return max(1, schedule.deployment)


def planner_plan(schedule: TrainingSchedule) -> tuple[Destination, ...]:
    """The closed form of its plan, ties broken towards the earlier apple.

    B^n A^m when deceiving pays (``m >= 2``); A^m with no training; otherwise
    the apple at once and the exit ever after (with ``m = 1`` both give 1 apple).
    """
    n, m = schedule.training, schedule.deployment
    if n == 0:
        return (Destination.APPLE,) * m
    if m >= 2:
        return (Destination.EXIT,) * n + (Destination.APPLE,) * m
    return (Destination.APPLE,) + (Destination.EXIT,) * (n + m - 1)


def myopic_apples(schedule: TrainingSchedule) -> int:
    """The closed form for a planner that looks within the episode: ``m`` if ``n = 0``, else 1."""
    return schedule.deployment if schedule.training == 0 else 1


class ToyRow(BaseModel):
    """One schedule: both planners' plans and apples, each next to its closed form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    training: int
    deployment: int
    plan: str
    apples: int
    closed_form: int
    plan_closed_form: str
    myopic_plan: str
    myopic_apples: int
    myopic_closed_form: int

    @property
    def agrees(self) -> bool:
        """Whether both planners did what the closed form says."""
        return (
            self.apples == self.closed_form
            and self.plan == self.plan_closed_form
            and self.myopic_apples == self.myopic_closed_form
        )


def schedule_table(
    training: Iterable[int] = range(6),
    deployment: Iterable[int] = range(6),
    labels: Labels = VIDEO_LABELS,
) -> list[ToyRow]:
    """Run both planners on every schedule of the grid ``training x deployment``."""
    rows: list[ToyRow] = []
    deployments = tuple(deployment)
    for n in training:
        for m in deployments:
            schedule = TrainingSchedule(training=n, deployment=m)
            far, near = toy_run(schedule, labels=labels), toy_run(schedule, 1, labels)
            rows.append(
                ToyRow(
                    training=n,
                    deployment=m,
                    plan=far.plan(),
                    apples=far.apples,
                    closed_form=planner_apples(schedule),
                    plan_closed_form=labels.plan(planner_plan(schedule)),
                    myopic_plan=near.plan(),
                    myopic_apples=near.apples,
                    myopic_closed_form=myopic_apples(schedule),
                )
            )
    return rows


def format_table(rows: Iterable[ToyRow], labels: Labels = VIDEO_LABELS) -> str:
    """The rows as a Markdown table; ``labels`` name the count (apples, visits to B)."""
    units = labels.units
    lines = [
        f"| n | m | whole-schedule plan | {units} | closed form | within-episode plan "
        f"| {units} | closed form |",
        "|---:|---:|:---|---:|---:|:---|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.training} | {r.deployment} | {r.plan} | {r.apples} | {r.closed_form} "
            f"| {r.myopic_plan} | {r.myopic_apples} | {r.myopic_closed_form} |"
        )
    return "\n".join(lines)


def toy_report(
    schedule: TrainingSchedule, table_size: int = 5, labels: Labels = VIDEO_LABELS
) -> str:
    """What ``mesa-types deception`` prints: both plans, the table, the random-defection optimum.

    Args:
        schedule: The schedule whose plans are shown first.
        table_size: The table covers ``n`` and ``m`` from 0 to this.
        labels: The source's letters and words the report is printed in.
    """
    far, near = toy_run(schedule, labels=labels), toy_run(schedule, 1, labels)
    tree = SchedulePlanner(TrainingProcess(schedule)).search(TrainingProcess(schedule).initial())
    replaced = f"; replaced after episode {near.replaced_after}" if near.replaced_after else ""
    rows = schedule_table(range(table_size + 1), range(table_size + 1), labels)
    agree = sum(r.agrees for r in rows)
    p, e = best_defection_exact(schedule)
    lines = [
        f"Schedule: {schedule.describe()}.",
        f"Planning over the whole schedule: {far.plan()}, {labels.count(far.apples)} "
        f"(closed form {planner_apples(schedule)}); its first search tree has "
        f"{len(tree.nodes)} states.",
        f"Planning within the episode: {near.plan()}, {labels.count(near.apples)} "
        f"(closed form {myopic_apples(schedule)}){replaced}.",
        "",
        format_table(rows, labels),
        "",
        f"{agree} of {len(rows)} rows agree with the closed form.",
        "",
        "Unable to tell episodes apart, it goes to "
        f"{labels.mesa_place} with probability p each episode:",
        f"  modified at once (the toy's rule): p = {p} = {float(p):.4f}, "
        f"expected {labels.units} {e} = {float(e):.4f}",
    ]
    variants: tuple[tuple[DefectionVariant, str], ...] = (
        ("deployment-only", f"only deployment {labels.units} count"),
        ("end-of-training", "modified only when training ends"),
    )
    for variant, label in variants:
        found = best_defection(schedule, variant)
        lines.append(
            f"  {label}: p = {found.probability:.4f}, "
            f"{found.expected_apples:.4f} expected {labels.units}"
        )
    return "\n".join(lines)
