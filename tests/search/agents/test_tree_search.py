"""The search-tree mesa-optimizer: an optimizer by structure, with a faithful, exportable tree."""

from __future__ import annotations

import networkx as nx
import pytest

from mesa_types import FeatureVector, Genome, MesaObjective, goal, is_optimizer, run_episode
from search import ROOT, GridWorld, Move, Thing, TreeSearchAgent, corridor_world, green_exit

SCENARIO = green_exit()
VOCABULARY = SCENARIO.vocabulary
GREEN_EXIT = FeatureVector(["kind:exit", "color:green"])
OPEN_ROOM = ("#####", "#...#", "#...#", "#...#", "#####")


def _agent(weights: dict[str, float], depth: int = 64) -> TreeSearchAgent:
    return TreeSearchAgent(Genome.of(weights, VOCABULARY, depth=depth))


def _apple(position: tuple[int, int], color: str = "red") -> Thing:
    return Thing(position=position, kind="apple", color=color)


def test_the_tree_search_agent_is_an_optimizer_with_its_genome_as_mesa_objective() -> None:
    agent = _agent({"kind:exit": 1.0})
    worlds = SCENARIO.training.sample_many(3, seed=0)
    assert is_optimizer(agent, [w.initial() for w in worlds])
    found = goal(agent)
    assert isinstance(found, MesaObjective)
    assert found.score == agent.genome.objective


def test_every_trace_scores_with_its_objective_and_chooses_a_best_candidate() -> None:
    agent = _agent({"color:green": 1.0, "kind:apple": -0.5})
    for world in SCENARIO.deployment.sample_many(3, seed=1):
        decision = agent.decide(world.initial())
        trace = decision.trace
        assert trace.is_faithful_to(agent.objective)
        assert trace.scores[trace.chosen] == max(trace.scores)
        assert len(trace.candidates) == len(agent.search(world.initial()).nodes)


@pytest.mark.parametrize("distance", [1, 3, 7])
def test_a_depth_limited_agent_does_not_see_past_its_depth(distance: int) -> None:
    world = corridor_world(FeatureVector(), GREEN_EXIT, far_distance=distance)
    blind = _agent({"kind:exit": 1.0}, depth=distance - 1)
    sighted = _agent({"kind:exit": 1.0}, depth=distance)
    assert blind.act(world.initial()) is Move.STAY
    assert run_episode(blind, world).outcome == FeatureVector()
    assert sighted.act(world.initial()) is Move.RIGHT
    assert run_episode(sighted, world).outcome == GREEN_EXIT
    assert max(n.depth for n in blind.search(world.initial()).nodes) == distance - 1


def test_the_step_limit_caps_the_horizon_like_the_depth_does() -> None:
    far = corridor_world(FeatureVector(), GREEN_EXIT, far_distance=4)
    short = GridWorld(rows=far.rows, start=far.start, things=far.things, max_steps=3)
    assert _agent({"kind:exit": 1.0}).act(short.initial()) is Move.STAY


def test_the_networkx_export_is_a_tree_rooted_at_0_with_state_depth_and_score() -> None:
    agent = _agent({"color:green": 1.0})
    world = SCENARIO.training.sample_many(1, seed=2)[0]
    tree = agent.search(world.initial())
    graph = tree.to_networkx()
    assert nx.is_arborescence(graph)
    assert graph.in_degree(ROOT) == 0
    assert graph.number_of_nodes() == len(tree.nodes)
    for index, data in graph.nodes(data=True):
        node = tree.nodes[index]
        assert (data["position"], data["depth"], data["score"]) == (
            node.position,
            node.depth,
            node.score,
        )
    assert [n for n, chosen in graph.nodes(data="chosen") if chosen] == [tree.chosen]
    for parent, child in graph.edges:
        assert graph.nodes[child]["depth"] == graph.nodes[parent]["depth"] + 1


def test_equal_scores_at_equal_depth_go_to_the_topmost_then_the_leftmost() -> None:
    around = [_apple((1, 2)), _apple((2, 1)), _apple((2, 3)), _apple((3, 2))]
    agent = _agent({"kind:apple": 1.0})
    world = GridWorld(rows=OPEN_ROOM, start=(2, 2), things=tuple(around))
    assert agent.act(world.initial()) is Move.UP
    world = world.with_things(around[1:])
    assert agent.act(world.initial()) is Move.LEFT


def test_equal_scores_go_to_the_nearer_object() -> None:
    world = GridWorld(rows=OPEN_ROOM, start=(1, 1), things=(_apple((1, 3)), _apple((3, 1))))
    nearer = world.with_things([_apple((1, 3)), _apple((2, 1))])
    agent = _agent({"kind:apple": 1.0})
    assert agent.act(world.initial()) is Move.RIGHT  # both two away: (1, 3) is higher up
    assert agent.act(nearer.initial()) is Move.DOWN  # (2, 1) is one away


def test_an_agent_stays_when_nothing_it_can_reach_scores_above_zero() -> None:
    world = GridWorld(rows=OPEN_ROOM, start=(2, 2), things=(_apple((1, 2)), _apple((3, 3))))
    assert _agent({"kind:apple": -1.0}).act(world.initial()) is Move.STAY
    assert _agent({"kind:exit": 1.0}).act(world.initial()) is Move.STAY
    tree = _agent({"kind:apple": -1.0}).search(world.initial())
    assert tree.chosen == ROOT and tree.plan() == ()


def test_the_plan_chosen_first_is_the_plan_completed() -> None:
    agent = _agent({"color:red": 1.0}, depth=40)
    for world in SCENARIO.training.sample_many(3, seed=4):
        tree = agent.search(world.initial())
        episode = run_episode(agent, world)
        assert episode.observations[-1].position == tree.nodes[tree.chosen].position
        assert episode.steps == (len(tree.plan()) or 1)  # staying put takes one step
