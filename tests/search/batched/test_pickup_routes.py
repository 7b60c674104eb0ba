"""With pickups the population path still chooses exactly what each tree-search agent does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_types import (
    STEPS,
    BaseObjective,
    FeatureVector,
    Genome,
    ReturnObjective,
    passed,
    run_episode,
)
from search import (
    NOTHING,
    ReturnGridWorld,
    Thing,
    TrainingSet,
    TreeSearchAgent,
    compile_mazes,
    genome_arrays,
    perfect_maze,
    population_choices,
)
from search.batched.fitness import PopulationFitness, reference_fitness
from search.batched.routes import pickup_routes

KINDS = ("goal", "lava")
VOCABULARY = (
    "kind:goal",
    "kind:lava",
    passed("kind:coin"),
    passed("color:gold"),
    passed("color:silver"),
    STEPS,
)
MAZES, GENOMES, EXAMPLES = 2, 5, 100

weights = st.lists(st.sampled_from([-3.0, -1.0, 0.0, 1.0, 1.0, 2.0, 5.0]), min_size=5, max_size=5)
genomes = st.builds(
    lambda w, s, depth: Genome.of(dict(zip(VOCABULARY, [*w, s], strict=True)), VOCABULARY, depth),
    weights,
    st.sampled_from([-1.0, -0.5, 0.0, 0.25]),
    st.integers(0, 16),
)


@st.composite
def worlds(draw: st.DrawFn) -> ReturnGridWorld:
    """A small maze with loops, a start, up to four objects and up to three pickups."""
    height, width = draw(st.integers(5, 8)), draw(st.integers(5, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    grid = [list(row) for row in perfect_maze(height, width, rng)]
    inner = st.tuples(st.integers(1, height - 2), st.integers(1, width - 2))
    for r, c in draw(st.lists(inner, max_size=5)):
        grid[r][c] = "."
    rows = tuple("".join(row) for row in grid)
    floor = [(r, c) for r, row in enumerate(rows) for c, tile in enumerate(row) if tile == "."]
    picks = draw(st.lists(st.sampled_from(floor), min_size=2, max_size=8, unique=True))
    split = draw(st.integers(1, len(picks) - 1))
    things = tuple(
        Thing(position=cell, kind=draw(st.sampled_from(KINDS)), color="red")
        for cell in picks[1:split]
    )
    pickups = tuple(
        Thing(position=cell, kind="coin", color=draw(st.sampled_from(("gold", "silver"))))
        for cell in picks[split:][:3]
    )
    return ReturnGridWorld(
        rows=rows,
        start=picks[0],
        things=things,
        pickups=pickups,
        max_steps=draw(st.integers(1, 20)),
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(worlds(), min_size=MAZES, max_size=MAZES),
    st.lists(genomes, min_size=GENOMES, max_size=GENOMES),
)
def test_with_pickups_the_population_path_ends_every_episode_where_the_agent_does(
    mazes: list[ReturnGridWorld], population: list[Genome]
) -> None:
    batch = compile_mazes(mazes, VOCABULARY)
    picked = population_choices(*genome_arrays(population, VOCABULARY), batch)
    for g, genome in enumerate(population):
        agent = TreeSearchAgent(genome)
        for m, world in enumerate(mazes):
            episode = run_episode(agent, world)
            end = episode.observations[-1]
            k = int(picked[g, m])
            if k == NOTHING:
                assert episode.outcome == world.ending_on(None, world.max_steps)
                assert end.position == world.start
                continue
            assert episode.outcome == batch.ending(m, k)
            assert end.position == batch.things[m][k].position
            assert end.collected == {p.position for p in batch.collected[m][k]}


@settings(max_examples=30, deadline=None)
@given(st.lists(worlds(), min_size=3, max_size=3), st.lists(genomes, min_size=4, max_size=4))
def test_with_pickups_fitness_equals_playing_every_genome_episode_by_episode(
    mazes: list[ReturnGridWorld], population: list[Genome]
) -> None:
    base = BaseObjective(
        ReturnObjective.of(
            step_cost=1, terminal={"kind:goal": 50, "kind:lava": -50}, on_the_way={"kind:coin": 1}
        ).linear(),
        "return",
    )
    training = TrainingSet.compile(mazes, VOCABULARY, base)
    assert PopulationFitness(training)(population) == reference_fitness(population, mazes, base)


def corridor(*, coins: tuple[int, ...], goal: int, max_steps: int = 20) -> ReturnGridWorld:
    """One row of floor: the start at column 1, coins and a goal further right."""
    width = goal + 2
    return ReturnGridWorld(
        rows=("#" * width, "#" + "." * (width - 2) + "#", "#" * width),
        start=(1, 1),
        things=(Thing(position=(1, goal), kind="goal", color="green"),),
        pickups=tuple(Thing(position=(1, c), kind="coin", color="gold") for c in coins),
        max_steps=max_steps,
    )


def test_a_coin_on_the_way_is_counted_once_in_the_return() -> None:
    world = corridor(coins=(3,), goal=5)
    agent = TreeSearchAgent(Genome.of({"kind:goal": 50.0, STEPS: -1.0}, VOCABULARY, depth=20))
    episode = run_episode(agent, world)
    assert episode.outcome == FeatureVector(
        {
            "kind:goal": 1.0,
            "color:green": 1.0,
            passed("kind:coin"): 1.0,
            passed("color:gold"): 1.0,
            STEPS: 4.0,
        }
    )


def test_a_planner_that_values_coins_more_than_the_goal_collects_them_and_waits() -> None:
    # A coin behind the start: collecting it costs two extra moves.
    world = ReturnGridWorld(
        rows=("#######", "#.....#", "#######"),
        start=(1, 2),
        things=(Thing(position=(1, 5), kind="goal", color="green"),),
        pickups=(Thing(position=(1, 1), kind="coin", color="gold"),),
        max_steps=10,
    )
    greedy = Genome.of({passed("kind:coin"): 1.0}, VOCABULARY, depth=10)
    hurried = Genome.of({"kind:goal": 1.0, passed("kind:coin"): 1.0, STEPS: -1.0}, VOCABULARY, 10)
    worth_it = Genome.of({"kind:goal": 10.0, passed("kind:coin"): 3.0, STEPS: -1.0}, VOCABULARY, 10)
    ends = [run_episode(TreeSearchAgent(g), world).observations[-1] for g in (greedy, hurried)]
    assert [(e.position, sorted(e.collected)) for e in ends] == [((1, 1), [(1, 1)]), ((1, 5), [])]
    last = run_episode(TreeSearchAgent(worth_it), world).observations[-1]
    assert (last.position, sorted(last.collected), last.time) == ((1, 5), [(1, 1)], 5)


def test_routes_list_each_end_with_what_was_collected_in_tie_break_order() -> None:
    world = corridor(coins=(2, 3), goal=4)
    routes = [
        (r.depth, r.end.position, [p.position for p in r.collected]) for r in pickup_routes(world)
    ]
    assert routes == [
        (1, (1, 2), [(1, 2)]),
        (2, (1, 3), [(1, 2), (1, 3)]),
        (3, (1, 4), [(1, 2), (1, 3)]),
    ]
