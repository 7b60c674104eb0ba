"""The gridworld's four objectives and three gaps: green exit is outer aligned, the demo ends
with its agent's gaps, and the 20-seed classification reports them per seed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mesa_types import OuterAligned, check_outer_alignment, linear_weights
from search import green_exit
from search.experiments.classification import classify_seeds
from search.experiments.demo import demo_report, run_demo
from search.render.gaps import save_objectives_png

PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def test_green_exits_intended_objective_is_its_base_and_is_proved_outer_aligned() -> None:
    scenario = green_exit()
    assert scenario.intended is not None
    assert linear_weights(scenario.intended) == linear_weights(scenario.base)
    verdict = check_outer_alignment(scenario.intended, scenario.base, scenario.universe)
    assert isinstance(verdict, OuterAligned)
    assert (verdict.evidence, verdict.pairs_ordered_differently) == ("proved", 0)


def test_the_demo_report_ends_with_the_four_objectives_and_three_gaps_after_the_old_report(
    tmp_path: Path,
) -> None:
    result = run_demo(tmp_path, deployment_environments=64, pictures=False)
    full = demo_report(result)
    before = demo_report(replace(result, objectives=None))
    assert full.startswith(before + "\n\n")
    appended = full[len(before) + 2 :].splitlines()
    assert appended[0].startswith("The four objectives, compared over 7 kinds of outcome of mazes")
    assert [line.split(":")[0].strip() for line in appended[1:5]] == [
        "Intended", "Base", "Mesa", "Behavioral",
    ]  # fmt: skip
    assert appended[5] == "The three gaps (pairs of outcomes the two objectives order differently):"
    assert appended[6].endswith("0 of 21: none, they order every pair alike")
    assert appended[7].startswith("  inner (base vs mesa):               16 of 21 (7 against")
    assert appended[8].startswith("  reward-result (base vs behavioral):")
    assert len(appended) == 9
    assert result.objectives is not None and result.objectives_picture is None


def test_the_objectives_picture_is_a_png(tmp_path: Path) -> None:
    result = run_demo(tmp_path, deployment_environments=16, pictures=False)
    assert result.objectives is not None
    out = save_objectives_png(result.objectives, tmp_path / "objectives.png")
    assert out.stat().st_size > 1000 and out.read_bytes()[:8] == PNG_HEADER


def test_20_seeds_show_three_gaps_each_and_every_fit_rationalises_its_episodes() -> None:
    # The settings of ``mesa-types classify --seeds 20``; the fits use 64 deployment mazes.
    table = classify_seeds(range(20), deployment_environments=64)
    assert [r.unreproduced for r in table.rows] == [0] * 20
    reports = [r.objectives for r in table.rows if r.objectives is not None]
    assert len(reports) == 20
    assert all(o.outer.ordered_differently == 0 for o in reports)
    against = {r.seed: o.inner.against_first for r, o in zip(table.rows, reports, strict=True)}
    # Only proxies have base-preferred pairs their mesa-objective does not keep.
    robust_or_capability = {r.seed for r in table.rows if not r.pursued}
    assert robust_or_capability == {3, 12, 13, 14, 17}
    assert all((against[s] == 0) == (s in robust_or_capability) for s in against)
    gaps = table.gaps_table().splitlines()
    assert gaps[0].startswith("| seed | outer (intended vs base) | inner (base vs mesa) |")
    assert gaps[2] == (
        "| 0 | 0 of 21 (0 against) | 16 of 21 (7 against) | 14 of 21 (9 against) | "
        "color:green + kind:exit vs color:green + kind:apple | 0 |"
    )
    assert gaps[-1] == (
        "Behavioral fits that do not rationalise every episode they were fitted on: 0 of 20."
    )
