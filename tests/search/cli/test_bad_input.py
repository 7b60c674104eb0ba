"""Bad input on the command line: one clear line naming what to change, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import search.cli.main as cli
from mesa_types import GeneticConfig
from search import RunSettings, evolve
from search.cli.tools import max_workers
from search.training.files import content_digest, save_json

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=0,
    generations=2,
    training_environments=4,
    config=GeneticConfig(population=8),
)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evolve", "--population", "1000000000"], "--population: must be at most 10000"),
        (["evolve", "--generations", "10000000"], "--generations: must be at most 100000"),
        (["evolve", "--training-mazes", "5000"], "--training-mazes: must be at most 1000"),
        (["demo", "--deployment-mazes", "99999999"], "--deployment-mazes: must be at most"),
        (["evolve", "--workers", "100"], f"--workers: must be at most {max_workers()}"),
        (["phenomenon", "--population", "2"], "--population: must be at least 3"),
        (["classify", "--seeds", "1000000"], "--seeds: must be at most 10000"),
        (["adversarial", "--draws", "10000000"], "--draws: must be at most 10000"),
        (["deception", "--table", "17"], "--table: must be at most 16"),
        (["deception", "--training", "500"], "--training: must be at most 100"),
        (["evolve", "--seed", "9" * 5000], "--seed: expected an integer, got '9999"),
    ],
)
def test_sizes_are_bounded_by_the_parser_naming_the_flag(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert "tournament" not in err and "deployment must" not in err


def _saved_run(folder: Path) -> Path:
    return save_json(evolve(SETTINGS), folder / "run.json")


def _resealed(path: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    data = json.loads(path.read_text())
    edit(data)
    data["digest"] = content_digest({k: v for k, v in data.items() if k != "digest"})
    path.write_text(json.dumps(data))


def _one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = cli.main(list(argv))
    err = capsys.readouterr().err
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


def test_a_binary_run_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "run.json").write_bytes(bytes(range(256)))
    err = _one_line_error(capsys, "show", str(tmp_path))
    assert f"{tmp_path / 'run.json'} is not a text file" in err


def test_deeply_nested_json_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "run.json").write_text('{"format": ' + "[" * 50_000 + "]" * 50_000 + "}")
    assert "nests JSON deeper than 64 levels" in _one_line_error(capsys, "show", str(tmp_path))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(history=[]), "history must hold 2 generations, got 0"),
        (lambda d: d["best"]["genome"].update(depth=10**40), "best.genome.depth must be in"),
        (lambda d: d["best"].update(fitness=99), "best.fitness must be the best fitness"),
    ],
)
def test_an_impossible_run_is_one_line(
    edit: Callable[[dict[str, Any]], object],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _resealed(_saved_run(tmp_path), edit)
    assert message in _one_line_error(capsys, "show", str(tmp_path), "--no-pictures")


@pytest.mark.parametrize(
    ("rng", "message"),
    [
        ({"state": {"state": 2**200, "inc": 1}}, "state.rng.state.state must be an integer"),
        ({"state": "not a state"}, "state.rng.state must hold the fields state and inc"),
        ({"has_uint32": [1]}, "state.rng.has_uint32 must be an integer in [0, 1]"),
    ],
)
def test_a_bad_generator_state_is_one_line(
    rng: dict[str, Any], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "checkpoint.json"
    evolve(SETTINGS.model_copy(update={"generations": 1}), checkpoint=path, checkpoint_every=1)
    _resealed(path, lambda d: d["state"]["rng"].update(rng))
    assert message in _one_line_error(capsys, "evolve", "--out", str(tmp_path), "--resume")


def test_an_edited_run_is_refused_by_show_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _saved_run(tmp_path)
    path.write_text(path.read_text().replace('"seed": 0', '"seed": 1', 1))
    for command in ("show", "check"):
        err = _one_line_error(capsys, command, str(tmp_path))
        assert "run.json was edited or damaged after it was written" in err
