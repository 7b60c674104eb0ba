"""SIGTERM to a real ``mesa-types phenomenon --workers 2``: finished seeds kept, no worker left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return False
    state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
    return "zombie" not in state


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_sigterm_keeps_finished_seeds_and_stops_the_workers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "search.cli", "phenomenon", "--seeds", "400"]
    command += ["--generations", "40", "--workers", "2", "--out", str(out), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = out / "phenomenon.partial.json"
    deadline = time.monotonic() + 240
    while not partial.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, process.communicate()
    workers = _children(process.pid)
    assert len(workers) == 2
    os.kill(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert "mesa-types phenomenon: terminated: the" in err
    assert f"finished of 400 seeds are printed above and saved in {out}" in err
    kept = json.loads(partial.read_text())["rows"]
    assert 1 <= len(kept) < 400
    assert not (out / "phenomenon.json").exists()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
