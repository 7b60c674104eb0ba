"""The batched walk equals the one-agent episode, genome by genome and maze by maze."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_types import Genome, LinearObjective
from search import (
    EMERGENCE_FEATURES,
    GenomeBatch,
    GridWorld,
    compile_pool,
    draw_pool,
    forage,
    genome_arrays,
    learned_algorithm,
    plant_vocabulary,
    walk_pool,
    wall_follower,
)

VOCABULARY = plant_vocabulary(EMERGENCE_FEATURES)
WORLDS = (
    *draw_pool("training", "corner", 6, 13, 1),
    *draw_pool("training", "anywhere", 6, 13, 2),
    *draw_pool("training", "anywhere", 4, 9, 3),
)
POOL = compile_pool(WORLDS, depths=32)


def _genomes(seed: int, count: int) -> list[Genome]:
    rng = np.random.default_rng(seed)
    found = [wall_follower(EMERGENCE_FEATURES)]
    for _ in range(count):
        weights = tuple(float(w) for w in rng.uniform(-1, 1, len(VOCABULARY)))
        objective = LinearObjective(features=VOCABULARY, weights=weights)
        found.append(Genome(objective=objective, depth=int(rng.choice([0, 0, 1, 3, 8, 32]))))
    return found


@settings(max_examples=6, deadline=None, derandomize=True)
@given(st.integers(0, 10_000))
def test_walk_pool_equals_forage_episode_for_episode(seed: int) -> None:
    genomes = _genomes(seed, 12)
    weights, depths = genome_arrays(genomes, VOCABULARY)
    batch = GenomeBatch.from_arrays(weights, depths, len(EMERGENCE_FEATURES))
    mazes = np.arange(len(WORLDS), dtype=np.int64)
    walks = walk_pool(POOL, mazes, batch, EMERGENCE_FEATURES)
    for g, genome in enumerate(genomes):
        agent = learned_algorithm(genome, EMERGENCE_FEATURES)
        for m, world in enumerate(WORLDS):
            episode = forage(agent, world)
            assert POOL.kinds[walks.kind[g, m]] == episode.outcome
            assert walks.steps[g, m] == episode.steps


def test_each_genome_may_walk_its_own_mazes() -> None:
    genomes = _genomes(7, 3)
    weights, depths = genome_arrays(genomes, VOCABULARY)
    batch = GenomeBatch.from_arrays(weights, depths, len(EMERGENCE_FEATURES))
    own = np.array([[0, 1], [2, 3], [4, 5], [6, 7]], dtype=np.int64)
    together = walk_pool(POOL, own, batch, EMERGENCE_FEATURES)
    for g in range(len(genomes)):
        alone = walk_pool(
            POOL,
            own[g],
            GenomeBatch.from_arrays(weights[g : g + 1], depths[g : g + 1], 5),
            EMERGENCE_FEATURES,
        )
        assert together.kind[g].tolist() == alone.kind[0].tolist()
        assert together.steps[g].tolist() == alone.steps[0].tolist()


def test_a_floor_that_is_not_a_tree_is_refused() -> None:
    room = GridWorld(rows=("####", "#..#", "#..#", "####"), start=(1, 1))
    with pytest.raises(ValueError, match="the floor is not a tree"):
        compile_pool([room])


def test_searches_deeper_than_the_table_are_refused() -> None:
    shallow = compile_pool(WORLDS[:2], depths=4)
    weights, depths = genome_arrays([Genome.of({"kind:exit": 1.0}, VOCABULARY, 5)], VOCABULARY)
    batch = GenomeBatch.from_arrays(weights, depths, len(EMERGENCE_FEATURES))
    with pytest.raises(ValueError, match="depths must be at most 4"):
        walk_pool(shallow, np.arange(2, dtype=np.int64), batch, EMERGENCE_FEATURES)
