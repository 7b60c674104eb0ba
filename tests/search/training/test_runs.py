"""Run records and checkpoints: JSON out, clear errors in, and resuming changes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mesa_types
from mesa_types import TIE_BREAK, GeneticConfig
from search import (
    Adversary,
    RunFormatError,
    RunRecord,
    RunSettings,
    evolve,
    evolve_adversarial,
    load_checkpoint,
    load_run,
    resume,
)
from search.training.files import content_digest
from search.training.loaders import load_adversarial_run
from search.training.runs import save_json

ROOT = Path(__file__).resolve().parents[3]

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=7,
    generations=6,
    training_environments=8,
    config=GeneticConfig(population=16),
)


@pytest.fixture(scope="module")
def record() -> RunRecord:
    return evolve(SETTINGS)


def test_a_run_records_what_determines_it_and_what_it_found(record: RunRecord) -> None:
    assert (record.format, record.format_version) == ("mesa-types/run", 1)
    assert record.library_version == mesa_types.__version__
    assert record.settings == SETTINGS
    assert record.scenario_settings["size"] == 15
    assert [h.generation for h in record.history] == list(range(6))
    assert record.best.fitness == max(h.best for h in record.history)
    assert record.best.tie_break == TIE_BREAK
    assert record.top_genomes
    assert sum(t.copies for t in record.top_genomes) == record.best.tied_in_final_population


def test_a_run_survives_json_exactly(record: RunRecord, tmp_path: Path) -> None:
    path = save_json(record, tmp_path / "run.json")
    assert load_run(path) == record


def test_the_same_settings_give_the_same_run(record: RunRecord) -> None:
    assert evolve(SETTINGS).result() == record.result()


def test_loading_a_file_that_is_not_json_says_so(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text("not json at all")
    with pytest.raises(RunFormatError, match="is not JSON"):
        load_run(path)


def test_loading_json_that_is_not_a_run_says_so(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"answer": 42}))
    with pytest.raises(RunFormatError, match="is not a mesa-types run: it has no 'format' field"):
        load_run(path)
    path.write_text(json.dumps([1, 2]))
    with pytest.raises(RunFormatError, match="is not a mesa-types run"):
        load_run(path)


def test_loading_a_run_of_another_format_version_says_so(record: RunRecord, tmp_path: Path) -> None:
    data = record.model_dump(mode="json")
    data["format_version"] = 2
    path = tmp_path / "run.json"
    path.write_text(json.dumps(data))
    with pytest.raises(
        RunFormatError, match="format_version 2; this library reads format_version 1"
    ):
        load_run(path)


def test_loading_a_damaged_run_names_the_field(record: RunRecord, tmp_path: Path) -> None:
    data = record.model_dump(mode="json")
    del data["best"]
    path = tmp_path / "run.json"
    # The digest recomputed, so that the check behind it, validation, is what refuses it.
    path.write_text(json.dumps(data | {"digest": content_digest(data)}))
    with pytest.raises(RunFormatError, match=r"damaged run: best: Field required"):
        load_run(path)


def test_a_checkpoint_is_not_a_run_and_a_run_not_a_checkpoint(
    record: RunRecord, tmp_path: Path
) -> None:
    path = save_json(record, tmp_path / "run.json")
    with pytest.raises(
        RunFormatError, match=r"not a mesa-types checkpoint: its format is 'mesa-types/run'"
    ):
        load_checkpoint(path)


def test_resuming_from_a_checkpoint_ends_as_the_uninterrupted_run(
    record: RunRecord, tmp_path: Path
) -> None:
    checkpoint = tmp_path / "checkpoint.json"
    partial = SETTINGS.model_copy(update={"generations": 4})
    evolve(partial, checkpoint=checkpoint, checkpoint_every=2)
    saved = load_checkpoint(checkpoint)
    assert saved.state.generation == 4
    # Continue the same run for the full 6 generations.
    resumed = resume(saved.model_copy(update={"settings": SETTINGS}))
    assert resumed.result() == record.result()
    assert resumed.timing.resumed_from_generation == 4


def test_evolve_rejects_an_unknown_scenario_and_too_deep_a_config() -> None:
    with pytest.raises(KeyError, match="unknown scenario 'nowhere'"):
        evolve(SETTINGS.model_copy(update={"scenario": "nowhere"}))
    deep = SETTINGS.model_copy(update={"config": GeneticConfig(population=4, max_depth=500)})
    with pytest.raises(ValueError, match="allows depths up to 64"):
        evolve(deep)


def _checkpoint_generation(path: Path) -> int:
    try:
        return int(json.loads(path.read_text())["state"]["generation"])
    except (OSError, ValueError, KeyError):
        return -1


def _kill_after_a_checkpoint(command: list[str], checkpoint: Path, env: dict[str, str]) -> int:
    """Start ``command``, SIGKILL it once its checkpoint is past generation 2; the generation."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while _checkpoint_generation(checkpoint) < 2 and process.poll() is None:
            assert time.monotonic() < deadline, "no checkpoint appeared"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    return load_checkpoint(checkpoint).state.generation


def test_a_killed_process_resumes_to_the_uninterrupted_result(tmp_path: Path) -> None:
    run = ["--generations", "2000", "--population", "16", "--training-mazes", "8", "--seed", "3"]
    command = [sys.executable, "-m", "search.cli", "evolve", "--out", str(tmp_path), *run]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    checkpoint = tmp_path / "checkpoint.json"
    killed_at = _kill_after_a_checkpoint([*command, "--checkpoint-every", "1"], checkpoint, env)
    assert not (tmp_path / "run.json").exists()
    assert 2 <= killed_at < 2000

    subprocess.run([*command, "--resume"], env=env, check=True, capture_output=True)
    resumed = load_run(tmp_path / "run.json")
    settings = SETTINGS.model_copy(
        update={"seed": 3, "generations": 2000, "config": GeneticConfig(population=16)}
    )
    assert resumed.result() == evolve(settings).result()
    assert resumed.timing.resumed_from_generation == killed_at


def test_a_killed_adversarial_run_resumes_to_the_uninterrupted_result(tmp_path: Path) -> None:
    run = ["--generations", "300", "--population", "16", "--training-mazes", "8", "--seed", "3"]
    adversary = ["--adversarial", "--draws", "4", "--keep", "1"]
    command = [sys.executable, "-m", "search.cli", "evolve", "--out", str(tmp_path), *run]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    checkpoint = tmp_path / "checkpoint.json"
    every = [*command, *adversary, "--checkpoint-every", "2"]
    killed_at = _kill_after_a_checkpoint(every, checkpoint, env)
    assert 2 <= killed_at < 300 and not (tmp_path / "adversarial.json").exists()

    subprocess.run([*command, "--resume"], env=env, check=True, capture_output=True)
    resumed = load_adversarial_run(tmp_path / "adversarial.json")
    settings = SETTINGS.model_copy(
        update={"seed": 3, "generations": 300, "config": GeneticConfig(population=16)}
    )
    whole = evolve_adversarial(settings, Adversary(draws=4, keep=1))
    assert resumed.record.result() == whole.record.result()
    assert (resumed.added, resumed.added_after) == (whole.added, whole.added_after)
    assert resumed.added, "the adversary added mazes"
    assert resumed.record.timing.resumed_from_generation == killed_at
