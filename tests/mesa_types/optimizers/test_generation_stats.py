"""Generation statistics summarised many at once are those of each generation alone."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mesa_types import GenerationStats

_FITNESS = st.one_of(
    st.floats(-1e12, 1e12, allow_nan=False),
    st.integers(0, 64).map(lambda k: k / 32),
)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 1000),
    st.tuples(st.integers(1, 12), st.integers(1, 300)).flatmap(
        lambda shape: arrays(np.float64, shape, elements=_FITNESS)
    ),
)
def test_of_many_equals_of_row_by_row(first: int, fitness: np.ndarray) -> None:
    many = GenerationStats.of_many(first, fitness)
    assert many == tuple(GenerationStats.of(first + i, row) for i, row in enumerate(fitness))
    for stats in many:  # equal as floats and as bits
        alone = GenerationStats.of(stats.generation, fitness[stats.generation - first])
        assert stats.model_dump_json() == alone.model_dump_json()


def test_of_many_rejects_what_of_rejects() -> None:
    with pytest.raises(ValueError, match="generation 5: fitness 1 is nan"):
        GenerationStats.of_many(4, np.array([[0.0, 1.0], [0.0, np.nan]]))
    with pytest.raises(ValueError, match=r"got shape \(3,\)"):
        GenerationStats.of_many(0, np.zeros(3))
    with pytest.raises(ValueError, match=r"got shape \(2, 0\)"):
        GenerationStats.of_many(0, np.zeros((2, 0)))
