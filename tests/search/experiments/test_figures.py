"""The many-seed commands draw their report beside the table, in the format the suffix names."""

from __future__ import annotations

from pathlib import Path

import pytest

import search.cli.main as cli
from search import Adversary, Comparison
from search.experiments.adversarial import ComparisonRow
from search.experiments.figures import save_comparison_png, save_report_png

SMALL = ["--generations", "3", "--population", "8", "--training-mazes", "4"]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("command", ["phenomenon", "classify"])
def test_a_many_seed_command_with_out_draws_its_report(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command, "--seeds", "2", *SMALL, "--deployment-mazes", "4", "--quiet"]
    assert cli.main([*argv, "--out", str(tmp_path / "drawn")]) == 0
    stem = "phenomenon" if command == "phenomenon" else "classification"
    assert (tmp_path / "drawn" / f"{stem}.png").read_bytes().startswith(PNG)
    assert cli.main([*argv, "--out", str(tmp_path / "plain"), "--no-pictures"]) == 0
    assert not (tmp_path / "plain" / f"{stem}.png").exists()
    capsys.readouterr()


def _comparison() -> Comparison:
    rows = [
        ComparisonRow(seed=s, adversarial=a, genome="g", fitness=1.0, verdict="pseudo_aligned",
                      proved=a and s == 1, added_mazes=4 * a, deployment_exit=0.5 + 0.5 * a)
        for s in (0, 1) for a in (False, True)
    ]  # fmt: skip
    return Comparison(generations=3, population=8, training_environments=4,
                      checker_environments=4, adversary=Adversary(), rows=tuple(rows))  # fmt: skip


@pytest.mark.parametrize(
    ("suffix", "header"), [(".png", PNG), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_the_adversarial_comparison_is_drawn_in_any_format(
    suffix: str, header: bytes, tmp_path: Path
) -> None:
    out = save_comparison_png(_comparison(), tmp_path / f"adversarial{suffix}")
    assert out.read_bytes().startswith(header)


def test_a_report_without_a_figure_draws_nothing(tmp_path: Path) -> None:
    assert save_report_png(object(), tmp_path / "x.png") is None
    assert not (tmp_path / "x.png").exists()
