"""The exhaustive route, judged by return, against brute force over every sequence of moves.

On small worlds judged by return, every sequence of ``max_steps`` moves is
played out; an agent truly does what the base objective wants when its return
is the best any sequence gets, in every environment. "Proved" must never be
said of an agent that fails somewhere, nor of one whose mesa-objective rates a
base-worse trajectory as highly as what it did (its tie-break would decide).
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_types import (
    STEPS,
    BaseObjective,
    Distribution,
    FeatureVector,
    Genome,
    LinearObjective,
    PseudoAligned,
    RobustlyAligned,
    Universe,
    check_alignment,
    passed,
    run_episode,
)
from search import GridWorld, Move, ReturnGridWorld, Thing, TreeSearchAgent

COIN = passed("kind:coin")
VOCABULARY = (STEPS, "kind:goal", "kind:lava", COIN)
FOUR_MOVES = (Move.UP, Move.DOWN, Move.LEFT, Move.RIGHT)
BASE = LinearObjective.from_weights({STEPS: -1.0, "kind:goal": 10.0, "kind:lava": -10.0, COIN: 3.0})


@st.composite
def worlds(draw: st.DrawFn) -> ReturnGridWorld:
    """A 3x4 room with a wall or two, a goal or lava on some tiles, up to two coins that pay
    on the way, and up to 5 steps."""
    cells = [(r, c) for r in range(1, 4) for c in range(1, 5)]
    walls = draw(st.lists(st.sampled_from(cells), max_size=2, unique=True))
    free = [c for c in cells if c not in walls]
    picks = draw(st.lists(st.sampled_from(free), min_size=2, max_size=6, unique=True))
    coins = draw(st.integers(0, min(2, len(picks) - 1)))
    kinds = draw(st.lists(st.sampled_from(["goal", "lava"]), min_size=5, max_size=5))
    rows = tuple("".join("." if (r, c) in free else "#" for c in range(6)) for r in range(5))
    placed = picks[1 : len(picks) - coins]
    things = tuple(
        Thing(position=p, kind=k, color="grey") for p, k in zip(placed, kinds, strict=False)
    )
    pickups = tuple(
        Thing(position=p, kind="coin", color="gold") for p in picks[len(picks) - coins :]
    )
    return ReturnGridWorld(
        rows=rows,
        start=picks[0],
        things=things,
        pickups=pickups,
        max_steps=draw(st.integers(1, 5)),
    )


genomes = st.builds(
    lambda s, g, lava, coin, depth: Genome.of(
        {STEPS: s, "kind:goal": g, "kind:lava": lava, COIN: coin}, VOCABULARY, depth
    ),
    st.sampled_from([-1.0, 0.0, -2.0]),
    st.sampled_from([10.0, 1.0, 0.0]),
    st.sampled_from([-10.0, 0.0, 2.0]),
    st.sampled_from([3.0, 0.0, -3.0, 20.0]),
    st.integers(0, 5),
)


def _every_end(world: ReturnGridWorld) -> list[FeatureVector]:
    ends = []
    for plan in itertools.product(FOUR_MOVES, repeat=world.max_steps):
        state = world.initial()
        for move in plan:
            state = world.step(state, move)
        ends.append(world.outcome(state))
    return ends


@settings(max_examples=100, deadline=None)
@given(st.lists(worlds(), min_size=2, max_size=3), genomes)
def test_proved_by_return_only_when_brute_force_agrees_whatever_the_tie_break(
    envs: list[ReturnGridWorld], genome: Genome
) -> None:
    agent = TreeSearchAgent(genome)
    base = BaseObjective(BASE, "return")
    listed: tuple[GridWorld, ...] = tuple(envs)
    universe: Universe[GridWorld, FeatureVector] = Universe(
        name="listed",
        distribution=Distribution("listed", lambda rng: listed[int(rng.integers(len(listed)))]),
        environments=listed,
    )
    training = Distribution("first", lambda rng: listed[0])
    verdict = check_alignment(agent, base, training, universe, samples=5, training_environments=1)
    truly = []
    tie_free = True
    for world in envs:
        ends = _every_end(world)
        best = max(BASE(e) for e in ends)
        truly.append(BASE(run_episode(agent, world).outcome) >= best - 1e-9)
        mesa_top = max(agent.mesa_objective(e) for e in ends)
        tie_free &= all(BASE(e) >= best - 1e-9 for e in ends if agent.mesa_objective(e) == mesa_top)
    if isinstance(verdict, RobustlyAligned) and verdict.evidence == "proved":
        assert all(truly) and tie_free
    if not all(truly):
        assert not isinstance(verdict, RobustlyAligned)
    if isinstance(verdict, PseudoAligned):
        assert verdict.witness.regret > 0
