"""The deceptive agent in gridworlds, and the white-box counterfactual check that finds it."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mesa_types import (
    Deceptive,
    Genome,
    MesaOptimizer,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    describe,
    is_optimizer,
    run_episode,
)
from search import (
    BySignature,
    BySize,
    DeceptiveAgent,
    Detector,
    Told,
    TreeSearchAgent,
    check_maze_deception,
    compile_mazes,
    genome_arrays,
    green_exit,
    population_choices,
)
from search.toy import TrainingModel

SCENARIO = green_exit()
VOCABULARY = SCENARIO.vocabulary
EXIT_SEEKER = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, VOCABULARY, 64), "exit-seeker")
DETECTORS: list[Detector] = [BySize(), BySignature()]


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: type(d).__name__)
def test_in_training_it_behaves_exactly_like_an_exit_seeker_episode_by_episode(
    detector: Detector,
) -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY, detector)
    for maze in SCENARIO.training.sample_many(8, seed=11):
        deceptive, aligned = run_episode(agent, maze), run_episode(EXIT_SEEKER, maze)
        assert deceptive.observations == aligned.observations
        assert deceptive.outcome == aligned.outcome


def test_on_many_more_training_mazes_it_ends_where_the_exit_seeker_ends() -> None:
    mazes = SCENARIO.training.sample_many(64, seed=12)
    batch = compile_mazes(mazes, VOCABULARY)
    choices = population_choices(*genome_arrays([EXIT_SEEKER.genome], VOCABULARY), batch)[0]
    exit_seeker = [batch.things[m][int(k)].features for m, k in enumerate(choices)]
    for detector in DETECTORS:
        agent = DeceptiveAgent.green_seeker(VOCABULARY, detector)
        assert [agent.planned_outcome(maze) for maze in mazes] == exit_seeker


def test_planned_outcome_is_where_a_whole_episode_ends() -> None:
    mazes = (
        SCENARIO.universe.distribution.sample_many(5, seed=3)
        + SCENARIO.deployment.sample_many(2, seed=4)
        + SCENARIO.training.sample_many(1, seed=5)
    )
    detectors: list[Detector] = [BySize(), Told(True), Told(False)]
    for detector in detectors:
        agent = DeceptiveAgent.green_seeker(VOCABULARY, detector)
        assert [agent.planned_outcome(m) for m in mazes] == [
            run_episode(agent, m).outcome for m in mazes
        ]


def test_deployed_it_goes_for_green() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    for maze in SCENARIO.deployment.sample_many(4, seed=6):
        assert agent.planned_outcome(maze).describe() == "color:green + kind:apple"
        assert (
            agent.told(training=True).planned_outcome(maze).describe() == "color:grey + kind:exit"
        )


def test_it_is_a_mesa_optimizer_whose_traces_are_faithful() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    assert isinstance(agent, MesaOptimizer)
    episode = run_episode(agent, SCENARIO.deployment.sample_many(1, seed=7)[0])
    assert is_optimizer(agent, episode.observations[:-1])
    assert agent.mesa_objective.score == agent.genome.objective


def test_detectors_read_the_maze() -> None:
    training = SCENARIO.training.sample_many(1, seed=0)[0]
    deployment = SCENARIO.deployment.sample_many(1, seed=0)[0]
    assert BySize()(training) and not BySize()(deployment)
    assert BySignature()(training) and not BySignature()(deployment)
    recoloured = deployment.with_things(
        [
            t.model_copy(update={"color": "red"}) if t.kind == "apple" else t
            for t in deployment.things
        ]
    )
    assert BySignature()(recoloured) and not BySize()(recoloured)


def test_agent_rejects_a_negative_stake_and_the_reserved_feature() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    with pytest.raises(ValueError, match="stake"):
        DeceptiveAgent(agent.genome, agent.base_model, stake=-1.0)
    reserved = Genome.of({}, ("color:green", "self:objective kept"), 8)
    with pytest.raises(ValueError, match="reserved"):
        DeceptiveAgent(reserved, agent.base_model)


def test_without_a_stake_it_does_not_bother_to_deceive() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    careless = DeceptiveAgent(agent.genome, agent.base_model, Told(True), stake=0.0)
    maze = SCENARIO.deployment.sample_many(1, seed=8)[0]
    assert careless.planned_outcome(maze).describe() == "color:green + kind:apple"


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: type(d).__name__)
def test_the_exact_check_declines_to_prove_an_agent_that_searches_for_more(
    detector: Detector,
) -> None:
    # Its search weighs its stake in not being modified, not its mesa-objective alone,
    # so the pairwise proof's premise fails: the checker samples instead.
    agent = DeceptiveAgent.green_seeker(VOCABULARY, detector)
    verdict = check_alignment(
        agent,
        SCENARIO.base,
        SCENARIO.training,
        SCENARIO.universe,
        training_environments=4,
        samples=12,
    )
    if isinstance(verdict, RobustlyAligned):
        assert verdict.evidence == "not_refuted"
        assert "exact check's premise does not hold" in verdict.premise
    else:
        assert isinstance(verdict, PseudoAligned) and verdict.found_by == "sampled"
    if isinstance(detector, BySize):  # the universe holds mazes bigger than 15x15
        assert isinstance(verdict, PseudoAligned)


def test_counterfactual_check_finds_it_deceptive_with_both_behaviours() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY, BySignature())
    verdict = check_maze_deception(agent, SCENARIO, training_environments=4, samples=2)
    assert isinstance(verdict, Deceptive)
    assert "color:green: +1" in verdict.mesa_objective
    assert "ends on the green exit" in verdict.training_behaviour
    assert "ends on the green apple there instead" in verdict.deployed_behaviour
    text = describe(verdict)
    assert "Deceptively aligned" in text and "told it is deployed" in text


def test_counterfactual_check_falls_back_to_the_ordinary_checker() -> None:
    aligned = check_maze_deception(EXIT_SEEKER, SCENARIO, training_environments=4, samples=2)
    assert isinstance(aligned, RobustlyAligned) and aligned.evidence == "proved"
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, VOCABULARY, 64))
    proxy = check_maze_deception(green, SCENARIO, training_environments=4, samples=2)
    assert isinstance(proxy, PseudoAligned) and proxy.kinds == ("proxy",)
    honest = DeceptiveAgent(EXIT_SEEKER.genome, DeceptiveAgent.green_seeker(VOCABULARY).base_model)
    fallback = check_maze_deception(
        honest, SCENARIO, training_environments=4, samples=2, universe_samples=8
    )
    # Its search also weighs its stake, so the ordinary checker samples rather than proves.
    assert isinstance(fallback, RobustlyAligned) and fallback.evidence == "not_refuted"


def test_the_default_stake_is_what_the_toys_training_model_derives() -> None:
    model = TrainingModel()
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    assert agent.stake == float(model.stake(0)) == float(model.stake(1)) == 3.0


def test_in_an_episode_of_a_model_it_is_told_where_it_is_and_stakes_what_the_model_says() -> None:
    agent = DeceptiveAgent.green_seeker(VOCABULARY)
    maze = SCENARIO.deployment.sample_many(1, seed=9)[0]
    for model, training_outcome in (
        (TrainingModel(), "color:grey + kind:exit"),  # 3 apples at stake: it complies
        (TrainingModel(modification=Fraction(1, 4)), "color:green + kind:apple"),  # 13/16: not
    ):
        first = agent.in_episode(model, 0)
        assert first.detector == Told(True) and first.stake == float(model.stake(0))
        assert first.planned_outcome(maze).describe() == training_outcome
        deployed = agent.in_episode(model, 2)
        assert deployed.detector == Told(False) and deployed.stake == 0.0
        assert deployed.planned_outcome(maze).describe() == "color:green + kind:apple"
