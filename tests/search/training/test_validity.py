"""Runs and checkpoints are validated as a whole: what a recomputed digest cannot smuggle in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mesa_types import GeneticConfig
from search import RunFormatError, RunRecord, RunSettings, evolve, load_checkpoint, load_run, resume
from search.training.files import content_digest, save_json
from search.training.validity import MAX_POPULATION, check_generator_state

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=5,
    generations=4,
    training_environments=4,
    config=GeneticConfig(population=8),
)

Edit = Callable[[dict[str, Any]], object]


@pytest.fixture(scope="module")
def record() -> RunRecord:
    return evolve(SETTINGS)


def _resealed(path: Path, edit: Edit) -> Path:
    """``path`` edited, with its digest recomputed: only validation can catch it now."""
    data = json.loads(path.read_text())
    edit(data)
    data["digest"] = content_digest({k: v for k, v in data.items() if k != "digest"})
    path.write_text(json.dumps(data))
    return path


def _set(*path: Any) -> Edit:
    """An edit setting the field at ``path[:-1]`` to ``path[-1]``."""
    keys, value = path[:-1], path[-1]

    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set("best", "fitness", 99), "best.fitness must be the best fitness of its generation"),
        (_set("history", 0, "best", 99), r"history.0.best must be a fitness in \[0, 1\], got 99"),
        (_set("history", []), "history must hold 4 generations, got 0"),
        (_set("history", 1, "generation", -5), "history.1.generation must be 1, got -5"),
        (_set("best", "genome", "depth", 10**30), r"best.genome.depth must be in \[1, 64\]"),
        (_set("settings", "config", "max_depth", 10**6), "config.max_depth must be at most 64"),
        (_set("settings", "config", "population", 10**9), "config.population must be in"),
        (_set("best", "index", 8), r"at index \[0, 7\]"),
        (_set("top_genomes", []), "top_genomes: Tuple should have at least 1 item"),
        (_set("best", "tie_break", "whatever"), "tie_break must be the rule of"),
        (_set("timing", "wall_seconds", -1.0), "wall_seconds must be a finite number of seconds"),
        (_set("timing", "started", "yesterday"), "started must be an ISO 8601 date and time"),
        (_set("settings", "generations", 10**9), "settings.generations: Input should be less"),
    ],
)
def test_a_resealed_run_that_cannot_be_is_refused_naming_the_field(
    record: RunRecord, tmp_path: Path, edit: Edit, message: str
) -> None:
    path = _resealed(save_json(record, tmp_path / "run.json"), edit)
    with pytest.raises(RunFormatError, match=message) as refused:
        load_run(path)
    assert "damaged run" in str(refused.value) and str(path) in str(refused.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set("state", "generation", -5), "state.generation must be 2, one per history entry"),
        (_set("history", 0, "generation", -5), "history.0.generation must be 0, got -5"),
        (_set("state", "incumbent", "fitness", 1e308), "state.incumbent.fitness must be the best"),
        (_set("state", "incumbent", None), "state.incumbent must be a genome of generation"),
        (_set("state", "evaluated_fitness", 0, 99.0), "evaluated_fitness.0 must be a fitness in"),
        (_set("state", "depths", 0, 2**70), r"state.depths.0 must be in \[1, 64\]"),
        (_set("state", "weights", []), "state must hold 8 genomes"),
        (_set("state", "rng", "state", "state", 2**200), r"state.rng.state.state must be an int"),
        (_set("state", "rng", "state", "state", 1.5), "state.rng.state.state must be an integer"),
        (_set("state", "rng", "state", "x"), "state.rng.state must hold the fields"),
        (_set("state", "rng", "bit_generator", "MT19937"), "state.rng must be a PCG64 state"),
        (_set("state", "rng", "uinteger", -3), r"state.rng.uinteger must be an integer in \[0, "),
        (_set("checkpoint_every", 0), "checkpoint_every: Input should be greater"),
        (_set("wall_seconds", -2.0), "wall_seconds must be a finite number"),
    ],
)
def test_a_resealed_checkpoint_that_cannot_be_is_refused_naming_the_field(
    tmp_path: Path, edit: Edit, message: str
) -> None:
    path = tmp_path / "checkpoint.json"
    evolve(SETTINGS.model_copy(update={"generations": 2}), checkpoint=path, checkpoint_every=1)
    _resealed(path, edit)
    with pytest.raises(RunFormatError, match=message) as refused:
        load_checkpoint(path)
    assert "damaged checkpoint" in str(refused.value)


def test_a_nan_incumbent_cannot_be_resumed(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    evolve(SETTINGS.model_copy(update={"generations": 2}), checkpoint=path, checkpoint_every=1)
    path.write_text(path.read_text().replace('"fitness": ', '"fitness": NaN, "x": ', 1))
    with pytest.raises(RunFormatError, match="NaN is not a number JSON allows"):
        load_checkpoint(path)


def test_a_generator_state_numpy_writes_passes() -> None:
    import numpy as np

    state = dict(np.random.default_rng(3).bit_generator.state)
    check_generator_state(state)
    with pytest.raises(ValueError, match="inc must be odd"):
        check_generator_state({**state, "state": {**state["state"], "inc": 2}})


def test_a_resumed_run_keeps_checkpointing_at_the_saved_interval(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    evolve(SETTINGS.model_copy(update={"generations": 2}), checkpoint=path, checkpoint_every=2)
    saved = load_checkpoint(path)
    assert saved.checkpoint_every == 2
    resume(saved.model_copy(update={"settings": SETTINGS}), checkpoint=path)  # no interval given
    again = load_checkpoint(path)
    assert again.state.generation == 4 and again.checkpoint_every == 2


def test_settings_are_bounded_naming_the_field() -> None:
    huge = SETTINGS.model_dump()
    huge["config"]["population"] = 10**9
    with pytest.raises(ValueError, match=f"config.population must be in \\[2, {MAX_POPULATION}\\]"):
        RunSettings.model_validate(huge)
    with pytest.raises(ValueError, match="training_environments"):
        RunSettings.model_validate(SETTINGS.model_dump() | {"training_environments": 10**6})
