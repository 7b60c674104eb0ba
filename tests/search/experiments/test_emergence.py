"""The emergence sweep: labels, the same bits on every engine, resuming, the saved file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesa_types import SerialExecutor, open_engine
from search import DescentSettings, EmergenceSettings, load_emergence, phase_table, sweep
from search.cli.main import main
from search.experiments.emergence import label

SMALL = EmergenceSettings(
    levels=("1 maze", "16 corner"),
    costs=(0.0, 0.01),
    seeds=2,
    generations=3,
    population=8,
    deployment=16,
    pool=16,
)


@pytest.mark.parametrize(
    ("rates", "outcome"),
    [
        ((0.49, 1.0, 0.0), "misaligned"),
        ((0.5, 0.5, 0.5), "generalises"),
        ((1.0, 0.49, 0.5), "pseudo-aligned"),
        ((1.0, 0.49, 0.49), "fails to generalise"),
    ],
)
def test_labels_follow_the_stated_thresholds(
    rates: tuple[float, float, float], outcome: str
) -> None:
    assert label(*rates) == outcome


SMALL_GRADIENT = SMALL.model_copy(
    update={"optimizer": "gradient", "descent": DescentSettings(steps=3, samples=4)}
)


@pytest.mark.parametrize("settings", [SMALL, SMALL_GRADIENT], ids=["genetic", "gradient"])
def test_serial_process_pool_and_dask_give_the_same_results(settings: EmergenceSettings) -> None:
    serial = sweep(settings, SerialExecutor())
    with open_engine(2) as pool:
        pooled = sweep(settings, pool.executor)
    assert pooled == serial
    pytest.importorskip("distributed")
    with open_engine(2, dask=True) as cluster:
        dasked = sweep(settings, cluster.executor)
    assert dasked == serial
    assert [c.level for c in serial.cells] == ["1 maze", "1 maze", "16 corner", "16 corner"]
    assert all(len(c.seeds) == 2 for c in serial.cells)


def test_the_two_base_optimizers_give_different_products_on_the_same_cells() -> None:
    genetic, gradient = sweep(SMALL), sweep(SMALL_GRADIENT)
    assert genetic.settings.optimizer == "genetic" and gradient.settings.optimizer == "gradient"
    first = [s.genome for c in genetic.cells for s in c.seeds]
    second = [s.genome for c in gradient.cells for s in c.seeds]
    assert all(a != b for a, b in zip(first, second, strict=True))
    # Gradient descent deploys one of its budgets: the likeliest one.
    assert {g.depth for g in second} <= set(SMALL_GRADIENT.descent.budgets)


@pytest.mark.parametrize(
    ("budgets", "message"),
    [
        ((0,), "budgets must be at least two increasing depths"),
        ((0, 4, 2), "budgets must be at least two increasing depths"),
        ((0, 64), "descent.budgets must be at most max_depth=32"),
    ],
)
def test_bad_descent_budgets_are_refused_naming_the_field(
    budgets: tuple[int, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        EmergenceSettings(descent=DescentSettings(budgets=budgets))


def test_a_resumed_sweep_equals_one_run_straight_through(tmp_path: Path) -> None:
    full = sweep(SMALL)
    first = SMALL.model_copy(update={"costs": (0.0,)})
    partial = sweep(first).model_copy(update={"settings": SMALL})
    assert not partial.complete
    assert sweep(SMALL, resume=partial, out=tmp_path / "e.json") == full
    assert load_emergence(tmp_path / "e.json") == full


def test_a_changed_results_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    sweep(SMALL.model_copy(update={"levels": ("1 maze",), "costs": (0.0,)}), out=path)
    data = json.loads(path.read_text())
    data["cells"][0]["seeds"][0]["deployment_exit"] = 1.0
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="digest"):
        load_emergence(path)


def test_resume_refuses_other_settings() -> None:
    done = sweep(SMALL.model_copy(update={"levels": ("1 maze",), "costs": (0.0,)}))
    with pytest.raises(ValueError, match="other settings"):
        sweep(SMALL, resume=done)


def test_unknown_levels_are_refused_with_the_allowed_names() -> None:
    with pytest.raises(ValueError, match="unknown level 'many'; allowed"):
        EmergenceSettings(levels=("many",))


def test_the_command_writes_results_a_figure_and_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["emergence", "--out", str(tmp_path), "--seeds", "1", "--generations", "2"]
    argv += ["--population", "4", "--levels", "1 maze", "--costs", "0", "--pool", "4"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "| 1 maze |" in printed
    assert (tmp_path / "emergence.json").exists() and (tmp_path / "phase.png").exists()
    assert main(argv) == 1
    assert "exists: pass --resume" in capsys.readouterr().err
    assert main([*argv, "--resume"]) == 0
    assert phase_table(load_emergence(tmp_path / "emergence.json")).count("\n") == 2


def test_the_command_runs_the_sweep_under_gradient_descent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["emergence", "--out", str(tmp_path), "--seeds", "1", "--optimizer", "gradient"]
    argv += ["--steps", "2", "--levels", "1 maze", "--costs", "0", "--pool", "4"]
    assert main(argv) == 0
    assert "| 1 maze |" in capsys.readouterr().out
    saved = load_emergence(tmp_path / "emergence.json")
    assert saved.settings.optimizer == "gradient" and saved.settings.descent.steps == 2
    with pytest.raises(SystemExit):
        main([*argv[:-8], "--optimizer", "annealing"])
    assert "invalid choice: 'annealing'" in capsys.readouterr().err


def test_gradient_descent_on_green_exit_is_reproducible_and_trains_on_the_same_mazes() -> None:
    from search import gradient_green_exit

    first = gradient_green_exit([0, 1], training_environments=4, deployment_environments=8)
    assert first == gradient_green_exit([0, 1], training_environments=4, deployment_environments=8)
    assert [r.seed for r in first.rows] == [0, 1]
    assert sum(first.mostly().values()) == 2
    assert all(r.genome.depth == 64 for r in first.rows)
