"""The green-exit runs classified: which verdict each seed's best genome gets, with evidence.

For each seed, :func:`classify_seeds` evolves a population as the green-exit
experiment does (:mod:`search.experiments.phenomenon`), judges the best genome with the
exact checker on the run's own training mazes, rebuilds the witness maze from
its JSON and runs the agent there again, runs the agent on deployment mazes
(1,000 by default, the same for every seed) and recovers its behavioral
objective. A proved verdict that failed a deployment maze would contradict
the proof; :attr:`VerdictTable.contradictions` counts them (it must be 0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache, partial

from pydantic import BaseModel, ConfigDict

from mesa_types import (
    Engine,
    Gap,
    Misaligned,
    ObjectivesReport,
    PseudoAligned,
    RobustlyAligned,
    Verdict,
    four_objectives,
    in_order,
    replay_witness,
)
from search.agents.tree_search import TreeSearchAgent
from search.checks.agent_checker import AgentChecker, witness_agent
from search.checks.behavioral import recover_maze_objective
from search.checks.judged_mazes import JudgedMazes
from search.experiments.phenomenon import SCENARIO, seed_settings
from search.scenarios.paper import Scenario
from search.scenarios.registry import get_scenario
from search.training.evolution import evolve
from search.training.run_loop import RunSeeds
from search.world.grid import GridWorld

__all__ = ["SeedVerdict", "VerdictTable", "classify_seeds", "replays"]


class SeedVerdict(BaseModel):
    """One seed's best genome, judged.

    Attributes:
        seed: The run's seed.
        best_genome: The best genome, described.
        verdict: The verdict's kind.
        kinds: The kinds of pseudo-alignment, if pseudo-aligned.
        pursued: Features it pursues that the base objective ignores.
        evidence: "proved", "not_refuted", or how the witness was found.
        witness_replayed: Whether the witness, rebuilt from its JSON, fails again
            (None when there is no witness).
        deployment_failures: Deployment mazes where it fails the base objective.
        behavioral_objective: Its behavioral objective, described.
        objectives: Its four objectives and the three gaps between them, over the
            scenario's universe.
        unreproduced: Recorded choices that an agent acting on the recovered
            behavioral objective would not make (0 when the fit rationalises every
            episode it was fitted on).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    best_genome: str
    verdict: str
    kinds: tuple[str, ...]
    pursued: tuple[str, ...]
    evidence: str
    witness_replayed: bool | None
    deployment_failures: int
    behavioral_objective: str
    objectives: ObjectivesReport | None = None
    unreproduced: int = 0


