"""The decision benchmark's quick mode runs and its three ways of deciding agree."""

from __future__ import annotations

import pytest

from benchmarks.bench_decisions import (
    by_networkx,
    by_population,
    main,
    make_genomes,
    population_targets,
    tree_search_targets,
)
from search import green_exit


def test_the_quick_benchmark_runs_and_all_three_ways_agree(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = main(["--quick"])
    assert report.agree
    assert report.decisions == 16 * 4
    assert set(report.seconds) == {"tree search", "networkx", "population"}
    printed = capsys.readouterr().out
    assert "all three ways chose the same object in every case" in printed
    assert "x networkx" in printed


def test_the_three_ways_agree_on_shallow_and_deep_genomes_alike() -> None:
    scenario = green_exit(size=15)
    worlds = scenario.training.sample_many(3, seed=9)
    genomes = make_genomes(12, scenario.vocabulary, max_depth=30, seed=9)
    reference = tree_search_targets(genomes, worlds)
    assert by_networkx(genomes, worlds) == reference
    assert population_targets(*by_population(genomes, worlds, scenario.vocabulary)) == reference
    assert any(c is None for row in reference for c in row)
    assert any(c is not None for row in reference for c in row)
