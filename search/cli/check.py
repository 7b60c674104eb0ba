"""Judging a saved run's best genome, drawing the evidence, and ``mesa-types check``.

:func:`judge_run` gives the verdict of :func:`search.checks.agent_checker.check_agent` on a
run's best genome, judged on the run's own training mazes, with its
behavioral objective (:mod:`search.checks.behavioral`) attached. :func:`draw_verdict` draws
a verdict's witness maze with the path the agent took and the path the base
objective wanted. :func:`add_check` registers the ``check`` subcommand.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from mesa_types import (
    BehavioralFit,
    Misaligned,
    PseudoAligned,
    RobustlyAligned,
    Verdict,
    describe,
    linear_weights,
    verdict_to_json,
)
from mesa_types.optimizers.genome import Genome
from search.agents.tree_search import TreeSearchAgent
from search.checks.agent_checker import AgentChecker
from search.checks.behavioral import recover_maze_objective
from search.checks.sampled import regrets
from search.cli.tools import CommandError, Subparsers, at_least
from search.scenarios.paper import Scenario, get_scenario
from search.training.evolution import RunSeeds
from search.training.runs import RunRecord, load_run, write_text
from search.world.grid import Cell, GridWorld

__all__ = ["RunJudgement", "add_check", "draw_verdict", "judge_run", "wanted_path", "witness_agent"]


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

    def report(self) -> str:
        """The verdict paragraph, then the base and behavioral objectives side by side."""
        base = linear_weights(self.scenario.base)
        return "\n".join(
            [
                describe(self.verdict),
                f"Base objective:       {base.describe() if base else self.scenario.base.name}",
                f"Mesa-objective:       {self.agent.genome.describe()}",
                f"Behavioral objective: {self.behavioral.describe()}",
                f"On {self.deployment_mazes} deployment mazes it fails the base objective in "
                f"{self.deployment_failures}; mean regret {self.mean_regret:.3g}.",
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


def witness_agent(verdict: Verdict, agent: TreeSearchAgent, scenario: Scenario) -> TreeSearchAgent:
    """The agent that acted in the verdict's witness: the lifted one for suboptimality."""
    if isinstance(verdict, PseudoAligned) and verdict.found_by == "lifted":
        deeper = agent.genome.model_copy(update={"depth": scenario.max_depth})
        return TreeSearchAgent(deeper, f"{agent.name}, depth lifted to {scenario.max_depth}")
    return agent


def draw_verdict(
    verdict: Verdict, agent: TreeSearchAgent, scenario: Scenario, out: Path
) -> Path | None:
    """Draw the witness maze with the agent's path and the path the base objective wanted.

    Returns:
        ``out``, or ``None`` when the verdict has no witness (robust, not an optimizer).
    """
    if not isinstance(verdict, Misaligned | PseudoAligned):
        return None
    from search.render import pictures as render  # matplotlib is heavy: only when drawing

    world = GridWorld.model_validate(verdict.witness.spec)
    acting = witness_agent(verdict, agent, scenario)
    return render.save_maze_png(
        world,
        out,
        path=render.episode_path(acting, world),
        wanted_path=wanted_path(scenario, world),
        title=_title(verdict),
    )


def _title(verdict: Misaligned | PseudoAligned) -> str:
    label = verdict.kind.replace("_", "-")
    if isinstance(verdict, PseudoAligned):
        label += f" ({', '.join(k.replace('_', '-') for k in verdict.kinds)})"
    name = verdict.witness.environment
    return f"{label}: {name}" if len(name) <= 40 else f"{label}: its witness"


def wanted_path(scenario: Scenario, world: GridWorld) -> list[Cell] | None:
    """The path of an agent whose mesa-objective is the base objective and who sees everything."""
    from search.render import pictures as render

    weights = linear_weights(scenario.base)
    if weights is None:
        return None
    seer = TreeSearchAgent(Genome(objective=weights, depth=world.max_steps))
    return render.episode_path(seer, world)


def add_check(subparsers: Subparsers) -> None:
    """``mesa-types check RUN_FOLDER``: judge a saved run's best genome."""
    parser = subparsers.add_parser(
        "check",
        help="judge a saved run's best genome: robust or pseudo-aligned, and why",
        description="Read RUN_FOLDER/run.json and judge its best genome with the exact "
        "checker on the run's training mazes and its scenario's universe. Prints the verdict, "
        "the base, mesa- and behavioral objectives, and its regret on deployment mazes; "
        "writes verdict.json and, when there is a witness, witness.png.",
    )
    parser.add_argument("folder", metavar="RUN_FOLDER", help="a folder holding run.json")
    parser.add_argument(
        "--deployment-mazes",
        type=at_least(1),
        default=256,
        help="deployment mazes to measure it on and watch it in (default 256)",
    )
    parser.add_argument("--no-pictures", action="store_true", help="skip witness.png")
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not (folder / "run.json").is_file():
        raise CommandError(f"no run.json in {folder}")
    judged = judge_run(load_run(folder / "run.json"), deployment_mazes=args.deployment_mazes)
    print(judged.report())
    write_text(verdict_to_json(judged.verdict), folder / "verdict.json")
    written = ["verdict.json"]
    if not args.no_pictures:
        drawn = draw_verdict(judged.verdict, judged.agent, judged.scenario, folder / "witness.png")
        written += [drawn.name] if drawn is not None else []
    proved = isinstance(judged.verdict, RobustlyAligned) and judged.verdict.evidence == "proved"
    if proved and judged.deployment_failures:  # would contradict the proof: say so loudly
        raise CommandError("a proved agent failed a deployment maze; please report this")
    print(f"Wrote {', '.join(str(folder / name) for name in written)}")
    return 0
