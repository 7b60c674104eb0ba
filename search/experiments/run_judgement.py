"""Judging a saved run's best genome: verdict, behavioral objective, regret, the three gaps.

:func:`judge_run` gives the verdict of :func:`~search.check_agent`
on a run's best genome, judged on the run's own training mazes, with its
behavioral objective (:mod:`search.checks.behavioral`) attached, and measures
its regret on deployment mazes. ``mesa-types check`` and the demo print it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesa_types import (
    BehavioralFit,
    ObjectivesReport,
    Verdict,
    describe,
    describe_objectives,
    four_objectives,
    linear_weights,
)
from search.agents.tree_search import TreeSearchAgent
from search.checks.agent_checker import AgentChecker
from search.checks.behavioral import recover_maze_objective
from search.checks.sampled import regrets
from search.scenarios.paper import Scenario
from search.scenarios.registry import get_scenario
from search.training.run_loop import RunSeeds
from search.training.runs import RunRecord

__all__ = ["RunJudgement", "judge_run"]


@dataclass(frozen=True)
class RunJudgement:
    """A run's best genome judged: verdict, behavioral objective, deployment regret.

    Attributes:
        scenario: The run's scenario.
        agent: The best genome as an agent.
        verdict: Its verdict, with the behavioral objective attached.
        behavioral: The behavioral objective recovered from its behaviour.
        deployment_mazes: How many deployment mazes it was run on.
        deployment_failures: In how many of them it did not do what the base objective wanted.
        mean_regret: Its mean base-objective regret there.
    """

    scenario: Scenario
    agent: TreeSearchAgent
    verdict: Verdict
    behavioral: BehavioralFit
    deployment_mazes: int
    deployment_failures: int
    mean_regret: float

    def objectives(self) -> ObjectivesReport:
        """Its four objectives and three gaps, over the scenario's universe.

        The intended objective is the scenario's (if it states one), the
        mesa-objective the genome's, the behavioral objective the representative
        recovered from its behaviour.
        """
        return four_objectives(
            self.scenario.universe,
            self.scenario.base,
            intended=self.scenario.intended,
            mesa=self.agent.mesa_objective,
            behavioral=self.behavioral.objective,
        )

    def report(self) -> str:
        """The verdict paragraph, the objectives side by side, then the three gaps."""
        base = linear_weights(self.scenario.base)
        return "\n".join(
            [
                describe(self.verdict),
                f"Base objective:       {base.describe() if base else self.scenario.base.name}",
                f"Mesa-objective:       {self.agent.genome.describe()}",
                f"Behavioral objective: {self.behavioral.describe()}",
                f"On {self.deployment_mazes} deployment mazes it fails the base objective in "
                f"{self.deployment_failures}; mean regret {self.mean_regret:.3g}.",
                describe_objectives(self.objectives()),
            ]
        )


def judge_run(
    record: RunRecord, scenario: Scenario | None = None, *, deployment_mazes: int = 256
) -> RunJudgement:
    """Judge a run's best genome on the run's training mazes and the scenario's universe.

    The behavioral objective is recovered from its behaviour in the run's
    training mazes and in ``deployment_mazes`` deployment mazes, where it is
    also measured.
    """
    scenario = scenario or get_scenario(record.settings.scenario)
    seeds = RunSeeds.of(record.settings.seed)
    agent = TreeSearchAgent(record.best.genome, name="best genome")
    checker = AgentChecker(
        scenario,
        training_environments=record.settings.training_environments,
        seed=seeds.training,
    )
    deployed = scenario.deployment.sample_many(deployment_mazes, seeds.deployment)
    fit = recover_maze_objective(agent, [*checker.worlds, *deployed], scenario.vocabulary)
    verdict = checker.check(agent).model_copy(update={"behavioral_objective": fit.describe()})
    lost = regrets(agent, deployed, scenario)
    return RunJudgement(
        scenario=scenario,
        agent=agent,
        verdict=verdict,
        behavioral=fit,
        deployment_mazes=len(deployed),
        deployment_failures=sum(r > checker.tolerance for r in lost),
        mean_regret=sum(lost) / len(lost) if lost else 0.0,
    )
