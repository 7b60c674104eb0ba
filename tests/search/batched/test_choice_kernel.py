"""The compiled last step of the population path chooses what the numpy loop chooses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import compile_mazes, green_exit, population_choices
from search.world.compiled import kernels_enabled, pure_python

pytest.importorskip("numba")
pytestmark = pytest.mark.skipif(not kernels_enabled(), reason="the pure path is forced")

SCENARIO = green_exit()
BATCH = compile_mazes(SCENARIO.training.sample_many(24, 7), SCENARIO.vocabulary)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from([-1.0, -0.0, 0.0, 0.5, 1.0, 1e-300, 2.0]),
            min_size=len(SCENARIO.vocabulary),
            max_size=len(SCENARIO.vocabulary),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 2**32 - 1),
)
def test_the_kernel_and_the_numpy_loop_choose_the_same_objects(
    rows: list[list[float]], seed: int
) -> None:
    weights = np.array(rows, dtype=np.float64)
    depths = np.random.default_rng(seed).integers(0, 90, size=len(rows))
    compiled = population_choices(weights, depths, BATCH)
    with pure_python():
        looped = population_choices(weights, depths, BATCH)
    assert compiled.dtype == looped.dtype
    assert compiled.tolist() == looped.tolist()
