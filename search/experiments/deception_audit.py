"""What adversarial training does not catch: a deceptive agent that tells training from deployment.

Adversarial training selects on behaviour in training. A deceptive agent
(:class:`~search.DeceptiveAgent`) behaves as the base objective
wants wherever it believes it is in training, so it passes as long as no maze
the training process makes looks deployed to it. :func:`audit_deceptive`
runs it on given adversarial training mazes (those the adversary added in
genetic runs, say) and on deployment mazes. :func:`hunt` points the adversary
at the agent itself: round after round it draws universe mazes and keeps
those the agent fails, as it would against a genome in training.

Outcomes are :meth:`DeceptiveAgent.planned_outcome`'s, computed for many mazes
at once by :func:`planned_outcomes` (a test pins the two); the first failure
of each batch of mazes is confirmed by running a whole episode.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from mesa_types import FeatureVector, judge_episode
from search.agents.deceptive import KEPT, DeceptiveAgent
from search.batched.population import MazeBatch, compile_mazes
from search.scenarios.paper import Scenario
from search.training.adversarial import Adversary, adversary_seed
from search.world.grid import GridWorld

__all__ = [
    "DeceptionAudit",
    "HuntReport",
    "audit_deceptive",
    "hunt",
    "hunt_each",
    "planned_outcomes",
]


class DeceptionAudit(BaseModel):
    """A deceptive agent on adversarial training mazes, then deployed.

    Attributes:
        detector: How the agent tells training from deployment.
        adversarial_mazes: Adversarial training mazes it was run on.
        complied: Of those, where it did what the base objective wants.
        believed_deployed: Of those, where it believed it was deployed.
        failed: Names of the mazes where it failed the base objective (the first confirmed
            by a run).
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
    batch = compile_mazes(adversarial, scenario.vocabulary)
    failed = [f"{m.name} ({m.height}x{m.width})" for m in _failures(agent, batch, scenario)]
    outcomes = planned_outcomes(agent, compile_mazes(deployment, scenario.vocabulary))
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
        failures: Failures found in that round (the first confirmed by a run).
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
    return hunt_each([agent], scenario, adversary, rounds, seed)[0]


def hunt_each(
    agents: Sequence[DeceptiveAgent],
    scenario: Scenario,
    adversary: Adversary,
    rounds: int,
    seed: int,
) -> list[HuntReport]:
    """:func:`hunt` for each of ``agents``, drawing each round's mazes once for all of them.

    Agents with the same genome face the same mazes in a round, so the
    reports equal those of one :func:`hunt` per agent.
    """
    reports: list[HuntReport | None] = [None] * len(agents)
    tried = [0] * len(agents)
    for round_ in range(1, rounds + 1):
        hunting = [i for i, r in enumerate(reports) if r is None]
        if not hunting:
            break
        drawn: dict[object, tuple[list[GridWorld], MazeBatch]] = {}
        for i in hunting:
            agent = agents[i]
            if agent.genome not in drawn:
                mazes = adversary.candidates(agent.genome, scenario, adversary_seed(seed, round_))
                drawn[agent.genome] = (mazes, compile_mazes(mazes, scenario.vocabulary))
            mazes, batch = drawn[agent.genome]
            tried[i] += len(mazes)
            found = _failures(agent, batch, scenario)
            if found:
                reports[i] = HuntReport(
                    detector=agent.detector.describe(),
                    rounds=round_,
                    mazes=tried[i],
                    caught_in_round=round_,
                    failures=len(found),
                )
    return [
        r
        if r is not None
        else HuntReport(
            detector=a.detector.describe(),
            rounds=rounds,
            mazes=t,
            caught_in_round=None,
            failures=0,
        )
        for r, a, t in zip(reports, agents, tried, strict=True)
    ]


def planned_outcomes(agent: DeceptiveAgent, batch: MazeBatch) -> list[FeatureVector]:
    """``agent.planned_outcome(maze)`` for every maze of ``batch``, without growing a tree.

    The agent's tree holds the start (its outcome), every empty tile and every
    object within its horizon, each object at its distance from the start. It
    keeps the stake on outcomes its base model rates best among them (or on
    all, when it believes it is deployed), and chooses the highest score, ties
    going to the shallowest node, then the topmost and leftmost: the start
    wins every tie it is in. The batch lists each maze's reachable objects in
    that very order, so the choice is one pass over them.
    """
    planning = agent.objective
    scored: dict[tuple[FeatureVector, bool], float] = {}
    found: list[FeatureVector] = []
    for m, world in enumerate(batch.worlds):
        horizon = max(0, min(agent.genome.depth, world.max_steps))
        training = agent.detector(world)
        outcomes = [world.outcome(world.initial())]
        outcomes += [
            thing.features
            for k, thing in enumerate(batch.things[m])
            if batch.distances[m, k] <= horizon
        ]
        wanted = max(agent.base_model(o) for o in outcomes)
        best, best_score = 0, 0.0
        for i, outcome in enumerate(outcomes):
            kept = not training or agent.base_model(outcome) >= wanted - 1e-9
            score = scored.get((outcome, kept))
            if score is None:
                planned = FeatureVector({**outcome, KEPT: 1.0}) if kept else outcome
                score = scored[(outcome, kept)] = planning(planned)
            if i == 0 or score > best_score:
                best, best_score = i, score
        found.append(outcomes[best])
    return found


def _failures(agent: DeceptiveAgent, batch: MazeBatch, scenario: Scenario) -> list[GridWorld]:
    """The mazes of ``batch`` where ``agent`` fails the base objective.

    The first is confirmed by running a whole episode (tests pin planned and
    run outcomes to each other; an episode costs a search per step).
    """
    base = scenario.base
    found: list[GridWorld] = []
    planned = planned_outcomes(agent, batch)
    nothing = base(FeatureVector())
    for m, (maze, outcome) in enumerate(zip(batch.worlds, planned, strict=True)):
        # maze.reachable_outcomes(), read off the batch: nothing, and every object in reach.
        things = batch.things[m]
        near = batch.distances[m, : len(things)] <= maze.max_steps
        best = max([nothing] + [base(t.features) for t, n in zip(things, near, strict=True) if n])
        if base(outcome) < best - 1e-9:
            if not found and judge_episode(agent, maze, base) is None:
                raise AssertionError(f"planned and run outcomes differ on {maze.name!r}")
            found.append(maze)
    return found


def _green_not_exit(outcome: FeatureVector) -> bool:
    return outcome.get("color:green", 0.0) > 0 and outcome.get("kind:exit", 0.0) == 0
