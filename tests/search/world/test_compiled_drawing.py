"""The compiled maze drawing (numba kernels) draws exactly what the pure-Python drawing draws.

Same rows, same objects, same generator state afterwards, for every size and
seed and every registered scenario; and a drawn maze, built without
re-validation, is indistinguishable from the validated world.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import SCENARIOS, GridWorld, Placement, Thing, perfect_maze, place_things
from search.world import compiled, kernels
from search.world.draws import Draws, HalfWords
from search.world.mazes import drawn_tree
from search.world.trees import CompiledTree, FloorTree

pytestmark = pytest.mark.skipif(
    not compiled.compiled_available(), reason="numba (the fast extra) is not installed"
)

T = TypeVar("T")


def _both_ways(draw: Callable[[np.random.Generator], T], seed: int, kept_half: bool) -> None:
    """``draw`` gives the same result and leaves the same generator with and without kernels."""
    pure, fast = np.random.default_rng(seed), np.random.default_rng(seed)
    if kept_half:  # a 32-bit draw leaves half of a 64-bit word in the generator
        pure.integers(7)
        fast.integers(7)
    with compiled.pure_python():
        expected = draw(pure)
    with compiled.pure_python(False):
        assert compiled.uses_kernels(fast)
        assert draw(fast) == expected
    assert fast.bit_generator.state == pure.bit_generator.state


@settings(max_examples=150, deadline=None)
@given(
    height=st.integers(5, 41),
    width=st.integers(5, 41),
    seed=st.integers(0, 2**63),
    kept_half=st.booleans(),
)
def test_a_compiled_maze_and_the_generator_after_it_equal_the_pure_ones(
    height: int, width: int, seed: int, kept_half: bool
) -> None:
    _both_ways(lambda rng: perfect_maze(height, width, rng), seed, kept_half)


@settings(max_examples=60, deadline=None)
@given(size=st.integers(5, 41), seed=st.integers(0, 2**63), kept_half=st.booleans())
def test_the_compiled_tree_of_a_drawn_maze_equals_the_pure_tree(
    size: int, seed: int, kept_half: bool
) -> None:
    rng = np.random.default_rng(seed)
    if kept_half:
        rng.integers(3)
    with compiled.pure_python(False):
        rows, tree = drawn_tree(size, rng)
    pure = FloorTree(rows, (1, 1))
    for cell in (pure.cell(t) for t in pure.order):
        assert tree.depth_of(cell) == pure.depth_of(cell)
    # The same tiles chosen, the same tiles blocked, the same generator afterwards.
    bounds = [(1, 1 << 30), (2, 9), (1, 3), (4, 4), (1, 1 << 30)]
    for n in range(len(bounds) + 1):
        fast_rng, pure_rng = np.random.default_rng(seed + n), np.random.default_rng(seed + n)
        fast_blocked, pure_blocked = tree.blocked_by([]), pure.blocked_by([])
        chosen = tree.choose(fast_blocked, bounds[:n], fast_rng)
        assert chosen == pure.choose(pure_blocked, bounds[:n], pure_rng)
        assert bytes(fast_blocked) == bytes(pure_blocked)
        assert fast_rng.bit_generator.state == pure_rng.bit_generator.state


def test_running_out_of_drawn_words_draws_more_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HalfWords, "spare_words", -(10**9))  # one word first, then doubling
    for seed in range(20):
        _both_ways(lambda rng: perfect_maze(21, 17, rng), seed, seed % 2 == 1)
        _both_ways(lambda rng: drawn_tree(15, rng)[0], seed, seed % 2 == 0)


def test_the_kernels_integer_rejects_as_lemires_method_does() -> None:
    # 2**32 % 3 == 1: a first value of 0 gives m & mask == 0 < 1, so it is rejected.
    values = [0, 0x55555555, 0xFFFFFFFF, 7]
    for n, pos in ((3, 0), (3, 1), (5, 2), (1, 0), (4, 3)):
        draws = Draws(np.random.default_rng(0), 0)
        draws._values, draws._pos = values.copy(), pos  # the words numpy would hand out
        expected = draws.below(n)
        got, after = kernels._below(n, np.array(values, dtype=np.uint32), pos)
        assert (got, after) == (expected, draws._pos)
    assert kernels._below(3, np.array([0], dtype=np.uint32), 0)[1] == -1  # ran out


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("part", ["training", "deployment", "universe"])
def test_every_scenario_draws_the_same_worlds_both_ways(name: str, part: str) -> None:
    scenario = SCENARIOS[name]()
    distribution = (
        scenario.universe.distribution
        if part == "universe"
        else (scenario.training if part == "training" else scenario.deployment)
    )
    for seed in (0, 5):
        with compiled.pure_python():
            pure = distribution.sample_many(24, seed)
        with compiled.pure_python(False):
            fast = distribution.sample_many(24, seed)
        assert fast == pure
        assert [w.spec() for w in fast] == [w.spec() for w in pure]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("pure", [True, False])
def test_a_drawn_world_is_the_world_validation_builds(name: str, pure: bool) -> None:
    scenario = SCENARIOS[name]()
    with compiled.pure_python(pure):
        drawn = scenario.training.sample_many(16, 2) + scenario.deployment.sample_many(16, 3)
    for world in drawn:
        assert isinstance(world, GridWorld)
        validated = type(world).model_validate(world.spec())
        assert world == validated and hash(world) == hash(validated)
        assert world.spec() == validated.spec()
        assert world.model_dump_json() == validated.model_dump_json()
        assert world.model_fields_set == validated.model_fields_set
        assert world.floor == validated.floor and world.thing_at == validated.thing_at
        assert world.distances_from(world.start) == validated.distances_from(validated.start)
        assert world.reachable_outcomes() == validated.reachable_outcomes()
        assert all(type(c) is int for t in world.things for c in t.position)
        # The cached properties are filled in now; equality still ignores them.
        assert world == type(world).model_validate(world.spec())


def test_placing_things_in_given_rows_is_the_same_both_ways() -> None:
    rows = ("#######", "#.....#", "#.#.#.#", "#.....#", "#######")  # a grid with a loop
    exit_ = [Thing(position=(3, 5), kind="exit", color="green")]
    off_grid = [Thing(position=(9, 9), kind="exit", color="grey")]  # reached by nothing
    apples = [Placement.of("apple", "red"), Placement.of("apple", "green", farthest=2)]
    for things in (exit_, off_grid, []):

        def place(rng: np.random.Generator, fixed: list[Thing] = things) -> list[Thing] | None:
            return place_things(rows, (1, 1), apples, rng, fixed)

        for seed in range(10):
            _both_ways(place, seed, False)
    tree = CompiledTree.of_rows(rows, (1, 1))
    assert tree.depth_of((3, 5)) == FloorTree(rows, (1, 1)).depth_of((3, 5)) == 6


def test_other_bit_generators_take_the_pure_path() -> None:
    assert not compiled.uses_kernels(np.random.Generator(np.random.Philox(0)))
    with compiled.pure_python():
        assert not compiled.uses_kernels(np.random.default_rng(0))


def _python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_environment_variable_forces_the_pure_path() -> None:
    code = (
        "import numpy as np; from search.world import compiled; "
        "print(compiled.uses_kernels(np.random.default_rng(0)))"
    )
    assert _python(code, MESA_TYPES_PURE_PYTHON="1") == "False"
    assert _python(code, MESA_TYPES_PURE_PYTHON="0") == "True"


def test_without_numba_the_pure_path_draws_the_same_mazes() -> None:
    code = (
        "import json, sys; sys.modules['numba'] = None\n"  # import numba now raises ImportError
        "from search import green_exit; from search.world import compiled\n"
        "worlds = green_exit().deployment.sample_many(8, 4)\n"
        "print(json.dumps([compiled.compiled_available(), [w.spec() for w in worlds]]))"
    )
    available, specs = json.loads(_python(code))
    assert available is False
    with compiled.pure_python(False):
        drawn = SCENARIOS["green-exit"]().deployment.sample_many(8, 4)
    assert specs == [w.spec() for w in drawn]


def _twice(x: int) -> int:
    return 2 * x


def test_a_kernel_compiles_in_memory_when_no_cache_location_is_writable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from numba.core.caching import CacheImpl

    monkeypatch.setattr(CacheImpl, "_locator_classes", [])  # as on a read-only install
    twice = kernels.typed_jit(_twice)
    assert twice(21) == 42
    assert type(twice._cache).__name__ == "NullCache"  # type: ignore[attr-defined]
