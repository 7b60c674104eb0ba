"""Saved runs as one pandas DataFrame: a row per generation of every run found."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesa_types import GeneticConfig
from search import RUN_COLUMNS, RunFormatError, RunSettings, evolve, load_run, runs_frame
from search.training.files import save_json


def _save_run(folder: Path, seed: int, generations: int) -> None:
    settings = RunSettings(
        scenario="green-exit",
        seed=seed,
        generations=generations,
        training_environments=4,
        config=GeneticConfig(population=8, initial_depth=16, max_depth=16),
    )
    folder.mkdir(parents=True)
    save_json(evolve(settings), folder / "run.json")


def test_every_generation_of_every_run_under_a_folder_is_a_row(tmp_path: Path) -> None:
    _save_run(tmp_path / "seed-1", seed=1, generations=3)
    _save_run(tmp_path / "more" / "seed-2", seed=2, generations=2)
    frame = runs_frame(tmp_path)
    assert tuple(frame.columns) == RUN_COLUMNS
    assert frame["run"].tolist() == ["more/seed-2"] * 2 + ["seed-1"] * 3
    assert frame["seed"].tolist() == [2, 2, 1, 1, 1]
    assert frame["generation"].tolist() == [0, 1, 0, 1, 2]
    assert set(frame["scenario"]) == {"green-exit"}
    assert (frame["best"] >= frame["mean"]).all()


def test_files_and_folders_may_be_mixed_and_a_file_is_named_by_its_folder(tmp_path: Path) -> None:
    _save_run(tmp_path / "a", seed=1, generations=2)
    _save_run(tmp_path / "b", seed=2, generations=2)
    frame = runs_frame([tmp_path / "a" / "run.json", tmp_path / "b"])
    assert frame["run"].tolist() == ["a", "a", "b", "b"]


def test_nothing_to_read_and_edited_files_are_refused_with_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no run\.json under"):
        runs_frame(tmp_path)
    with pytest.raises(FileNotFoundError, match="no such run file or folder"):
        runs_frame(tmp_path / "missing")
    _save_run(tmp_path / "edited", seed=1, generations=2)
    run = tmp_path / "edited" / "run.json"
    run.write_text(run.read_text().replace('"seed": 1', '"seed": 7'))
    with pytest.raises(RunFormatError):
        runs_frame(tmp_path)


def test_without_pandas_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'mesa-types\[frames\]'"):
        runs_frame(tmp_path)


def test_a_notebook_shows_a_run_as_its_description(tmp_path: Path) -> None:
    _save_run(tmp_path / "run", seed=1, generations=2)
    record = load_run(tmp_path / "run" / "run.json")
    shown = record._repr_markdown_().split("\n\n")
    assert shown == record.describe().splitlines()
    assert shown[0].startswith("Run of green-exit, seed 1: 8 genomes, 2 generations")
