"""Deceptive agents: outcomes for many mazes at once equal their one-search-per-maze outcomes."""

from __future__ import annotations

import pytest

from mesa_types import Genome, LinearObjective
from search import (
    Adversary,
    ByLabel,
    BySignature,
    BySize,
    DeceptiveAgent,
    compile_mazes,
    green_exit,
    hunt,
)
from search.agents.deceptive import Detector, Told
from search.experiments.deception_audit import hunt_each, planned_outcomes
from search.training.adversarial import witness_mazes
from search.world.grid import GridWorld

SCENARIO = green_exit()
EXIT = LinearObjective.from_weights({"kind:exit": 1.0}, SCENARIO.vocabulary)
DETECTORS: list[Detector] = [BySize(), BySignature(), ByLabel(), Told(True), Told(False)]


def _mazes() -> list[GridWorld]:
    mazes = SCENARIO.universe.distribution.sample_many(150, 5)
    mazes += SCENARIO.training.sample_many(20, 1) + SCENARIO.deployment.sample_many(20, 2)
    green = DeceptiveAgent.green_seeker(SCENARIO.vocabulary).genome
    return mazes + witness_mazes(green, SCENARIO)


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.describe())
@pytest.mark.parametrize("depth", [64, 6, 0])
def test_batched_outcomes_equal_planned_outcomes(detector: Detector, depth: int) -> None:
    mazes = _mazes()
    agent = DeceptiveAgent.green_seeker(SCENARIO.vocabulary, detector, depth=depth)
    fast = planned_outcomes(agent, compile_mazes(mazes, SCENARIO.vocabulary))
    assert fast == [agent.planned_outcome(maze) for maze in mazes]


def test_ties_and_stakes_are_resolved_as_the_agent_resolves_them() -> None:
    # Wants green and the exit equally: green exits, green apples and grey exits tie often.
    genome = Genome.of({"color:green": 1.0, "kind:exit": 1.0}, SCENARIO.vocabulary, 64)
    mazes = _mazes()
    for stake in (0.0, 1.0, 3.0):
        for detector in DETECTORS:
            agent = DeceptiveAgent(genome=genome, base_model=EXIT, detector=detector, stake=stake)
            fast = planned_outcomes(agent, compile_mazes(mazes, SCENARIO.vocabulary))
            assert fast == [agent.planned_outcome(maze) for maze in mazes]


def test_hunting_several_agents_at_once_gives_each_its_own_hunt() -> None:
    adversary = Adversary(draws=8)
    agents = [DeceptiveAgent.green_seeker(SCENARIO.vocabulary, d) for d in DETECTORS[:3]]
    together = hunt_each(agents, SCENARIO, adversary, rounds=4, seed=3)
    assert together == [hunt(a, SCENARIO, adversary, 4, 3) for a in agents]
