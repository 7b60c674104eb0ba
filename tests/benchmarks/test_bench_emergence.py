"""The emergence benchmark's quick mode runs, and its engines and two paths agree."""

from __future__ import annotations

import pytest

from benchmarks.bench_emergence import main


def test_the_quick_benchmark_runs_and_everything_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    report = main(["--quick"])
    assert report.identical
    assert (report.cells, report.runs) == (4, 8)
    printed = capsys.readouterr().out
    assert "serial and process pool gave the same results" in printed
    assert "episodes equal" in printed
