"""The population path decides exactly as each single tree-search agent does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from mesa_types import STEPS, FeatureVector, Genome, run_episode
from search import (
    NOTHING,
    GridWorld,
    Move,
    ReturnGridWorld,
    Thing,
    TreeSearchAgent,
    compile_mazes,
    genome_arrays,
    perfect_maze,
    population_choices,
)

KINDS = ("apple", "key", "gem")
COLOURS = ("red", "green", "blue")
VOCABULARY = tuple(f"kind:{k}" for k in KINDS) + tuple(f"color:{c}" for c in COLOURS)
MAZES_PER_EXAMPLE, GENOMES_PER_EXAMPLE, EXAMPLES = 2, 5, 110
assert MAZES_PER_EXAMPLE * GENOMES_PER_EXAMPLE * EXAMPLES >= 1000  # (maze, genome) pairs

# Few distinct weights, so that objects often tie and the tie-break is exercised.
weights = st.lists(st.sampled_from([-1.0, 0.0, 0.5, 0.5, 1.0, 1.0]), min_size=6, max_size=6)
genomes = st.builds(
    lambda w, depth: Genome.of(dict(zip(VOCABULARY, w, strict=True)), VOCABULARY, depth),
    weights,
    st.integers(0, 20),
)


@st.composite
def worlds(draw: st.DrawFn) -> GridWorld:
    """A small perfect maze with a few walls knocked out (so routes can tie), a random start,
    up to eight objects anywhere (some blocking others, some cut off), and a small step limit."""
    height, width = draw(st.integers(5, 9)), draw(st.integers(5, 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    grid = [list(row) for row in perfect_maze(height, width, rng)]
    inner = st.tuples(st.integers(1, height - 2), st.integers(1, width - 2))
    for r, c in draw(st.lists(inner, max_size=4)):
        grid[r][c] = "."
    rows = tuple("".join(row) for row in grid)
    floor = [(r, c) for r, row in enumerate(rows) for c, tile in enumerate(row) if tile == "."]
    picks = draw(st.lists(st.sampled_from(floor), min_size=1, max_size=9, unique=True))
    things = tuple(
        Thing(
            position=cell, kind=draw(st.sampled_from(KINDS)), color=draw(st.sampled_from(COLOURS))
        )
        for cell in picks[1:]
    )
    return GridWorld(rows=rows, start=picks[0], things=things, max_steps=draw(st.integers(1, 30)))


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(worlds(), min_size=MAZES_PER_EXAMPLE, max_size=MAZES_PER_EXAMPLE),
    st.lists(genomes, min_size=GENOMES_PER_EXAMPLE, max_size=GENOMES_PER_EXAMPLE),
)
def test_the_population_path_chooses_what_each_agent_does_in_a_whole_episode(
    mazes: list[GridWorld], population: list[Genome]
) -> None:
    batch = compile_mazes(mazes, VOCABULARY)
    picked = population_choices(*genome_arrays(population, VOCABULARY), batch)
    assert picked.shape == (len(population), len(mazes))
    for g, genome in enumerate(population):
        agent = TreeSearchAgent(genome)
        for m, world in enumerate(mazes):
            first = agent.act(world.initial())
            episode = run_episode(agent, world)
            end = episode.observations[-1]
            if picked[g, m] == NOTHING:
                assert first is Move.STAY
                assert (end.position, episode.outcome) == (world.start, FeatureVector())
                continue
            target = batch.things[m][picked[g, m]]
            assert (end.position, episode.outcome) == (target.position, target.features)
            # The first move heads for the chosen object by a shortest route.
            after = world.step(world.initial(), first).position
            remaining = world.distances_from(after).get(target.position)
            assert after == target.position or remaining == batch.distances[m, picked[g, m]] - 1


def test_a_batch_lists_reachable_objects_in_tie_break_order_with_their_distances() -> None:
    gem = Thing(position=(1, 2), kind="gem", color="blue")
    apple = Thing(position=(1, 1), kind="apple", color="red")  # cut off behind the gem
    key = Thing(position=(1, 5), kind="key", color="red")
    corridor = GridWorld(
        rows=("#######", "#.....#", "#######"), start=(1, 3), things=(key, apple, gem)
    )
    ring = ("#######", "#.....#", "#.###.#", "#.....#", "#######")
    near, far = (
        Thing(position=(1, 2), kind="key", color="red"),
        apple.model_copy(update={"position": (1, 4)}),
    )
    around = GridWorld(rows=ring, start=(1, 1), things=(far, near))
    empty = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
    batch = compile_mazes([corridor, around, empty], VOCABULARY)
    assert batch.things == ((gem, key), (near, far), ())
    assert batch.distances[:2].tolist() == [[1, 2], [1, 9]]  # the far apple only the long way
    assert (batch.features == batch.outcomes[batch.outcome_of]).all()
    assert batch.features.shape == (3, 2, len(VOCABULARY))


def test_a_maze_without_objects_or_a_genome_of_depth_zero_stays() -> None:
    apple = Thing(position=(1, 2), kind="apple", color="red")
    world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1), things=(apple,))
    empty = world.with_things([])
    keen = Genome.of({"kind:apple": 1.0}, VOCABULARY, depth=5)
    asleep = Genome.of({"kind:apple": 1.0}, VOCABULARY, depth=0)
    batch = compile_mazes([world, empty], VOCABULARY)
    picked = population_choices(*genome_arrays([keen, asleep], VOCABULARY), batch)
    assert picked.tolist() == [[0, NOTHING], [NOTHING, NOTHING]]


def test_genomes_over_another_vocabulary_order_are_laid_out_in_the_batch_order() -> None:
    backwards = Genome.of({"kind:apple": 1.0, "color:blue": 0.5}, VOCABULARY[::-1], depth=3)
    weights, depths = genome_arrays([backwards], VOCABULARY)
    assert weights.tolist() == [[1.0, 0.0, 0.0, 0.0, 0.0, 0.5]]
    assert depths.tolist() == [3]


RETURN_VOCABULARY = (*VOCABULARY, STEPS)
# Step weights of both signs: a positive one is read as 0 by the agent and the batch alike.
return_genomes = st.builds(
    lambda w, s, depth: Genome.of(
        {**dict(zip(VOCABULARY, w, strict=True)), STEPS: s}, RETURN_VOCABULARY, depth
    ),
    weights,
    st.sampled_from([-1.0, -0.5, -0.125, 0.0, 0.25]),
    st.integers(0, 20),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(worlds(), min_size=MAZES_PER_EXAMPLE, max_size=MAZES_PER_EXAMPLE),
    st.lists(return_genomes, min_size=GENOMES_PER_EXAMPLE, max_size=GENOMES_PER_EXAMPLE),
)
def test_judged_by_return_the_population_path_scores_every_episode_as_the_agent_does(
    mazes: list[GridWorld], population: list[Genome]
) -> None:
    judged = [ReturnGridWorld(**m.model_dump()) for m in mazes]
    batch = compile_mazes(judged, RETURN_VOCABULARY)
    assert batch.ends is not None and batch.stays is not None
    weights, depths = genome_arrays(population, RETURN_VOCABULARY)
    picked = population_choices(weights, depths, batch)
    for g, genome in enumerate(population):
        agent = TreeSearchAgent(genome)
        for m, world in enumerate(judged):
            episode = run_episode(agent, world)
            k = int(picked[g, m])
            thing = None if k == NOTHING else batch.things[m][k]
            steps = world.max_steps if thing is None else int(batch.distances[m, k])
            assert episode.outcome == world.ending_on(thing, steps)
            # The score the batch compares is the agent's own, to the bit.
            row = batch.stays[m] if thing is None else batch.ends[m, k]
            scored = agent.mesa_objective(episode.outcome)
            assert float(_score_row(weights[g], row)) == scored


def _score_row(weights: NDArray[np.float64], row: NDArray[np.float64]) -> float:
    total = 0.0
    for w, x in zip(weights.tolist(), row.tolist(), strict=True):
        total += w * x
    return total


def test_a_final_outcome_batch_carries_no_return_rows() -> None:
    world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
    assert compile_mazes([world], VOCABULARY).ends is None
