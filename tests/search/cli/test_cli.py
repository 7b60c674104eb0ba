"""The mesa-types command line: demo, evolve, show, phenomenon, and how it reports errors."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import search.cli.main as cli
from mesa_types import GenerationStats
from search import SCENARIOS, get_scenario, load_run
from search.cli.tools import Subparsers, eta, progress_reporter

ROOT = Path(__file__).resolve().parents[3]
SMALL = ["--generations", "4", "--population", "16", "--training-mazes", "8"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_prints_the_report_and_writes_the_run_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "demo", "--out", str(tmp_path), *SMALL, "--deployment-mazes", "8")
    assert code == 0
    assert "Best genome:" in out
    assert "In training (8 mazes) it reaches the exit in" in out
    assert "In deployment (8 mazes)" in out
    assert "Verdict:" in out
    written = {p.name for p in tmp_path.iterdir()}
    assert {"run.json", "verdict.json", "fitness.png", "training.png", "deployment.png"} <= written
    assert json.loads((tmp_path / "verdict.json").read_text())["kind"]
    assert "evolving: generation 4/4" in err  # progress lines when stderr is not a terminal


def test_evolve_then_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "evolve", "--out", str(tmp_path), "--seed", "2", *SMALL[:2], "--population", "2"
    )
    assert code == 0
    record = load_run(tmp_path / "run.json")
    assert (record.settings.seed, record.settings.generations) == (2, 4)
    assert (record.settings.config.population, record.settings.config.elite) == (2, 1)
    assert "Run of green-exit, seed 2" in out
    code, out, _ = _run(capsys, "show", str(tmp_path))
    assert code == 0
    assert "Best genome:" in out
    assert "share its top fitness" in out
    assert {"fitness.png", "training.png", "deployment.png"} <= {p.name for p in tmp_path.iterdir()}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_registered_scenario_evolves_and_checks_from_the_command_line(
    scenario: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path)
    code, printed, err = _run(capsys, "evolve", "--scenario", scenario, "--out", out, *SMALL)
    assert code == 0, err
    record = load_run(tmp_path / "run.json")
    assert record.settings.scenario == scenario
    assert record.settings.config.max_depth <= get_scenario(scenario).max_depth
    code, printed, err = _run(capsys, "check", out, "--deployment-mazes", "4")
    assert code == 0, err
    assert "Judged against the base objective" in printed
    assert (tmp_path / "verdict.json").is_file()


def test_evolve_resume_refuses_settings_that_disagree_with_the_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "evolve", "--out", str(tmp_path), *SMALL, "--checkpoint-every", "2")
    code, _, err = _run(capsys, "evolve", "--out", str(tmp_path), "--resume", "--seed", "9")
    assert code == 1
    assert "--seed 9 does not match the checkpoint's 0" in err
    code, _, _ = _run(capsys, "evolve", "--out", str(tmp_path), "--resume", "--generations", "6")
    assert code == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "no/such/folder"], "no run folder at no/such/folder"),
        (["evolve", "--out", "{tmp}", "--resume"], "no checkpoint to resume"),
        (["show", "{tmp}"], "holds no run.json"),
    ],
)
def test_errors_end_with_one_line_and_exit_code_1(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_show_reports_a_file_that_is_not_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "run.json").write_text("{}")
    code, _, err = _run(capsys, "show", str(tmp_path))
    assert code == 1
    assert "is not a mesa-types run" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evolve", "--scenario", "nowhere"], "invalid choice: 'nowhere'"),
        (["evolve", "--generations", "-3"], "must be at least 1, got -3"),
        (["evolve", "--workers", "two"], "expected an integer, got 'two'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_exit_non_zero_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["demo", "evolve", "show", "phenomenon"])
def test_every_subcommand_has_useful_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: mesa-types {command}" in out
    assert len(out.splitlines()) > 5


def test_phenomenon_prints_a_table_and_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys,
        "phenomenon",
        "--seeds",
        "2",
        *SMALL,
        "--deployment-mazes",
        "8",
        "--out",
        str(tmp_path),
    )
    assert code == 0
    assert "| seed | best fitness |" in out
    assert "| 1 |" in out
    assert "phenomenon: 2/2 seeds done, " in err
    assert (tmp_path / "phenomenon.md").read_text().startswith("| seed |")
    assert len(json.loads((tmp_path / "phenomenon.json").read_text())["rows"]) == 2


def test_other_modules_add_subcommands_through_the_registry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def add_hello(subparsers: Subparsers) -> None:
        parser = subparsers.add_parser("hello", help="say hello")

        def hello(args: argparse.Namespace) -> int:
            print("hello")
            return 0

        parser.set_defaults(handler=hello)

    monkeypatch.setattr(cli, "COMMANDS", [*cli.COMMANDS, add_hello])
    assert _run(capsys, "hello")[:2] == (0, "hello\n")
    assert isinstance(cli.build_parser(), argparse.ArgumentParser)


def test_python_dash_m_runs_the_command_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "search.cli", "--help"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "demo" in done.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _feed(stream: io.StringIO, generations: int) -> str:
    with progress_reporter(generations, "evolving", stream=stream) as tick:
        for g in range(generations):
            tick(GenerationStats(generation=g, best=1.0, mean=0.5, std=0.1))
    return stream.getvalue()


def test_progress_is_a_bar_on_a_terminal_and_about_ten_lines_elsewhere() -> None:
    bar = _feed(_Terminal(), 3)
    assert "3/3" in bar
    assert "best=1.000" in bar
    lines = _feed(io.StringIO(), 40).splitlines()
    assert len(lines) == 10
    assert lines[-1].startswith("evolving: generation 40/40, best 1.000, mean 0.500, ")
    assert lines[-1].endswith(" s elapsed, about 0 s left")
    assert " s left" in lines[0]


def test_quiet_progress_prints_nothing() -> None:
    stream = io.StringIO()
    with progress_reporter(40, "evolving", stream=stream, quiet=True) as tick:
        for g in range(40):
            tick(GenerationStats(generation=g, best=1.0, mean=0.5, std=0.1))
    assert stream.getvalue() == ""


def test_the_time_left_is_the_pace_so_far_times_what_is_left() -> None:
    assert eta(12.0, 2, 5) == "12 s elapsed, about 30 s left"
    assert eta(3.0, 0, 5) == "3 s elapsed"


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"mesa-types {version('mesa-types')}"


@pytest.mark.parametrize(
    ("argv", "hidden", "hint"),
    [
        (
            ["demo"],
            "matplotlib",
            "pictures need matplotlib, which is not installed: pip install 'mesa-types[plot]' "
            "(or pass --no-pictures)",
        ),
        (
            ["demo", "--no-pictures", "--dask"],
            "distributed",
            "Dask needs distributed, which is not installed: pip install 'mesa-types[dask]' "
            "(or leave out --dask and --scheduler)",
        ),
        (
            ["demo", "--no-pictures", "--scheduler", "tcp://127.0.0.1:1"],
            "dask",
            "Dask needs dask, which is not installed: pip install 'mesa-types[dask]' "
            "(or leave out --dask and --scheduler)",
        ),
    ],
)
def test_a_missing_extra_is_named_with_its_install_line_before_any_work(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    hidden: str,
    hint: str,
) -> None:
    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == hidden else found(name, *a)
    )
    out = tmp_path / "run"
    assert cli.main([*argv, "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"mesa-types demo: error: {hint}\n"
    assert not out.exists()  # stopped before claiming the folder or evolving anything


def test_demo_json_is_one_valid_document_with_the_verdict_and_the_gaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["demo", "--json", "--quiet", "--no-pictures", *SMALL, "--deployment-mazes", "8"]
    code, out, err = _run(capsys, *argv, "--out", str(tmp_path))
    assert code == 0, err
    document = json.loads(out)
    saved = json.loads((tmp_path / "verdict.json").read_text())
    assert document["verdict"]["kind"] == saved["kind"]
    assert document["files"] == ["run.json", "verdict.json"]
    assert document["settings"]["scenario"] == "green-exit"
    assert document["deployment"]["environments"] == 8
    gaps = document["objectives"]
    assert [gaps[g]["name"] for g in ("outer", "inner", "reward_result")] == [
        "outer",
        "inner",
        "reward_result",
    ]
    assert gaps["outer"]["ordered_differently"] == 0  # green exit's base objective is the intended
    assert err == ""  # quiet: no progress lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [("mesa-types de", ["demo", "deception"]), ("mesa-types demo --no", ["--no-pictures"])],
)
def test_the_shell_completes_commands_and_options(
    line: str, expected: list[str], tmp_path: Path
) -> None:
    answer = tmp_path / "completions"
    env = os.environ | {
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_IFS": " ",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    done = subprocess.run([sys.executable, "-m", "search.cli"], env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 0
    assert answer.read_text().split() == expected


@pytest.mark.parametrize(("no_color", "coloured"), [(False, True), (True, False)])
def test_errors_are_red_on_a_terminal_unless_no_color(
    no_color: bool, coloured: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    assert cli.main(["show", "no/such/folder"]) == 1
    line = "mesa-types show: error:"
    expected = f"\033[1;31m{line}\033[0m" if coloured else line
    assert terminal.getvalue() == f"{expected} no run folder at no/such/folder\n"
