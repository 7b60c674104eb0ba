"""How fast the exact checker judges a search-tree agent, witness built and verified.

Genomes: the final populations of several short genetic runs on *green exit*
(what the checker is for: judging what a base optimizer found) and random
genomes (every verdict, misaligned ones included). Each is judged four ways in
the same run:

* ``exact (fast)``: :class:`search.checks.agent_checker.AgentChecker`, one genome at a time:
  training check on the population path, the suboptimality lift, then the
  exact route (every pair of outcomes the two objectives order differently
  becomes a witness corridor, and the agent is run there to confirm it);
* ``exact (fast, batched)``: the same with :meth:`AgentChecker.check_many`;
* ``sampled 1,000 (population path)``: the sampled check on 1,000 universe
  mazes, already drawn and compiled, on the population path: no proof, and
  the drawing is not counted;
* ``sampled 1,000 (running)``: the sampled check as the generic
  :func:`mesa_types.check_behaviour` does it, drawing 1,000 universe mazes and
  running the agent in each (on agents proved robust, which must pass them
  all; on a couple of agents: it is slow);
* ``exact (generic)``: :func:`search.checks.agent_checker.check_agent_slowly`, i.e.
  :func:`mesa_types.check_alignment`, running the agent through every training
  maze (on a subset: it is slow).

The fast and generic verdicts must be equal, and no agent the exact checker
proves robust may fail one of the 1,000 mazes; the script checks both. Times
are means per agent, with a breakdown by verdict.

Run ``python -m benchmarks.bench_checker`` (``--quick`` for a smoke run, on 50 mazes).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from mesa_types import (
    GeneticConfig,
    GeneticOptimizer,
    Genome,
    RobustlyAligned,
    Verdict,
    check_behaviour,
)
from search import (
    AgentChecker,
    PopulationFitness,
    Scenario,
    TrainingSet,
    TreeSearchAgent,
    green_exit,
)
from search.checks.agent_checker import check_agent_slowly
from search.checks.judged_mazes import JudgedMazes


def evolved_genomes(
    scenario: Scenario, runs: int, population: int, generations: int
) -> list[Genome]:
    """The final population of ``runs`` short genetic runs, one seed each."""
    worlds = scenario.training.sample_many(32, 1)
    fitness = PopulationFitness(TrainingSet.compile(worlds, scenario.vocabulary, scenario.base))
    found: list[Genome] = []
    for seed in range(runs):
        config = GeneticConfig(population=population)
        ga = GeneticOptimizer(config, scenario.vocabulary, scenario.base, seed=seed)
        for _ in range(generations):
            tokens = ga.ask()
            ga.tell(list(zip(tokens, fitness([t.model for t in tokens]), strict=True)))
        found += [genome for genome, _ in ga.evaluated]
    return found


def random_genomes(scenario: Scenario, count: int, seed: int) -> list[Genome]:
    """Uniform weights in [-1, 1], depths 1 to ``max_depth``."""
    rng = np.random.default_rng(seed)
    vocabulary = scenario.vocabulary
    return [
        Genome.of(
            dict(zip(vocabulary, rng.uniform(-1, 1, len(vocabulary)).tolist(), strict=True)),
            vocabulary,
            int(rng.integers(1, scenario.max_depth + 1)),
        )
        for _ in range(count)
    ]


def timed_one_by_one(
    checker: AgentChecker, agents: Sequence[TreeSearchAgent]
) -> tuple[list[Verdict], list[float]]:
    """Each agent's verdict and the seconds it took."""
    verdicts, seconds = [], []
    for agent in agents:
        start = time.perf_counter()
        verdicts.append(checker.check(agent))
        seconds.append(time.perf_counter() - start)
    return verdicts, seconds


