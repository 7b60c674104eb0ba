"""The fast maze drawing draws exactly the mazes the old code drew, from the same seeds.

The old code is kept in :mod:`benchmarks.legacy_drawing`. Same mazes, same objects,
and the generator left in the same state, so everything drawn after a maze is
unchanged too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from benchmarks.legacy_drawing import old_perfect_maze, old_sample_many, old_tree_parents
from search import green_exit, perfect_maze, red_door
from search.world.mazes import path_to, tree_parents, unblocked_cells

SIZES = [(5, 5), (6, 6), (5, 8), (7, 9), (10, 7), (15, 15), (21, 21), (12, 20), (41, 33)]


@pytest.mark.parametrize(("height", "width"), SIZES)
@pytest.mark.parametrize("kept_half", [False, True])
def test_a_maze_and_the_generator_after_it_are_as_before(
    height: int, width: int, kept_half: bool
) -> None:
    for seed in range(40):
        old, new = np.random.default_rng(seed), np.random.default_rng(seed)
        if kept_half:  # a 32-bit draw leaves half of a 64-bit word in the generator
            old.integers(7)
            new.integers(7)
        assert perfect_maze(height, width, new) == old_perfect_maze(height, width, old)
        assert new.bit_generator.state == old.bit_generator.state
        assert new.integers(1000, size=5).tolist() == old.integers(1000, size=5).tolist()


def test_another_bit_generator_draws_the_same_mazes_as_before() -> None:
    for seed in range(10):
        old = np.random.Generator(np.random.Philox(seed))
        new = np.random.Generator(np.random.Philox(seed))
        assert perfect_maze(15, 15, new) == old_perfect_maze(15, 15, old)
        assert new.random() == old.random()


@pytest.mark.parametrize("training", [True, False])
def test_green_exit_mazes_with_their_objects_are_as_before(training: bool) -> None:
    scenario = green_exit()
    drawn = (scenario.training if training else scenario.deployment).sample_many(64, 11)
    assert drawn == old_sample_many(64, 11, training)


def test_the_breadth_first_tree_is_as_before_also_on_grids_with_loops() -> None:
    rows = ("#######", "#.....#", "#.#.#.#", "#.....#", "#######")
    assert tree_parents(rows, (1, 1)) == old_tree_parents(rows, (1, 1))
    maze = perfect_maze(21, 21, np.random.default_rng(4))
    assert tree_parents(maze, (1, 1)) == old_tree_parents(maze, (1, 1))


def test_unblocked_cells_skip_paths_to_objects_and_tiles_behind_them() -> None:
    rows = ("#######", "#.....#", "#######")
    parents = tree_parents(rows, (1, 1))
    assert path_to(parents, (1, 4)) == [(1, 1), (1, 2), (1, 3), (1, 4)]
    assert unblocked_cells(rows, (1, 1), [(1, 4)], parents) == []
    assert unblocked_cells(rows, (1, 1), [(1, 3)], parents) == []
    assert unblocked_cells(rows, (1, 1), [], parents) == [(1, 2), (1, 3), (1, 4), (1, 5)]


class _Counting(np.random.Generator):
    """A PCG64 generator that counts its ``integers`` calls."""

    calls = 0

    def integers(self, *args: Any, **kwargs: Any) -> Any:
        _Counting.calls += 1
        return super().integers(*args, **kwargs)


def test_a_maze_takes_its_random_numbers_in_bulk_not_one_call_per_room() -> None:
    # The old code asked ``rng.integers`` once per room: 101 calls for 21x21.
    _Counting.calls = 0
    rows = perfect_maze(21, 21, _Counting(np.random.PCG64(3)))
    assert _Counting.calls == 0
    assert rows == old_perfect_maze(21, 21, np.random.default_rng(np.random.PCG64(3)))


def test_red_door_mazes_still_fit_their_objects() -> None:
    worlds = red_door().deployment.sample_many(8, 0)
    assert all(w.things for w in worlds)
