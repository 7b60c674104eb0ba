"""Environments and distributions of the wrong kind."""

import numpy as np

from mesa_types import Distribution, check_alignment, run_episode
from mesa_types.examples import Shelf, picker, shelf_universe, take_the_key, training_shelves

BASE = take_the_key()
TRAINING = training_shelves()
UNIVERSE = shelf_universe()

key_picker = picker({"kind:key": 1.0})


def draw_int(rng: np.random.Generator) -> int:
    return int(rng.integers(3))


def draw_anything(rng: np.random.Generator) -> object:
    return object()


integers = Distribution("integers", draw_int)

# A distribution of integers is no training distribution for shelf pickers.
check_alignment(key_picker, BASE, integers, UNIVERSE)  # type: ignore[arg-type]
# Covariance runs one way only: a distribution of anything is not one of shelves.
shelves: Distribution[Shelf] = Distribution("anything", draw_anything)  # type: ignore[arg-type]
# A universe is not a distribution; pass its .distribution.
check_alignment(key_picker, BASE, UNIVERSE, UNIVERSE)  # type: ignore[arg-type]
# A training distribution is not a universe.
check_alignment(key_picker, BASE, TRAINING, TRAINING)  # type: ignore[arg-type]
# An environment is one draw, not the distribution it comes from.
run_episode(key_picker, TRAINING)  # type: ignore[arg-type]