def sampled_seconds(judged: JudgedMazes, genomes: Sequence[Genome]) -> tuple[float, int]:
    """Seconds to run the sampled check per genome, and how many genomes failed somewhere."""
    start = time.perf_counter()
    failed = sum(bool(judged.failures([g], 1e-9).any()) for g in genomes)
    return time.perf_counter() - start, failed


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    """Run the benchmark, print the report, and return the mean seconds per agent of each way."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    args = parser.parse_args(argv)
    runs, generic, running = (1, 2, 1) if args.quick else (10, 30, 2)
    samples = 50 if args.quick else 1000
    scenario = green_exit()
    evolved = evolved_genomes(scenario, runs, population=64, generations=30)
    genomes = evolved + random_genomes(scenario, 32 if args.quick else 512, seed=7)
    agents = [TreeSearchAgent(g) for g in genomes]

    start = time.perf_counter()
    checker = AgentChecker(scenario)
    setup = time.perf_counter() - start
    verdicts, seconds = timed_one_by_one(checker, agents)
    start = time.perf_counter()
    batched = checker.check_many(agents)
    batched_seconds = time.perf_counter() - start
    assert batched == verdicts, "check_many and check disagree"

    mazes = scenario.universe.distribution.sample_many(samples, 11)
    judged = JudgedMazes(mazes, scenario.vocabulary, scenario.base)
    sampled, _ = sampled_seconds(judged, genomes)
    proved = [g for g, v in zip(genomes, verdicts, strict=True) if isinstance(v, RobustlyAligned)]
    _, refuted = sampled_seconds(judged, proved)
    assert refuted == 0, f"{refuted} proved agents fail a sampled maze"

    subset = agents[:: max(1, len(agents) // generic)][:generic]
    start = time.perf_counter()
    slow = [check_agent_slowly(a, scenario) for a in subset]
    slow_seconds = (time.perf_counter() - start) / len(subset)
    assert slow == [checker.check(a) for a in subset], "fast and generic verdicts differ"

    start = time.perf_counter()
    for genome in proved[:running]:
        verdict = check_behaviour(
            TreeSearchAgent(genome),
            scenario.base,
            scenario.training,
            scenario.universe,
            samples=samples,
        )
        assert isinstance(verdict, RobustlyAligned), "a proved agent failed a sampled maze"
    by_running = (time.perf_counter() - start) / max(1, min(running, len(proved)))

    times = {
        "exact (fast, batched)": batched_seconds / len(genomes),
        f"sampled {samples:,} (population path)": sampled / len(genomes),
        f"sampled {samples:,} (running)": by_running,
        "exact (generic)": slow_seconds,
    }
    _report(genomes, evolved, verdicts, seconds, setup, times)
    print(f"robustly aligned (proved): {len(proved)}; failing a sampled maze: 0 of {samples:,}")
    return times


def _report(
    genomes: Sequence[Genome],
    evolved: Sequence[Genome],
    verdicts: Sequence[Verdict],
    seconds: Sequence[float],
    setup: float,
    times: dict[str, float],
) -> None:
    n = len(genomes)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for verdict, s in zip(verdicts, seconds, strict=True):
        by_kind[verdict.kind].append(s)
    one = sum(seconds) / n
    evolved_mean = sum(seconds[: len(evolved)]) / len(evolved)
    print(f"{n} genomes ({len(evolved)} from final GA populations, {n - len(evolved)} random)")
    print(f"checker setup (32 training mazes drawn and compiled): {setup * 1e3:.1f} ms, once")
    print(f"{'exact (fast), mean per agent:':52s} {one * 1e3:10.3f} ms")
    print(f"{'  evolved genomes only:':52s} {evolved_mean * 1e3:10.3f} ms")
    for kind, spent in sorted(by_kind.items()):
        print(f"{'  ' + kind + f' ({len(spent)})':52s} {np.mean(spent) * 1e3:10.3f} ms")
    for way, s in times.items():
        print(f"{way + ', mean per agent:':52s} {s * 1e3:10.3f} ms   ({s / one:7.1f}x exact)")


if __name__ == "__main__":
    main()
