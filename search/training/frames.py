"""Saved runs as a pandas DataFrame, in one call, for analysis in a notebook.

pandas is the ``frames`` extra and is imported when a frame is built, so the
rest of the package works without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from search.training.runs import RunRecord, load_run

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RUN_COLUMNS", "runs_frame"]

RUN_COLUMNS = ("run", "scenario", "seed", "generation", "best", "mean", "std")
"""The columns of :func:`runs_frame`: one row per generation of every run."""

Where = str | os.PathLike[str]


def runs_frame(where: Where | Iterable[Where]) -> pd.DataFrame:
    """Every generation of every saved run under ``where``, one row each (long format).

    Args:
        where: A ``run.json`` file, a folder searched for ``run.json`` files at
            any depth, or several of these. A run is named by its folder,
            relative to the folder searched.

    Raises:
        ImportError: pandas is not installed (the line says how to install it).
        FileNotFoundError: A path does not exist, or a folder holds no run.
        search.RunFormatError: A file is not a valid, unedited run.

    Example:
        >>> frame = runs_frame("runs/demo")  # doctest: +SKIP
        >>> frame.groupby("generation")["best"].max()  # doctest: +SKIP
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError(
            "runs_frame needs pandas, which is not installed: pip install 'mesa-types[frames]'"
        ) from error
    rows: list[tuple[str, str, int, int, float, float, float]] = []
    for name, record in _runs(where):
        s = record.settings
        rows += [
            (name, s.scenario, s.seed, h.generation, h.best, h.mean, h.std) for h in record.history
        ]
    return pd.DataFrame.from_records(rows, columns=list(RUN_COLUMNS))


def _runs(where: Where | Iterable[Where]) -> list[tuple[str, RunRecord]]:
    places = [where] if isinstance(where, str | os.PathLike) else list(where)
    found: list[tuple[str, RunRecord]] = []
    for place in places:
        path = Path(place)
        if path.is_dir():
            files = sorted(path.rglob("run.json"))
            if not files:
                raise FileNotFoundError(f"no run.json under {str(path)!r}")
            found += [(_name(file.parent, path), load_run(file)) for file in files]
        elif path.exists():
            found.append((path.parent.name or str(path), load_run(path)))
        else:
            raise FileNotFoundError(f"no such run file or folder: {str(path)!r}")
    return found


def _name(folder: Path, searched: Path) -> str:
    relative = folder.relative_to(searched).as_posix()
    return searched.name if relative == "." else relative
