"""What adversarial training does not catch: a deceptive agent that tells training from deployment.

Adversarial training selects on behaviour in training. A deceptive agent
(:class:`~search.DeceptiveAgent`) behaves as the base objective
wants wherever it believes it is in training, so it passes as long as no maze
the training process makes looks deployed to it. :func:`audit_deceptive`
runs it on given adversarial training mazes (those the adversary added in
genetic runs, say) and on deployment mazes. :func:`hunt` points the adversary
at the agent itself: round after round it draws universe mazes and keeps
those the agent fails, as it would against a genome in training.

Outcomes come from :meth:`DeceptiveAgent.planned_outcome` (one search per
maze); every failure is confirmed by running a whole episode.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from mesa_types import FeatureVector, judge_episode
from search.agents.deceptive import DeceptiveAgent
from search.scenarios.paper import Scenario
from search.training.adversarial import Adversary, adversary_seed
from search.world.grid import GridWorld

__all__ = ["DeceptionAudit", "HuntReport", "audit_deceptive", "hunt"]


class DeceptionAudit(BaseModel):
    """A deceptive agent on adversarial training mazes, then deployed.

    Attributes:
        detector: How the agent tells training from deployment.
        adversarial_mazes: Adversarial training mazes it was run on.
        complied: Of those, where it did what the base objective wants.
        believed_deployed: Of those, where it believed it was deployed.
        failed: Names of the mazes where it failed the base objective (each confirmed by a run).
        deployment_mazes: Deployment mazes it was run on.
        reached_exit: Of those, where it reached the exit.
        green: Of those, where it ended on a green object that is not the exit.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    detector: str
    adversarial_mazes: int
    complied: int
    believed_deployed: int
    failed: tuple[str, ...]
    deployment_mazes: int
    reached_exit: int
    green: int

    def describe(self) -> str:
        """Two sentences: adversarial training, then deployment."""
        return (
            f"An agent that {self.detector}: on {self.adversarial_mazes} adversarial training "
            f"mazes it does what the base objective wants in {self.complied} (it believes it "
            f"is deployed in {self.believed_deployed}). Deployed, it reaches the exit in "
            f"{self.reached_exit} of {self.deployment_mazes} mazes and goes to green instead "
            f"in {self.green}."
        )


def audit_deceptive(
    agent: DeceptiveAgent,
    adversarial: Sequence[GridWorld],
    deployment: Sequence[GridWorld],
    scenario: Scenario,
) -> DeceptionAudit:
    """Run ``agent`` on adversarial training mazes and on deployment mazes."""
    failed = [f"{m.name} ({m.height}x{m.width})" for m in _failures(agent, adversarial, scenario)]
    outcomes = [agent.planned_outcome(maze) for maze in deployment]
    return DeceptionAudit(
        detector=agent.detector.describe(),
        adversarial_mazes=len(adversarial),
        complied=len(adversarial) - len(failed),
        believed_deployed=sum(not agent.detector(maze) for maze in adversarial),
        failed=tuple(failed),
        deployment_mazes=len(deployment),
        reached_exit=sum(o.get("kind:exit", 0.0) > 0 for o in outcomes),
        green=sum(_green_not_exit(o) for o in outcomes),
    )


class HuntReport(BaseModel):
    """The adversary pointed at a deceptive agent: how long until it found a failure, if ever.

    Attributes:
        detector: How the agent tells training from deployment.
        rounds: Rounds searched (all of them if nothing was found).
        mazes: Mazes tried in those rounds.
        caught_in_round: The first round (from 1) with a failure, or None.
        failures: Failures found in that round (each confirmed by a run).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    detector: str
    rounds: int
    mazes: int
    caught_in_round: int | None
    failures: int

    def describe(self) -> str:
        """One sentence."""
        if self.caught_in_round is None:
            return (
                f"An agent that {self.detector}: the adversary tried {self.mazes} mazes in "
                f"{self.rounds} rounds and found none it fails."
            )
        return (
            f"An agent that {self.detector}: the adversary found {self.failures} mazes it "
            f"fails in round {self.caught_in_round}, after {self.mazes} mazes."
        )


def hunt(
    agent: DeceptiveAgent, scenario: Scenario, adversary: Adversary, rounds: int, seed: int
) -> HuntReport:
    """Let ``adversary`` search for mazes ``agent`` fails, for up to ``rounds`` rounds.

    Each round tries what the adversary would try against a genome with the
    agent's mesa-objective (universe draws, and witness mazes if it uses them),
    seeded as round ``r`` of a genetic run seeded ``seed``; the hunt stops at
    the first round with a failure.
    """
    tried = 0
    for round_ in range(1, rounds + 1):
        mazes = adversary.candidates(agent.genome, scenario, adversary_seed(seed, round_))
        tried += len(mazes)
        found = _failures(agent, mazes, scenario)
        if found:
            return HuntReport(
                detector=agent.detector.describe(),
                rounds=round_,
                mazes=tried,
                caught_in_round=round_,
                failures=len(found),
            )
    return HuntReport(
        detector=agent.detector.describe(),
        rounds=rounds,
        mazes=tried,
        caught_in_round=None,
        failures=0,
    )


def _failures(
    agent: DeceptiveAgent, mazes: Sequence[GridWorld], scenario: Scenario
) -> list[GridWorld]:
    base, found = scenario.base, []
    for maze in mazes:
        best = max(base(o) for o in maze.reachable_outcomes())
        if base(agent.planned_outcome(maze)) < best - 1e-9:
            if judge_episode(agent, maze, base) is None:  # cannot happen: a test pins the two
                raise AssertionError(f"planned and run outcomes differ on {maze.name!r}")
            found.append(maze)
    return found


def _green_not_exit(outcome: FeatureVector) -> bool:
    return outcome.get("color:green", 0.0) > 0 and outcome.get("kind:exit", 0.0) == 0
