"""Every loader fuzzed: only the library's own validation errors come out, nothing invalid gets in.

Valid files (a run, a checkpoint, an adversarial run, a verdict) and valid
grids are mutated at random: a value replaced, tweaked, removed or buried in
deep nesting, sometimes with the digest recomputed so that validation, not the
digest, must catch it; and the bytes of files damaged. A loader may refuse
with :class:`~search.RunFormatError` (or, for grids, pydantic's
``ValidationError``) and nothing else. What it accepts must be usable (the run
summarised, the checkpoint restored, the grid compiled) and must save to a
file that loads back equal. The budget is fixed and the examples derandomized,
so the suite takes the same few seconds every time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mesa_types import GeneticConfig, GeneticOptimizer, describe
from search import (
    AgentChecker,
    GridWorld,
    RunFormatError,
    RunSettings,
    TreeSearchAgent,
    evolve,
    evolve_adversarial,
    get_scenario,
    load_checkpoint,
    load_run,
)
from search.batched.population import compile_mazes
from search.training.files import content_digest, save_json
from search.training.loaders import load_adversarial_run, load_verdict

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=3,
    generations=3,
    training_environments=4,
    config=GeneticConfig(population=4),
)
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Json = Any


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def originals(folder: Path) -> dict[str, Json]:
    """One valid file of every kind, as parsed JSON."""
    scenario = get_scenario("green-exit")
    record = evolve(SETTINGS, checkpoint=folder / "checkpoint.json", checkpoint_every=1)
    adversarial = evolve_adversarial(SETTINGS)
    checker = AgentChecker(scenario, training_environments=4)
    verdict = checker.check(TreeSearchAgent(record.best.genome))
    models: dict[str, BaseModel] = {"run": record, "adversarial": adversarial, "verdict": verdict}
    for name, model in models.items():
        save_json(model, folder / f"{name}.json")
    return {
        name: json.loads((folder / f"{name}.json").read_text())
        for name in ("run", "checkpoint", "adversarial", "verdict")
    }


# --- what a mutation does -------------------------------------------------------------------

_EDGES: list[Json] = [
    0, -1, 1, 2, 2**31, 2**63, 2**64, 2**128, -(2**63), 10**30, 0.5, -0.0, 1e308, -1e308,
    5e-324, True, False, None, "", "x", "kind:exit", "PCG64", "#", ".", "mesa-types/run",
    "mesa-types/checkpoint", "robustly_aligned", [], {}, [[]], "\u00e9\U0001f600",
]  # fmt: skip
_SCALARS = st.one_of(
    st.sampled_from(_EDGES),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Json, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield from _paths(child, (*prefix, key))


def _tweak(value: Json, change: Json) -> Json:
    """Close to the old value, so that plausible edits are tried as well as wild ones."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return change
    if isinstance(change, int | float) and not isinstance(change, bool):
        return value + change
    return -value


_ACTIONS = ["replace"] * 4 + ["tweak"] * 4 + ["remove"] * 2 + ["bury"]
"""What a mutation does to the value it picks, ``bury`` (200 levels of nesting) least often."""


@st.composite
def _mutated(draw: st.DrawFn, original: Json) -> Json:
    data = json.loads(json.dumps(original))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p and p[-1] != "digest"]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        key, action = path[-1], draw(st.sampled_from(_ACTIONS))
        if action == "remove":
            del parent[key]
        elif action == "bury":
            parent[key] = json.loads("[" * 200 + json.dumps(parent[key]) + "]" * 200)
        elif action == "tweak":
            parent[key] = _tweak(parent[key], draw(_VALUES))
        else:
            parent[key] = draw(_VALUES)
    if draw(st.booleans()):  # resealed: only validation stands in the way
        data.pop("digest", None)
        data["digest"] = content_digest(data)
    return data


def _write(path: Path, data: Json) -> None:
    path.write_text(json.dumps(data))


def _round_trip(model: BaseModel, path: Path, load: Callable[[Path], BaseModel]) -> None:
    """What was accepted saves to a file that loads back equal."""
    save_json(model, path)
    assert load(path) == model


# --- the loaders ----------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzzed_runs_are_refused_cleanly_or_usable(
    data: st.DataObject, folder: Path, originals: dict[str, Json]
) -> None:
    path = folder / "fuzzed-run.json"
    _write(path, data.draw(_mutated(originals["run"])))
    try:
        record = load_run(path)
    except RunFormatError:
        return
    record.describe()
    _round_trip(record, folder / "again-run.json", load_run)


@FUZZ
@given(data=st.data())
def test_fuzzed_checkpoints_are_refused_cleanly_or_resumable(
    data: st.DataObject, folder: Path, originals: dict[str, Json]
) -> None:
    path = folder / "fuzzed-checkpoint.json"
    _write(path, data.draw(_mutated(originals["checkpoint"])))
    try:
        saved = load_checkpoint(path)
    except RunFormatError:
        return
    scenario = get_scenario(saved.settings.scenario)
    ga = GeneticOptimizer.restore(
        saved.state, saved.settings.config, scenario.vocabulary, scenario.base
    )
    ga.ask()
    _round_trip(saved, folder / "again-checkpoint.json", load_checkpoint)


