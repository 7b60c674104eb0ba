"""The checker benchmark's quick mode runs, and its fast and generic verdicts agree."""

from __future__ import annotations

import pytest

from benchmarks.bench_checker import main


def test_the_quick_checker_benchmark_runs_and_its_checks_hold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    times = main(["--quick"])  # asserts inside: fast == generic, no proved agent refuted
    assert set(times) == {
        "exact (fast, batched)",
        "sampled 50 (population path)",
        "sampled 50 (running)",
        "exact (generic)",
    }
    printed = capsys.readouterr().out
    assert "exact (fast), mean per agent:" in printed
    assert "failing a sampled maze: 0 of 50" in printed
