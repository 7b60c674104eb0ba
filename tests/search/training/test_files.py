"""Result files that can be trusted: digests, bounded reading, finite numbers, exclusive writes."""

from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mesa_types import GenerationStats, GeneticConfig
from search import RunFormatError, RunRecord, RunSettings, evolve, load_checkpoint, load_run
from search.training import files
from search.training.files import content_digest, save_json, write_text
from search.training.loaders import load_verdict

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=5,
    generations=3,
    training_environments=4,
    config=GeneticConfig(population=8),
)


@pytest.fixture(scope="module")
def record() -> RunRecord:
    return evolve(SETTINGS)


def _edit(path: Path, change: Callable[[dict[str, Any]], None], *, reseal: bool) -> None:
    data = json.loads(path.read_text())
    change(data)
    if reseal:
        data["digest"] = content_digest(data)
    path.write_text(json.dumps(data))


def test_every_saved_run_carries_a_digest_of_its_content(record: RunRecord, tmp_path: Path) -> None:
    data = json.loads(save_json(record, tmp_path / "run.json").read_text())
    assert data["digest"] == content_digest(data)
    assert data["digest"].startswith("sha256:")
    del data["digest"]
    assert data == record.model_dump(mode="json")  # the content is the record, unchanged


def test_a_hand_edited_run_is_refused_naming_the_file(record: RunRecord, tmp_path: Path) -> None:
    path = save_json(record, tmp_path / "run.json")

    def ninety_nine(data: dict[str, Any]) -> None:
        data["best"]["fitness"] = 99

    _edit(path, ninety_nine, reseal=False)
    with pytest.raises(RunFormatError, match=r"run\.json was edited or damaged after it was"):
        load_run(path)


def test_a_file_without_a_digest_is_refused_unless_asked(record: RunRecord, tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text(record.model_dump_json())  # as the library wrote runs before digests
    with pytest.raises(RunFormatError, match="has no 'digest' field, so it cannot be checked"):
        load_run(path)
    assert load_run(path, require_digest=False) == record


def test_a_checkpoint_edited_by_one_character_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    evolve(SETTINGS, checkpoint=path, checkpoint_every=1)
    path.write_text(path.read_text().replace('"generation": 3', '"generation": -5', 1))
    with pytest.raises(RunFormatError, match=r"checkpoint\.json was edited or damaged"):
        load_checkpoint(path)


def test_a_verdict_file_carries_a_digest_and_an_edit_is_refused(tmp_path: Path) -> None:
    from search import AgentChecker, TreeSearchAgent, get_scenario

    scenario = get_scenario("green-exit")
    genome = evolve(SETTINGS).best.genome
    verdict = AgentChecker(scenario, training_environments=4).check(TreeSearchAgent(genome))
    path = save_json(verdict, tmp_path / "verdict.json")
    assert load_verdict(path) == verdict

    def proved(data: dict[str, Any]) -> None:
        data["kind"] = "robustly_aligned"

    _edit(path, proved, reseal=False)
    with pytest.raises(RunFormatError, match=r"verdict\.json was edited or damaged"):
        load_verdict(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"best": NaN}', "NaN is not a number JSON allows"),
        ('{"best": -Infinity}', "-Infinity is not a number JSON allows"),
        ('{"best": 1e999}', "the number 1e999 is too large for a float"),
        ("[" * 100_000 + "]" * 100_000, "nests JSON deeper than 64 levels"),
        ('{"a":' * 70 + "1" + "}" * 70, "nests JSON deeper than 64 levels"),
        ('"just a string"', "it holds a single value, not an object"),
        ('["a", "b"]', "it holds an array, not an object"),
        ('{"name": "\\ud800"}', "text that is not valid Unicode"),
    ],
)
def test_unreadable_json_gets_one_line_naming_the_file(
    text: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "run.json"
    path.write_text(text)
    with pytest.raises(RunFormatError, match=message) as refused:
        load_run(path)
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


def test_a_binary_file_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(RunFormatError, match=r"checkpoint\.json is not a text file \(not UTF-8"):
        load_checkpoint(path)


def test_a_file_too_large_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    path = tmp_path / "run.json"
    path.write_text('{"format": "mesa-types/run"}')
    with pytest.raises(RunFormatError, match="is larger than"):
        load_run(path)


def test_nan_and_infinity_are_never_written_as_null(tmp_path: Path) -> None:
    stats = GenerationStats.model_construct(generation=0, best=math.nan, mean=0.0, std=0.0)
    with pytest.raises(ValueError, match="best: must be a finite number, not NaN or infinite"):
        save_json(stats, tmp_path / "stats.json")
    assert not list(tmp_path.iterdir())


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_text("old", tmp_path / "file.json")

    def crash(source: str, target: str) -> None:
        raise OSError("killed mid-write")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="killed"):
        write_text("new", path)
    assert path.read_text() == "old"
    assert _names(tmp_path) == {"file.json"}


def test_the_temporary_file_is_never_opened_through_a_planted_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "out"
    folder.mkdir()
    names: Iterator[str] = iter(["0" * 16, "1" * 16])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    (folder / f".run.json.{'0' * 16}.tmp").symlink_to(outside)  # planted at the first name
    write_text("the run", folder / "run.json")
    assert outside.read_text() == "precious"
    assert (folder / "run.json").read_text() == "the run"


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "run.json").symlink_to(outside)
    write_text("the run", folder / "run.json")
    assert outside.read_text() == "precious"
    assert not (folder / "run.json").is_symlink()


def test_temporary_names_are_unpredictable(tmp_path: Path) -> None:
    names = {files.temporary_name(tmp_path / "run.json").name for _ in range(20)}
    assert len(names) == 20
    assert all(n.startswith(".run.json.") and n.endswith(".tmp") for n in names)