@FUZZ
@given(data=st.data())
def test_fuzzed_adversarial_runs_are_refused_cleanly_or_usable(
    data: st.DataObject, folder: Path, originals: dict[str, Json]
) -> None:
    path = folder / "fuzzed-adversarial.json"
    _write(path, data.draw(_mutated(originals["adversarial"])))
    try:
        run = load_adversarial_run(path)
    except RunFormatError:
        return
    run.record.describe()
    compile_mazes(run.added, get_scenario("green-exit").vocabulary)
    _round_trip(run, folder / "again-adversarial.json", load_adversarial_run)


@FUZZ
@given(data=st.data())
def test_fuzzed_verdicts_are_refused_cleanly_or_usable(
    data: st.DataObject, folder: Path, originals: dict[str, Json]
) -> None:
    path = folder / "fuzzed-verdict.json"
    _write(path, data.draw(_mutated(originals["verdict"])))
    try:
        verdict = load_verdict(path)
    except RunFormatError:
        return
    describe(verdict)
    save_json(verdict, folder / "again-verdict.json")
    assert load_verdict(folder / "again-verdict.json") == verdict


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["run", "checkpoint", "verdict"]))
def test_damaged_bytes_are_refused_cleanly(
    data: st.DataObject, kind: str, folder: Path, originals: dict[str, Json]
) -> None:
    raw = json.dumps(originals[kind]).encode()
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, min(len(raw), start + 40)))
    junk = data.draw(st.binary(max_size=12) | st.sampled_from([b"NaN", b"1e999", b"[[[[", b"\xff"]))
    path = folder / f"damaged-{kind}.json"
    damaged = raw[:start] + junk + raw[end:]
    path.write_bytes(damaged)
    load = {"run": load_run, "checkpoint": load_checkpoint, "verdict": load_verdict}[kind]
    try:
        load(path)
    except RunFormatError:
        return
    # Loaded: then the damage changed no content (spacing, say), or the digest would differ.
    assert json.loads(damaged) == originals[kind]


# --- grids ----------------------------------------------------------------------------------

_TILES = st.text(alphabet="#.", min_size=1, max_size=9) | st.sampled_from(["", "x", "#.#", "..."])
_CELL = st.tuples(st.integers(-2, 10), st.integers(-2, 10)) | st.sampled_from([(10**20, 1)])
_THING = st.fixed_dictionaries(
    {
        "position": _CELL,
        "kind": st.sampled_from(["exit", "exit", "apple", "door", "key", "", "kind:exit"]),
        "color": st.sampled_from(["green", "red", "grey", "blue", ""]),
    },
    optional={"extra": st.lists(st.sampled_from(["shiny", "", "kind:exit", "color:red", "wet"]))},
)


@st.composite
def _grids(draw: st.DrawFn) -> Json:
    """Grid specs, mostly well formed (objects on floor tiles) so that validation is tested."""
    height = draw(st.integers(3, 9))
    width = draw(st.integers(3, 9))
    rows = [draw(st.text(alphabet="#...", min_size=width, max_size=width)) for _ in range(height)]
    if draw(st.integers(0, 5)) == 0:
        rows.append(draw(_TILES))
    floor = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "."]
    cell = st.sampled_from(floor) | _CELL if floor else _CELL
    grid: dict[str, Json] = {"rows": rows, "start": draw(cell)}
    things = draw(st.lists(_THING, max_size=4))
    for thing in things:
        thing["position"] = draw(cell)
    grid["things"] = things
    if draw(st.booleans()):
        grid["max_steps"] = draw(st.sampled_from([0, 1, 5, 400, 2**63, -3, 10**6, 10**6 + 1]))
    if draw(st.booleans()):
        grid[draw(st.sampled_from(["name", "colour", "start"]))] = draw(_VALUES)
    return grid


@settings(FUZZ, max_examples=400)
@given(grid=_grids(), as_text=st.booleans())
def test_fuzzed_grids_are_refused_cleanly_or_usable(grid: Json, as_text: bool) -> None:
    try:
        if as_text:
            world = GridWorld.model_validate_json(json.dumps(grid))
        else:
            world = GridWorld.model_validate(grid)
    except ValidationError:
        return
    for thing in world.things:
        assert thing.features  # every object's features can be built
    world.reachable_outcomes()
    vocabulary = sorted({f for t in world.things for f in t.features} | {"kind:exit"})
    compile_mazes([world], vocabulary)
    assert GridWorld.model_validate_json(world.model_dump_json()) == world
    assert GridWorld.model_validate(world.spec()) == world
