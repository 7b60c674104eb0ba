"""A run's history summarised in batches holds each generation's own statistics."""

from __future__ import annotations

import numpy as np

from mesa_types import GenerationStats
from mesa_types.optimizers.history import History


def test_a_history_summarises_what_it_was_given_whenever_asked() -> None:
    rows = np.random.default_rng(0).random((600, 7))
    history = History([GenerationStats.of(0, [1.0])])
    for row in rows[:300]:
        history.add(row)
    assert len(history.waiting) < 300  # a full batch was summarised on the way
    assert history.summarised()[-1] == GenerationStats.of(300, rows[299])
    for row in rows[300:]:
        history.add(row)
    expected = [GenerationStats.of(0, [1.0])] + [
        GenerationStats.of(i + 1, row) for i, row in enumerate(rows)
    ]
    assert history.summarised() == expected