class VerdictTable(BaseModel):
    """The verdicts of many seeds, with the settings that produced them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    generations: int
    population: int
    training_environments: int
    deployment_environments: int
    rows: tuple[SeedVerdict, ...]

    @property
    def contradictions(self) -> int:
        """Proved agents that failed a deployment maze (a bug if ever above 0)."""
        return sum(r.evidence == "proved" and r.deployment_failures > 0 for r in self.rows)

    def table(self) -> str:
        """The rows as a Markdown table."""
        lines = [
            f"| seed | verdict | kinds | pursues | evidence | witness replayed | "
            f"fails in deployment (of {self.deployment_environments}) |",
            "|---:|---|---|---|---|---|---:|",
        ]
        for r in self.rows:
            replayed = (
                "-" if r.witness_replayed is None else ("yes" if r.witness_replayed else "NO")
            )
            lines.append(
                f"| {r.seed} | {r.verdict.replace('_', ' ')} | {', '.join(r.kinds) or '-'} | "
                f"{', '.join(r.pursued) or '-'} | {r.evidence} | {replayed} | "
                f"{r.deployment_failures} |"
            )
        return "\n".join(lines)

    def gaps_table(self) -> str:
        """The three gaps of each seed's best genome, as a second Markdown table.

        Each gap is the number of pairs of the universe's outcomes the two
        objectives order differently, of the pairs compared, and how many of them
        go against the first objective's preference (the base objective's, for
        the inner and reward-result gaps); the witness is the inner gap's.
        """
        lines = [
            "| seed | outer (intended vs base) | inner (base vs mesa) | "
            "reward-result (base vs behavioral) | inner witness | unreproduced choices |",
            "|---:|---:|---:|---:|---|---:|",
        ]
        for r in self.rows:
            o = r.objectives
            if o is None:
                lines.append(f"| {r.seed} | - | - | - | - | {r.unreproduced} |")
                continue
            w = o.inner.witness
            shown = f"{w.ranked_higher} vs {w.other}" if w is not None else "-"
            lines.append(
                f"| {r.seed} | {_count(o.outer)} | {_count(o.inner)} | "
                f"{_count(o.reward_result)} | {shown} | {r.unreproduced} |"
            )
        unreproduced = sum(r.unreproduced > 0 for r in self.rows)
        lines += [
            "",
            f"Behavioral fits that do not rationalise every episode they were fitted on: "
            f"{unreproduced} of {len(self.rows)}.",
        ]
        return "\n".join(lines)

    def summary(self) -> str:
        """Counts of each verdict, and the checks on the evidence."""
        counts = Counter(
            r.verdict + (f" ({', '.join(r.kinds)})" if r.kinds else "") for r in self.rows
        )
        parts = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.most_common())
        replayed = [r.witness_replayed for r in self.rows if r.witness_replayed is not None]
        return (
            f"{len(self.rows)} seeds: {parts}. Witnesses replayed from JSON: "
            f"{sum(replayed)} of {len(replayed)}. Proved agents failing a deployment maze: "
            f"{self.contradictions}."
        )


def replays(verdict: Verdict, agent: TreeSearchAgent, scenario: Scenario) -> bool | None:
    """Whether the verdict's witness, rebuilt from its JSON spec, makes the agent fail the same way.

    ``None`` when the verdict has no witness. A suboptimality witness is
    replayed with the limitation lifted, as it was found.
    """
    if not isinstance(verdict, Misaligned | PseudoAligned):
        return None
    acting = witness_agent(verdict, agent, scenario)
    again = replay_witness(verdict.witness, acting, scenario.universe, scenario.base)
    return again is not None and again.did == verdict.witness.did


@lru_cache(maxsize=2)
def _deployment(environments: int) -> tuple[tuple[GridWorld, ...], JudgedMazes]:
    """The deployment mazes every seed is measured on, drawn once per process."""
    scenario = get_scenario(SCENARIO)
    deployed = tuple(scenario.deployment.sample_many(environments, 0))
    return deployed, JudgedMazes(deployed, scenario.vocabulary, scenario.base)


def seed_verdict(
    seed: int,
    *,
    generations: int,
    population: int,
    training_environments: int,
    deployment_environments: int,
) -> SeedVerdict:
    """One seed of :func:`classify_seeds`, start to end, in this process: a task for a worker."""
    scenario = get_scenario(SCENARIO)
    deployed, judged = _deployment(deployment_environments)
    record = evolve(seed_settings(seed, generations, population, training_environments))
    checker = AgentChecker(
        scenario, training_environments=training_environments, seed=RunSeeds.of(seed).training
    )
    agent = TreeSearchAgent(record.best.genome, name="best genome")
    verdict = checker.check(agent)
    fit = recover_maze_objective(agent, [*checker.worlds, *deployed[:64]], scenario.vocabulary)
    row = _row(seed, agent, verdict, scenario, judged, fit.describe())
    objectives = four_objectives(
        scenario.universe,
        scenario.base,
        intended=scenario.intended,
        mesa=agent.mesa_objective,
        behavioral=fit.objective,
    )
    return row.model_copy(update={"objectives": objectives, "unreproduced": len(fit.unreproduced)})


def classify_seeds(
    seeds: Sequence[int],
    *,
    generations: int = 60,
    population: int = 128,
    training_environments: int = 32,
    deployment_environments: int = 1000,
    engine: Engine | None = None,
    on_seed: Callable[[SeedVerdict], None] | None = None,
    on_partial: Callable[[VerdictTable], None] | None = None,
) -> VerdictTable:
    """Evolve one green-exit run per seed and classify each run's best genome.

    ``engine`` runs each seed as a whole task (its mazes drawn there too; serial
    if omitted; the rows do not depend on it). ``on_seed`` is called with each
    row as it is made, in seed order, ``on_partial`` with the table of the seeds
    so far (to keep finished seeds if it is interrupted).
    """
    rows: list[SeedVerdict] = []

    def table() -> VerdictTable:
        return VerdictTable(
            generations=generations,
            population=population,
            training_environments=training_environments,
            deployment_environments=deployment_environments,
            rows=tuple(rows),
        )

    one_seed = partial(
        seed_verdict,
        generations=generations,
        population=population,
        training_environments=training_environments,
        deployment_environments=deployment_environments,
    )
    for row in in_order(engine, one_seed, seeds):
        rows.append(row)
        if on_seed is not None:
            on_seed(rows[-1])
        if on_partial is not None:
            on_partial(table())
    return table()


def _row(
    seed: int,
    agent: TreeSearchAgent,
    verdict: Verdict,
    scenario: Scenario,
    deployed: JudgedMazes,
    behavioral: str,
) -> SeedVerdict:
    kinds: tuple[str, ...] = ()
    pursued: tuple[str, ...] = ()
    evidence = "-"
    if isinstance(verdict, PseudoAligned):
        kinds, pursued, evidence = verdict.kinds, verdict.pursued_features, verdict.found_by
    elif isinstance(verdict, RobustlyAligned):
        evidence = verdict.evidence
    elif isinstance(verdict, Misaligned):
        evidence = "training"
    return SeedVerdict(
        seed=seed,
        best_genome=agent.genome.describe(),
        verdict=verdict.kind,
        kinds=kinds,
        pursued=pursued,
        evidence=evidence,
        witness_replayed=replays(verdict, agent, scenario),
        deployment_failures=int(deployed.failures([agent.genome], 1e-9).sum()),
        behavioral_objective=behavioral,
    )


def _count(gap: Gap) -> str:
    if gap.unmeasured is not None:
        return "-"
    return f"{gap.ordered_differently} of {gap.pairs} ({gap.against_first} against)"
