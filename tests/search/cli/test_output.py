"""Output folders: locked while a run writes, checked before computing, never clobbered unasked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import search.cli.commands as commands
import search.cli.main as cli
from mesa_types import GeneticConfig
from search import RunSettings, evolve, load_checkpoint, load_run
from search.experiments.phenomenon import PhenomenonReport, PhenomenonRow
from search.training.files import save_json
from search.training.folders import LOCK_NAME, FolderInUse, locked_folder

SMALL = ["--generations", "3", "--population", "8", "--training-mazes", "4"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _evolve(capsys: pytest.CaptureFixture[str], out: Path, *more: str) -> tuple[int, str, str]:
    return _run(capsys, "evolve", "--out", str(out), *SMALL, *more)


def test_a_second_run_into_a_locked_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with locked_folder(tmp_path):
        code, _, err = _evolve(capsys, tmp_path)
    assert code == 1
    assert f"is in use by another mesa-types run (process {os.getpid()})" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run.json").exists()


def test_the_lock_is_released_at_exit_and_a_stale_one_is_taken_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / LOCK_NAME).write_text("999999999\n")  # left by a process that died
    assert _evolve(capsys, tmp_path)[0] == 0
    assert not (tmp_path / LOCK_NAME).exists()
    with locked_folder(tmp_path), pytest.raises(FolderInUse), locked_folder(tmp_path):
        pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_leftover_temporary_files_are_removed_by_the_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".run.json.4242.tmp").write_text("half a run")  # a write killed long ago
    assert _evolve(capsys, tmp_path)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.json"]


def test_a_folder_holding_another_run_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evolve(capsys, tmp_path, "--seed", "1")[0] == 0
    assert _run(capsys, "check", str(tmp_path), "--deployment-mazes", "4")[0] == 0
    before = (tmp_path / "run.json").read_text()
    code, _, err = _evolve(capsys, tmp_path, "--seed", "2")
    assert code == 1
    assert "holds a run of other settings (green-exit, seed 1, 3 generations" in err
    assert "use --force to replace it" in err
    assert (tmp_path / "run.json").read_text() == before
    assert _evolve(capsys, tmp_path, "--seed", "1")[0] == 0  # the same run again: fine
    assert _evolve(capsys, tmp_path, "--seed", "2", "--force")[0] == 0
    assert load_run(tmp_path / "run.json").settings.seed == 2
    # The old run's verdict is gone with it: a folder never describes two runs.
    assert not (tmp_path / "verdict.json").exists()


def test_a_fresh_run_over_an_unfinished_checkpoint_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = RunSettings(
        scenario="green-exit",
        seed=0,
        generations=3,
        training_environments=4,
        config=GeneticConfig(population=8, tournament=3, elite=2),
    )
    _unfinished_checkpoint(settings, tmp_path)
    code, _, err = _evolve(capsys, tmp_path)
    assert code == 1
    assert "unfinished at generation 1 of 3: continue it with --resume" in err


def _unfinished_checkpoint(settings: RunSettings, folder: Path) -> Path:
    """A checkpoint of ``settings`` after 1 generation, as a run killed then would leave."""
    path = folder / "checkpoint.json"
    evolve(settings.model_copy(update={"generations": 1}), checkpoint=path, checkpoint_every=1)
    saved = load_checkpoint(path)
    return save_json(saved.model_copy(update={"settings": settings}), path)


def test_resume_never_replaces_a_newer_run_with_an_older_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evolve(capsys, tmp_path, "--seed", "2")[0] == 0
    newer = (tmp_path / "run.json").read_text()
    older = RunSettings(
        scenario="green-exit",
        seed=1,
        generations=3,
        training_environments=4,
        config=GeneticConfig(population=8),
    )
    _unfinished_checkpoint(older, tmp_path)  # a leftover of an earlier run
    code, _, err = _run(capsys, "evolve", "--out", str(tmp_path), "--resume")
    assert code == 1
    assert "run.json is another run than" in err and "resuming would replace it" in err
    assert (tmp_path / "run.json").read_text() == newer


def test_resume_without_an_interval_keeps_checkpointing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evolve(capsys, tmp_path, "--generations", "1", "--checkpoint-every", "1")[0] == 0
    saved = load_checkpoint(tmp_path / "checkpoint.json")
    longer = saved.settings.model_copy(update={"generations": 3})
    save_json(saved.model_copy(update={"settings": longer}), tmp_path / "checkpoint.json")
    (tmp_path / "run.json").unlink()
    assert _run(capsys, "evolve", "--out", str(tmp_path), "--resume")[0] == 0
    assert load_checkpoint(tmp_path / "checkpoint.json").state.generation == 3


def test_an_unwritable_out_fails_at_once_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed before checking --out")

    monkeypatch.setattr(commands, "run_demo", never)
    (tmp_path / "file").write_text("")
    code, _, err = _run(capsys, "demo", "--out", str(tmp_path / "file" / "run"), *SMALL)
    assert code == 1
    assert "cannot write to --out" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run(capsys, "demo", "--out", str(tmp_path / "file"), *SMALL)
    assert "it is a file, not a folder" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_out_fails_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tmp_path.chmod(0o500)
    try:
        code, _, err = _evolve(capsys, tmp_path)
    finally:
        tmp_path.chmod(0o700)
    assert code == 1 and "cannot write to --out" in err and "Permission denied" in err


def _row(seed: int) -> PhenomenonRow:
    return PhenomenonRow(
        seed=seed,
        best_fitness=1.0,
        best_genome="{kind:exit: +1} depth 30",
        training_exit=1.0,
        deployment_exit=1.0,
        deployment_green_apple=0.0,
        deployment_nothing=0.0,
        top_genomes=3,
        top_green_share=0.0,
    )


def test_ctrl_c_keeps_the_finished_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def two_then_ctrl_c(seeds: range, **kwargs: object) -> PhenomenonReport:
        on_partial = kwargs["on_partial"]
        assert callable(on_partial)
        for done in (1, 2):
            on_partial(
                PhenomenonReport(
                    generations=3,
                    population=8,
                    training_environments=4,
                    deployment_environments=4,
                    tie_break="t",
                    rows=tuple(_row(s) for s in seeds[:done]),
                )
            )
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "phenomenon", two_then_ctrl_c)
    argv = ["phenomenon", "--seeds", "5", *SMALL[:2], "--out", str(tmp_path)]
    code, out, err = _run(capsys, *argv)
    assert code == 130
    assert "| 1 | 1.000 |" in out and "2 seeds;" in out  # the partial table, printed
    assert "interrupted: the 2 finished of 5 seeds are printed above and saved in" in err
    saved = json.loads((tmp_path / "phenomenon.partial.json").read_text())
    assert [r["seed"] for r in saved["rows"]] == [0, 1]
    assert (tmp_path / "phenomenon.partial.md").read_text().startswith("| seed |")
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_report_of_other_settings_is_not_overwritten_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["phenomenon", "--seeds", "1", *SMALL, "--deployment-mazes", "4", "--out", str(tmp_path)]
    assert _run(capsys, *argv)[0] == 0
    assert not (tmp_path / "phenomenon.partial.json").exists()  # replaced by the whole report
    code, _, err = _run(capsys, *[a if a != "4" else "5" for a in argv])
    assert code == 1 and "phenomenon.json is a report of other settings or seeds" in err
    assert _run(capsys, *argv)[0] == 0  # the same again: fine
    assert _run(capsys, *[a if a != "4" else "5" for a in argv], "--force")[0] == 0


def test_a_real_ctrl_c_in_a_many_seed_command_keeps_what_finished(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[3]
    # SIGINT is ignored by processes started in the background by some shells: restore it.
    code = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "from search.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    argv = ["classify", "--seeds", "200", *SMALL, "--deployment-mazes", "4", "--out", str(tmp_path)]
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 120
        while not (tmp_path / "classification.partial.json").exists():
            assert time.monotonic() < deadline and process.poll() is None, "no seed finished"
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted: the " in err and "finished of 200 seeds" in err
    rows = json.loads((tmp_path / "classification.partial.json").read_text())["rows"]
    assert rows and f"| {rows[-1]['seed']} |" in out


def test_a_run_written_before_digests_is_rewritten_when_the_settings_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evolve(capsys, tmp_path)[0] == 0
    data = json.loads((tmp_path / "run.json").read_text())
    del data["digest"]  # as the library wrote it before files carried one
    (tmp_path / "run.json").write_text(json.dumps(data))
    assert _run(capsys, "show", str(tmp_path), "--no-pictures")[0] == 1  # not trusted as a run
    assert _evolve(capsys, tmp_path)[0] == 0  # but the same run may be written over it
    assert "digest" in json.loads((tmp_path / "run.json").read_text())
    code, _, err = _evolve(capsys, tmp_path, "--seed", "4")
    assert code == 1 and "holds a run of other settings" in err
