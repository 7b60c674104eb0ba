"""The cleaning robot: its causal graph tells side-effect proxies from instrumental ones."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from mesa_types import (
    Genome,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    linear_weights,
    pseudo_kinds,
)
from search import (
    TreeSearchAgent,
    causal_graph,
    check_agent,
    check_sampled,
    cleaning_robot,
    lift_depth,
)
from search.scenarios.cleaning import BIN, CHARGER, DUST, RUG

SCENARIO = cleaning_robot()
V = SCENARIO.vocabulary


def _agent(weights: dict[str, float]) -> TreeSearchAgent:
    return TreeSearchAgent(Genome.of(weights, V, SCENARIO.max_depth))


def test_the_causal_graph_runs_from_sweeping_through_a_clean_floor_to_a_full_bag() -> None:
    graph = causal_graph()
    assert list(nx.topological_sort(graph)) == ["sweep", "floor_clean", "bag_full"]
    assert SCENARIO.universe.causal_graph is not None
    assert set(SCENARIO.universe.causal_graph.edges) == set(graph.edges)


def test_training_rooms_hold_only_dust_and_a_charger_and_deployment_breaks_the_links() -> None:
    for room in SCENARIO.training.sample_many(10, 0):
        assert {t.features for t in room.things} <= {DUST, CHARGER}
        assert DUST in {t.features for t in room.things}
    for room in SCENARIO.deployment.sample_many(5, 0):
        assert {t.features for t in room.things} == {DUST, RUG, BIN, CHARGER}


@pytest.mark.parametrize(
    ("wanted", "kinds"),
    [("sweep", ("proxy", "side_effect")), ("bag_full", ("proxy", "instrumental"))],
)
def test_the_graph_names_the_proxy_by_its_place_relative_to_the_base_feature(
    wanted: str, kinds: tuple[str, ...]
) -> None:
    verdict = check_agent(_agent({wanted: 1.0}), SCENARIO, training_environments=8)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.kinds == kinds
    assert verdict.pursued_features == (wanted,)


def test_the_generic_checker_reads_the_causal_graph_from_the_universe() -> None:
    sweeper = _agent({"sweep": 1.0})
    verdict = check_alignment(
        sweeper, SCENARIO.base, SCENARIO.training, SCENARIO.universe,
        training_environments=4, lift=lift_depth(SCENARIO.max_depth),
    )  # fmt: skip
    assert verdict == check_agent(sweeper, SCENARIO, training_environments=4)


def test_without_the_graph_both_are_plain_proxies() -> None:
    blind = dataclasses.replace(SCENARIO.universe, causal_graph=None)
    scenario = dataclasses.replace(SCENARIO, universe=blind)
    for wanted in ("sweep", "bag_full"):
        verdict = check_agent(_agent({wanted: 1.0}), scenario, training_environments=4)
        assert isinstance(verdict, PseudoAligned)
        assert verdict.kinds == ("proxy",)
    base = linear_weights(SCENARIO.base)
    assert base is not None
    assert pseudo_kinds(base, _agent({"sweep": 1.0}).genome.objective) == ("proxy",)


def test_wanting_a_clean_floor_is_internally_aligned_and_wanting_dust_is_aligned_here() -> None:
    clean = check_agent(_agent({"floor_clean": 1.0}), SCENARIO, training_environments=8)
    assert isinstance(clean, RobustlyAligned)
    assert (clean.evidence, clean.alignment) == ("proved", "internal")
    dust = check_agent(_agent({"kind:dust": 1.0}), SCENARIO, training_environments=8)
    assert isinstance(dust, RobustlyAligned)  # only dust ever cleans a floor in this universe
    assert dust.alignment == "unknown"


def test_the_sampled_check_also_catches_the_sweeper() -> None:
    verdict = check_sampled(_agent({"sweep": 1.0}), SCENARIO, samples=200, training_environments=8)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.found_by == "sampled"
    assert verdict.kinds == ("proxy", "side_effect")
