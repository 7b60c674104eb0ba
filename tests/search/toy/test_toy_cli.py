"""``mesa-types deception``: unchanged by default; the paper's letters, the model, 0.61, mazes."""

from __future__ import annotations

from pathlib import Path

import pytest

import search.cli.main as cli
from search.toy import TrainingSchedule, toy_report


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["deception", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_by_default_it_prints_the_toy_report_and_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "--table", "2")
    assert code == 0
    assert out == toy_report(TrainingSchedule(training=2, deployment=3), 2) + "\n"


def test_in_the_papers_letters_it_goes_a_a_b_b_b(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--labels", "paper", "--table", "1")
    assert "Planning over the whole schedule: A A B B B, 3 visits to B" in out


def test_model_options_add_what_the_model_implies(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--table", "0", "--modification", "0.9")
    assert "q = 9/10, gamma = 1" in out
    assert "p = 50/81 = 0.6173" in out and "(closed form 50/81)" in out


def test_solve_lists_the_settings_that_give_061(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--table", "0", "--solve")
    assert "modification = 500/549 = 0.9107 (exact)" in out
    assert "discount ≈ 0.9348" in out
    assert "| 2 | 3 | 500/549 | 1 | 1 | 1 | 61/100 | 0.6100 |" in out


def test_mazes_replay_the_toys_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--table", "0", "--mazes", "--labels", "paper")
    assert "knowing the episode: A A B B B; expected 3 (the model: 3)" in out
    assert "within the episode: B A A A A, replaced after 1; expected 1 (the model: 1)" in out
    assert "unable to tell, p = 5/9: expected 275/243 (the model: 275/243)" in out


def test_a_parameter_out_of_range_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--discount", "2")
    assert code == 1
    assert "discount must be in (0, 1], got 2" in err
    with pytest.raises(SystemExit):
        _run(capsys, "--modification", "often")


def test_the_docs_show_what_the_mazes_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    page = (Path(__file__).resolve().parents[3] / "docs" / "deception.md").read_text()
    command = "mesa-types deception --labels paper --table 0 --modification 500/549 --mazes"
    shown = page.split(command, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    _, out, _ = _run(capsys, *command.split()[2:])
    assert out.endswith(shown)
