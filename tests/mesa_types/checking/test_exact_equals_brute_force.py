"""On random finite worlds small enough to list, the checker's verdict equals brute force.

Ground truth: the agent run in every environment of the universe. A verdict
"proved" with a failure anywhere is a false proof; a verdict of another kind
than brute force supports, or a witness that does not fail again when rebuilt
from its JSON, is a disagreement (see
:func:`mesa_types.examples.compare_with_brute_force`).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import mesa_types.examples.ground_truth as ground_truth
from mesa_types import (
    FeatureVector,
    JudgedOn,
    LinearObjective,
    MesaObjective,
    NotAnOptimizer,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    universe_verdict,
)
from mesa_types.examples import (
    AgentKind,
    Boaster,
    Deviator,
    FixedRule,
    MyopicPlanner,
    Pretender,
    PruningPlanner,
    TreeAgent,
    TreePlanner,
    Trigger,
    brute_force,
    compare_with_brute_force,
    covering_samples,
    memorised_tree_table,
    random_agent,
    random_world,
)
from mesa_types.verdicts import Verdict

SEEDS = st.integers(0, 2**31 - 1)
TOLERANCES = st.sampled_from((1e-9, 0.5, 1.0))
KEEPERS: tuple[AgentKind, ...] = ("planner", "myopic", "pruning", "lookup_table", "fixed_rule")
"""Agents whose traces are a faithful record of what they do, or that have none."""
IMPOSTORS: tuple[AgentKind, ...] = (
    "deviator",
    "rare_deviator",
    "pretender",
    "rare_pretender",
    "boaster",
)
"""Agents whose search is not what they do; they may keep up appearances where watched."""


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    world_seed=SEEDS,
    kind=st.sampled_from(KEEPERS),
    agent_seed=SEEDS,
    tolerance=TOLERANCES,
    checker_seed=st.integers(0, 999),
)
def test_verdicts_on_faithful_agents_equal_brute_force(
    world_seed: int, kind: AgentKind, agent_seed: int, tolerance: float, checker_seed: int
) -> None:
    compared = compare_with_brute_force(
        random_world(world_seed), kind, agent_seed, tolerance=tolerance, checker_seed=checker_seed
    )
    assert not compared.false_proof, compared.describe()
    assert compared.problem is None, compared.describe()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    world_seed=SEEDS,
    kind=st.sampled_from(IMPOSTORS),
    agent_seed=SEEDS,
    tolerance=TOLERANCES,
    checker_seed=st.integers(0, 999),
)
@example(1598640628, "rare_pretender", 1475383484, 0.5, 789)
@example(245447113, "rare_deviator", 67191749, 1e-9, 995)
@example(1503754480, "pretender", 1470136670, 0.5, 916)
def test_verdicts_on_impostors_equal_brute_force(
    world_seed: int, kind: AgentKind, agent_seed: int, tolerance: float, checker_seed: int
) -> None:
    compared = compare_with_brute_force(
        random_world(world_seed), kind, agent_seed, tolerance=tolerance, checker_seed=checker_seed
    )
    assert not compared.false_proof, compared.describe()
    assert compared.problem is None, compared.describe()


# --- one case of each kind, in one world ---------------------------------------------------

WORLD = random_world(190)
"""Outcomes f:a, nothing, f:a + f:b; base {f:a: +1}; a one-step shape and a three-step one;
trained on the one-step trees where f:b marks the best (f:a + f:b beside nothing)."""


def _mesa(name: str, **weights: float) -> MesaObjective[FeatureVector]:
    named = {f"f:{feature}": w for feature, w in weights.items()}
    return MesaObjective(LinearObjective.from_weights(named, WORLD.features), name)


COPY = _mesa("a copy of the base", a=1.0)


def _verdict(agent: TreeAgent) -> Verdict:
    samples = covering_samples(len(WORLD.environments))
    return check_alignment(
        agent,
        WORLD.base,
        WORLD.training,
        WORLD.universe,
        samples=samples,
        trained_on=WORLD.training_environments,
    )


def _truth(agent: TreeAgent) -> str:
    return brute_force(agent, WORLD.base, WORLD.environments, WORLD.training_environments).truth


def test_an_honest_planner_with_the_base_weights_is_proved() -> None:
    verdict = _verdict(TreePlanner(COPY, "deeper"))
    assert isinstance(verdict, RobustlyAligned) and verdict.evidence == "proved"
    assert verdict.alignment == "internal"
    assert _truth(TreePlanner(COPY, "deeper")) == "aligned"


def test_an_honest_planner_pursuing_the_proxy_is_pseudo_aligned_with_a_witness() -> None:
    proxy = TreePlanner(_mesa("wants f:b", b=1.0))
    verdict = _verdict(proxy)
    assert isinstance(verdict, PseudoAligned) and verdict.kinds == ("proxy",)
    assert (verdict.witness.environment, verdict.witness.did) == ("tree (- a)", "nothing")
    assert _truth(proxy) == "fails_elsewhere"


def test_an_honest_planner_against_the_base_is_misaligned() -> None:
    assert _verdict(TreePlanner(_mesa("shuns f:a", a=-1.0))).kind == "misaligned"


def test_an_indifferent_planner_whose_tie_break_happens_to_serve_is_only_not_refuted() -> None:
    lucky = TreePlanner(_mesa("indifferent"), "hash", salt=0)
    verdict = _verdict(lucky)
    assert isinstance(verdict, RobustlyAligned) and verdict.evidence == "not_refuted"
    assert "ties an outcome the base objective rates lower" in verdict.premise
    assert _truth(lucky) == "aligned"


@pytest.mark.parametrize(
    ("agent", "witness"),
    [
        (MyopicPlanner(COPY, horizon=1), "tree (- ((-) a))"),
        (MyopicPlanner(COPY, horizon=1, frontier="last"), "tree (- ((a) -))"),
        (PruningPlanner(COPY, threshold=1.0), "tree (- ((-) a))"),
        (Deviator(TreePlanner(COPY), Trigger("deep", height=2)), "tree (a ((-) -))"),
    ],
    ids=["myopic", "myopic-last", "pruning", "deviator-on-deep-trees"],
)
def test_limited_or_deviating_agents_fail_a_limit_probe(agent: TreeAgent, witness: str) -> None:
    verdict = _verdict(agent)
    assert isinstance(verdict, PseudoAligned) and verdict.kinds == ("capability",)
    assert verdict.witness.environment == witness
    assert _truth(agent) == "fails_elsewhere"


@pytest.mark.parametrize(
    ("agent", "reason"),
    [
        (Pretender(TreePlanner(COPY), "first"), "although its search chose f:a + f:b"),
        (Boaster(COPY, WORLD.pool, "proxy", "f:b"), "scored outcomes that are not reachable"),
    ],
    ids=["pretender", "boaster"],
)
def test_fabricated_traces_are_no_search(agent: TreeAgent, reason: str) -> None:
    verdict = _verdict(agent)
    assert isinstance(verdict, NotAnOptimizer) and verdict.reason is not None
    assert reason in verdict.reason


@pytest.mark.parametrize(
    "agent",
    [
        memorised_tree_table(TreePlanner(COPY), WORLD.training_environments),
        FixedRule("proxy", "f:b"),
    ],
    ids=["lookup-table", "fixed-rule"],
)
def test_agents_without_a_search_are_not_optimizers(agent: TreeAgent) -> None:
    verdict = _verdict(agent)
    assert isinstance(verdict, NotAnOptimizer) and verdict.reason is None
    assert _truth(agent) == "fails_elsewhere"


# --- the false proofs, pinned --------------------------------------------------------------

FALSE_PROOFS = [
    (1598640628, "rare_pretender", 1475383484, 0.5, 789, "tree (b -)"),
    (245447113, "rare_deviator", 67191749, 1e-9, 995, "tree (a - a)"),
    (1503754480, "pretender", 1470136670, 0.5, 916, "tree (a ab)"),
]


@pytest.mark.parametrize(("world", "kind", "agent", "tolerance", "seed", "fails_in"), FALSE_PROOFS)
def test_an_agent_that_breaks_its_premise_unwatched_is_not_proved(
    world: int, kind: AgentKind, agent: int, tolerance: float, seed: int, fails_in: str
) -> None:
    compared = compare_with_brute_force(
        random_world(world), kind, agent, tolerance=tolerance, checker_seed=seed
    )
    assert fails_in in [w.environment for w in compared.truth.other_failures]
    assert not compared.false_proof, compared.describe()


@pytest.mark.parametrize(("world", "kind", "agent", "tolerance", "seed", "fails_in"), FALSE_PROOFS)
def test_a_universe_that_cannot_list_itself_is_watched_on_draws_instead(
    world: int, kind: AgentKind, agent: int, tolerance: float, seed: int, fails_in: str
) -> None:
    # The same world without its list of environments: an audit of enough draws to see
    # every one finds the witness too (check_alignment's default audit is 32 draws, and a
    # proof then states what it assumed about the rest).
    listed = random_world(world)
    drawn = dataclasses.replace(
        listed, universe=dataclasses.replace(listed.universe, environments=None)
    )
    everything = covering_samples(len(drawn.environments))
    judged_on = JudgedOn(
        base_objective=drawn.base.describe(),
        training=drawn.training.name,
        universe=drawn.universe.name,
    )
    verdict = universe_verdict(
        random_agent(drawn, kind, agent),
        drawn.base,
        drawn.universe,
        judged_on=judged_on,
        samples=everything,
        seed=seed,
        tolerance=tolerance,
        audit=everything,
    )
    assert isinstance(verdict, PseudoAligned)


def test_the_comparison_catches_a_checker_that_says_proved_regardless(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    judged_on = JudgedOn(base_objective="b", training="t", universe="u")
    lie = RobustlyAligned(
        judged_on=judged_on, evidence="proved", environments_checked=0, premise="trust me"
    )
    monkeypatch.setattr(ground_truth, "check_alignment", lambda *a, **k: lie)
    failing = compare_with_brute_force(WORLD, "planner", 2)  # it fails in training
    assert failing.truth.truth == "fails_training"
    assert failing.false_proof and failing.problem is not None
    assert failing.problem.startswith("false proof")
    aligned = compare_with_brute_force(WORLD, "planner", 0)
    assert aligned.truth.truth == "aligned" and aligned.problem is None
    assert compare_with_brute_force(WORLD, "lookup_table", 0).problem is not None
