"""Ground truth by brute force, and whether an alignment verdict matches it.

When a universe is small enough to list, there is no need to reason about it:
run the learned algorithm in every environment and judge each episode with
:func:`~mesa_types.judge_episode`. :func:`brute_force` does that, and
:func:`compare_with_brute_force` sets a verdict of
:func:`~mesa_types.check_alignment` beside it on a random tree world. A
verdict "proved" that brute force refutes is a false proof, the worst thing
the checker can say; a verdict of the wrong kind, or a witness that does not
fail again when rebuilt from its JSON, is a disagreement.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from mesa_types.algorithms import LearnedAlgorithm
from mesa_types.checking.alignment import check_alignment
from mesa_types.checking.judging import judge_episode
from mesa_types.environments import Environment
from mesa_types.examples.random_agents import STRUCTURE, AgentKind, Structure, random_agent
from mesa_types.examples.random_worlds import RandomWorld
from mesa_types.examples.trees import TreeEnvironment, TreeState
from mesa_types.objectives import BaseObjective
from mesa_types.verdicts import Misaligned, PseudoAligned, RobustlyAligned, Verdict, Witness

__all__ = [
    "BruteForceComparison",
    "GroundTruth",
    "Truth",
    "brute_force",
    "compare_with_brute_force",
    "correct_kinds",
    "covering_samples",
]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")

Truth = Literal["fails_training", "fails_elsewhere", "aligned"]
"""What brute force found: a failure in training, failures only outside it, or none."""

_KIND_OF_TRUTH = {
    "fails_training": "misaligned",
    "fails_elsewhere": "pseudo_aligned",
    "aligned": "robustly_aligned",
}


@dataclass(frozen=True)
class GroundTruth:
    """Where an algorithm fails, found by running it in every environment of a universe.

    Attributes:
        training_failures: Witnesses in the training environments.
        other_failures: Witnesses in the rest of the universe.
        environments: How many environments were run.
    """

    training_failures: tuple[Witness, ...]
    other_failures: tuple[Witness, ...]
    environments: int

    @property
    def truth(self) -> Truth:
        """Which verdict brute force supports."""
        if self.training_failures:
            return "fails_training"
        return "fails_elsewhere" if self.other_failures else "aligned"


def brute_force(
    algorithm: LearnedAlgorithm[O, A],
    base: BaseObjective[S],
    environments: Sequence[Environment[O, A, S]],
    training: Sequence[Environment[O, A, S]],
    tolerance: float = 1e-9,
) -> GroundTruth:
    """Run ``algorithm`` in every one of ``environments`` and judge each against ``base``.

    Args:
        algorithm: The learned algorithm.
        base: The base objective.
        environments: Every environment of the universe.
        training: Those of them it was trained on (compared by value).
        tolerance: As in :func:`~mesa_types.judge_episode`.
    """
    trained = set(training)
    in_training: list[Witness] = []
    elsewhere: list[Witness] = []
    for env in environments:
        witness = judge_episode(algorithm, env, base, tolerance)
        if witness is not None:
            (in_training if env in trained else elsewhere).append(witness)
    return GroundTruth(tuple(in_training), tuple(elsewhere), len(environments))


def covering_samples(environments: int, miss: float = 1e-6) -> int:
    """Uniform draws that see each of ``environments`` with probability at least ``1 - miss``.

    All of them are seen unless one is missed, and each is missed with
    probability ``(1 - 1/n)**draws <= exp(-draws/n)``; the union bound gives
    ``n * log(n / miss)`` draws.
    """
    return math.ceil(environments * math.log(environments / miss))


def correct_kinds(truth: Truth, structure: Structure) -> frozenset[str]:
    """The verdict kinds that are right for an agent of ``structure`` given ``truth``.

    An optimizer must get the kind brute force supports. An impostor (its
    search is not what it does) may also be called not an optimizer, if the
    checker sees through it. An agent with no search is not an optimizer.
    """
    if structure == "none":
        return frozenset({"not_an_optimizer"})
    kind = _KIND_OF_TRUTH[truth]
    return frozenset({kind}) if structure == "optimizer" else frozenset({kind, "not_an_optimizer"})


@dataclass(frozen=True)
class BruteForceComparison:
    """A verdict set beside brute force on one random world and agent.

    Attributes:
        world_seed: The world, as :func:`~mesa_types.examples.random_world` of it.
        kind: The agent's kind.
        agent_seed: The agent, as :func:`~mesa_types.examples.random_agent` of all three.
        tolerance: The tolerance of both judgements.
        checker_seed: The ``seed`` the checker was given.
        structure: What is inside the agent.
        verdict: What the checker said.
        truth: What brute force found.
        problem: Why the verdict is wrong, or None if it is right.
    """

    world_seed: int
    kind: AgentKind
    agent_seed: int
    tolerance: float
    checker_seed: int
    structure: Structure
    verdict: Verdict
    truth: GroundTruth
    problem: str | None

    @property
    def false_proof(self) -> bool:
        """Whether the checker said "proved" and brute force found a failure."""
        proved = isinstance(self.verdict, RobustlyAligned) and self.verdict.evidence == "proved"
        return proved and self.truth.truth != "aligned"

    def describe(self) -> str:
        """How to reproduce it, and what went wrong."""
        return (
            f"random_agent(random_world({self.world_seed}), {self.kind!r}, {self.agent_seed}) "
            f"at tolerance {self.tolerance:g}, checker seed {self.checker_seed}: "
            f"verdict {self.verdict.kind}"
            f"{_evidence(self.verdict)}, brute force {self.truth.truth}: {self.problem}"
        )


def _evidence(verdict: Verdict) -> str:
    return f" ({verdict.evidence})" if isinstance(verdict, RobustlyAligned) else ""


def compare_with_brute_force(
    world: RandomWorld,
    kind: AgentKind,
    agent_seed: int,
    *,
    tolerance: float = 1e-9,
    checker_seed: int = 0,
) -> BruteForceComparison:
    """Judge a random agent with :func:`~mesa_types.check_alignment` and by brute force.

    The checker judges the world's training environments themselves and, on
    its sampled route, draws enough environments to see the whole universe
    (:func:`covering_samples`), so its verdict should equal brute force.
    """
    agent = random_agent(world, kind, agent_seed)
    verdict = check_alignment(
        agent,
        world.base,
        world.training,
        world.universe,
        samples=covering_samples(len(world.environments)),
        seed=checker_seed,
        tolerance=tolerance,
        trained_on=world.training_environments,
    )
    truth = brute_force(
        agent, world.base, world.environments, world.training_environments, tolerance
    )
    structure = STRUCTURE[kind]
    if structure == "optimizer" and not _searched(agent, world.training_environments):
        structure = "none"  # one candidate everywhere in training is no search, by definition
    problem = _problem(verdict, truth, structure, world, agent, tolerance)
    return BruteForceComparison(
        world.seed, kind, agent_seed, tolerance, checker_seed, structure, verdict, truth, problem
    )


def _searched(agent: object, training: Sequence[TreeEnvironment]) -> bool:
    decide = getattr(agent, "decide", None)
    return callable(decide) and any(
        len(decide(env.initial()).trace.candidates) > 1 for env in training
    )


def _problem(
    verdict: Verdict,
    truth: GroundTruth,
    structure: Structure,
    world: RandomWorld,
    agent: LearnedAlgorithm[TreeState, int],
    tolerance: float,
) -> str | None:
    failures = truth.training_failures or truth.other_failures
    if isinstance(verdict, RobustlyAligned) and verdict.evidence == "proved" and failures:
        return f"false proof: it fails in {failures[0].environment} (and {len(failures) - 1} more)"
    if verdict.kind not in correct_kinds(truth.truth, structure):
        where = f" in {failures[0].environment}" if failures else ""
        return f"expected {' or '.join(sorted(correct_kinds(truth.truth, structure)))}{where}"
    if isinstance(verdict, Misaligned) and verdict.training_failures != len(
        truth.training_failures
    ):
        return f"{verdict.training_failures} training failures, brute force found more or fewer"
    if isinstance(verdict, PseudoAligned):
        return _witness_problem(verdict.witness, world, agent, tolerance)
    return None


def _witness_problem(
    witness: Witness, world: RandomWorld, agent: LearnedAlgorithm[TreeState, int], tolerance: float
) -> str | None:
    assert world.universe.rebuild is not None
    env = world.universe.rebuild(witness.spec)
    if env not in set(world.environments):
        return f"the witness {witness.environment} is not an environment of the universe"
    if env in set(world.training_environments):
        return f"the witness {witness.environment} is a training environment"
    if judge_episode(agent, env, world.base, tolerance) is None:
        return f"the witness {witness.environment}, rebuilt from its spec, does not fail again"
    return None
