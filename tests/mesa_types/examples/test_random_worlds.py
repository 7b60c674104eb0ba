"""The random tree worlds keep the universe contract and can be listed, rebuilt and replayed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_types import FeatureVector, check_universe
from mesa_types.examples import MAX_ENVIRONMENTS, TreeEnvironment, TreeState, random_world

A, B, NOTHING = FeatureVector(["f:a"]), FeatureVector(["f:b"]), FeatureVector()
SEEDS = st.integers(0, 2**31 - 1)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(SEEDS)
def test_every_random_universe_passes_check_universe(seed: int) -> None:
    check_universe(random_world(seed).universe, samples=16)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(SEEDS)
def test_a_world_lists_its_universe_and_trains_on_part_of_it(seed: int) -> None:
    world = random_world(seed)
    listed = set(world.environments)
    assert len(listed) == len(world.environments) <= MAX_ENVIRONMENTS
    assert world.training_environments and set(world.training_environments) <= listed
    assert all(len(env.reachable_outcomes()) >= 2 for env in world.training_environments)
    assert set(world.universe.distribution.sample_many(20, seed)) <= listed
    assert set(world.training.sample_many(20, seed)) <= set(world.training_environments)
    assert set(world.universe.limit_probes(None) if world.universe.limit_probes else ()) <= listed
    assert {o for env in world.environments for o in env.reachable_outcomes()} == set(world.pool)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(SEEDS)
def test_offerings_are_environments_of_the_universe_in_the_order_asked(seed: int) -> None:
    world = random_world(seed)
    assert world.universe.offering is not None
    listed = set(world.environments)
    for first in world.pool:
        for second in world.pool:
            if first == second:
                continue
            env = world.universe.offering([first, second])
            assert env in listed
            expected = [first, second] + [
                q for q in world.universe.always if q not in (first, second)
            ]
            assert list(env.reachable_outcomes()) == expected


@settings(max_examples=40, deadline=None, derandomize=True)
@given(SEEDS)
def test_every_environment_is_rebuilt_from_its_spec(seed: int) -> None:
    world = random_world(seed)
    assert world.universe.rebuild is not None
    for env in world.environments:
        assert world.universe.rebuild(env.spec()) == env


def test_the_same_seed_gives_the_same_world() -> None:
    first, again = random_world(11), random_world(11)
    assert first.environments == again.environments
    assert first.training_environments == again.training_environments
    assert first.base.score == again.base.score
    assert first.describe() == again.describe()


def test_a_tree_environment_is_a_pure_world_model() -> None:
    env = TreeEnvironment(((A, B), NOTHING))
    root = env.initial()
    assert list(env.actions(root)) == [0, 1]
    inner = env.step(root, 0)
    assert env.step(root, 0) == inner == TreeState(env.tree, (0,))
    assert root == env.initial() and not env.is_terminal(inner)
    assert env.outcome(env.step(inner, 1)) == B
    assert env.max_steps == 2 and env.name == "tree ((a b) -)"
    with pytest.raises(ValueError, match="names no child"):
        env.step(root, 2)
    with pytest.raises(ValueError, match="root must be an inner node"):
        TreeEnvironment(A)
