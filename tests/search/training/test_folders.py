"""The output-folder lock: one writer at a time, across processes, and no stale locks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.training import folders
from search.training.folders import LOCK_NAME, FolderInUse, locked_folder

ROOT = Path(__file__).resolve().parents[3]


def test_another_process_cannot_take_a_held_folder(tmp_path: Path) -> None:
    code = (
        "import sys; from search.training.folders import locked_folder, FolderInUse\n"
        "try:\n    with locked_folder(sys.argv[1]): print('got it')\n"
        "except FolderInUse as e: print(e)"
    )
    command = [sys.executable, "-c", code, str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with locked_folder(tmp_path):
        held = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert f"is in use by another mesa-types run (process {os.getpid()})" in held.stdout
    free = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert free.stdout.strip() == "got it"


def test_the_folder_is_created_and_the_lock_removed_even_on_error(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder"
    with pytest.raises(RuntimeError), locked_folder(target):
        assert (target / LOCK_NAME).read_text().strip() == str(os.getpid())
        raise RuntimeError("the run failed")
    assert target.is_dir() and not (target / LOCK_NAME).exists()


def test_without_fcntl_a_live_holder_is_refused_and_a_dead_one_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folders, "fcntl", None)
    (tmp_path / LOCK_NAME).write_text(f"{os.getpid()}\n")  # alive: this very process
    with pytest.raises(FolderInUse, match=f"process {os.getpid()}"), locked_folder(tmp_path):
        pass
    (tmp_path / LOCK_NAME).write_text("999999999\n")  # no such process
    with locked_folder(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()
