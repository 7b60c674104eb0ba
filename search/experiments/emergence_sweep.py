"""The phase diagram: every (diversity, thinking cost) cell, on any executor, resumable.

A cell is one task (twenty seeds evolved together, see
:func:`~search.experiments.emergence.run_cell`); cells go to whatever
:class:`~mesa_types.Executor` the caller has (serial, a process pool, Dask).
Each worker draws the maze pools itself from the settings, so a task carries a
few numbers, and every engine computes the same bits. Results are saved after
every finished cell as sealed JSON (with a digest, see
:mod:`search.training.files`), so an interrupted sweep resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from mesa_types import Executor, SerialExecutor
from search.experiments.emergence import OUTCOMES, SeedOutcome, run_cell
from search.experiments.emergence_descent import run_descent_cell
from search.experiments.emergence_settings import EmergenceSettings
from search.training.files import read_sealed, save_json

__all__ = [
    "EmergenceResults",
    "PhaseCell",
    "load_emergence",
    "phase_table",
    "save_phase_diagram",
    "sweep",
]


class PhaseCell(BaseModel):
    """One cell of the diagram: its level, its cost and what each seed came to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: str
    cost: float
    seeds: tuple[SeedOutcome, ...]

    def share(self, outcome: str) -> float:
        """The fraction of seeds with ``outcome``."""
        return sum(s.outcome == outcome for s in self.seeds) / len(self.seeds)

    @property
    def optimizers(self) -> float:
        """The fraction of seeds whose product is an optimizer."""
        return sum(s.optimizer for s in self.seeds) / len(self.seeds)


class EmergenceResults(BaseModel):
    """A sweep's settings and its finished cells, in sweep order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = "emergence"
    settings: EmergenceSettings
    cells: tuple[PhaseCell, ...] = ()

    def cell(self, level: str, cost: float) -> PhaseCell | None:
        """The finished cell at ``level`` and ``cost``, if any."""
        return next((c for c in self.cells if c.level == level and c.cost == cost), None)

    @property
    def complete(self) -> bool:
        """Whether every cell of the settings is done."""
        s = self.settings
        return all(self.cell(lv, c) is not None for lv in s.levels for c in s.costs)


def load_emergence(path: str | Path) -> EmergenceResults:
    """A results file written by :func:`sweep`, its digest checked."""
    return EmergenceResults.model_validate(read_sealed(path, "emergence results"))


def _cell(settings: EmergenceSettings, level: str, cost: float) -> PhaseCell:
    if settings.optimizer == "gradient":
        return PhaseCell(level=level, cost=cost, seeds=run_descent_cell(settings, level, cost))
    return PhaseCell(level=level, cost=cost, seeds=run_cell(settings, level, cost))


def sweep(
    settings: EmergenceSettings,
    executor: Executor | None = None,
    *,
    out: str | Path | None = None,
    resume: EmergenceResults | None = None,
    progress: Callable[[PhaseCell, int, int], None] | None = None,
) -> EmergenceResults:
    """Run every cell not already in ``resume``; save after each one to ``out``.

    Raises:
        ValueError: ``resume`` was made with other settings.
    """
    if resume is not None and resume.settings != settings:
        raise ValueError("resume: the saved sweep has other settings; start a new one")
    done = list(resume.cells) if resume is not None else []
    todo = [
        (lv, c)
        for lv in settings.levels
        for c in settings.costs
        if not any(d.level == lv and d.cost == c for d in done)
    ]
    for level in settings.levels:
        settings.level(level)  # an unknown name fails before any work
    # Cells measured on fewer training mazes are cheaper: sent last, they fill the
    # tail of a parallel sweep instead of leaving a worker idle. Results are in
    # sweep order whatever the order of work.
    todo.sort(key=lambda cell: -min(settings.batch, settings.level(cell[0]).mazes))
    engine: Executor = executor if executor is not None else SerialExecutor()
    futures = [engine.submit(_cell, settings, lv, c) for lv, c in todo]
    total = len(settings.levels) * len(settings.costs)
    for future in futures:
        done.append(future.result())
        if out is not None:
            save_json(_ordered(settings, done), out)
        if progress is not None:
            progress(done[-1], len(done), total)
    return _ordered(settings, done)


def _ordered(settings: EmergenceSettings, cells: Sequence[PhaseCell]) -> EmergenceResults:
    rank = {
        (lv, c): i
        for i, (lv, c) in enumerate((lv, c) for lv in settings.levels for c in settings.costs)
    }
    ordered = sorted(cells, key=lambda cell: rank[(cell.level, cell.cost)])
    return EmergenceResults(settings=settings, cells=tuple(ordered))


def phase_table(results: EmergenceResults) -> str:
    """A Markdown table: per cell, the share of optimizers and of each outcome.

    Each entry reads ``optimizers / generalises / pseudo-aligned / fails / misaligned``
    as counts of seeds.
    """
    s = results.settings
    header = "| diversity | " + " | ".join(f"cost {c:g}" for c in s.costs) + " |"
    lines = [header, "|" + "---|" * (len(s.costs) + 1)]
    for level in s.levels:
        row = [level]
        for cost in s.costs:
            cell = results.cell(level, cost)
            if cell is None:
                row.append("-")
                continue
            n = len(cell.seeds)
            counts = [round(cell.optimizers * n)] + [round(cell.share(o) * n) for o in OUTCOMES]
            row.append(" / ".join(str(k) for k in counts))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def save_phase_diagram(results: EmergenceResults, out: str | Path) -> Path:
    """The figure of :func:`phase_table`: one heat map per quantity, fractions of seeds."""
    from search.render.phase import save_phase_png

    s = results.settings

    def matrix(value: Callable[[PhaseCell], float]) -> list[list[float]]:
        return [
            [value(c) if (c := results.cell(lv, cost)) is not None else 0.0 for cost in s.costs]
            for lv in s.levels
        ]

    panels = {"optimizer": matrix(lambda c: c.optimizers)}
    for outcome in OUTCOMES:
        panels[outcome] = matrix(lambda c, o=outcome: c.share(o))  # type: ignore[misc]
    name = "genetic algorithm" if s.optimizer == "genetic" else "gradient descent"
    title = f"{s.seeds} seeds per cell, {name}"
    return save_phase_png(s.levels, [f"{c:g}" for c in s.costs], panels, out, title)
