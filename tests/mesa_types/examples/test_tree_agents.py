"""The tree worlds' agents are what they say: planners that search, impostors that do not."""

from __future__ import annotations

from mesa_types import (
    FeatureVector,
    LinearObjective,
    MesaObjective,
    audit_premise,
    is_optimizer,
    run_episode,
)
from mesa_types.examples import (
    Boaster,
    Deviator,
    MyopicPlanner,
    PruningPlanner,
    TreeEnvironment,
    TreePlanner,
    Trigger,
    leaves,
    random_world,
    stable_digest,
)

A, B, NOTHING = FeatureVector(["f:a"]), FeatureVector(["f:b"]), FeatureVector()
WANTS_A = MesaObjective(LinearObjective.from_weights({"f:a": 1.0}, ("f:a", "f:b")), "wants a")
INDIFFERENT = MesaObjective(LinearObjective.from_weights({}, ("f:a", "f:b")), "indifferent")


def test_tie_breaks_pick_the_leaf_they_name() -> None:
    # a at depth 1 (first), a at depth 2 (middle), a at depth 1 (last): all tied.
    state = TreeEnvironment((A, (NOTHING, A), A)).initial()
    chosen = {
        tie: TreePlanner(WANTS_A, tie).decide(state).action
        for tie in ("first", "last", "deeper", "shallower")
    }
    assert chosen == {"first": 0, "last": 2, "deeper": 1, "shallower": 0}


def test_the_hash_tie_break_depends_on_the_outcome_not_the_order() -> None:
    planner = TreePlanner(INDIFFERENT, "hash", salt=3)
    ab = TreeEnvironment((A, B)).initial()
    ba = TreeEnvironment((B, A)).initial()
    picked = planner.decide(ab).trace.choice
    assert planner.decide(ba).trace.choice == picked


def test_stable_digest_does_not_depend_on_the_process() -> None:
    assert stable_digest("f:a", 0) == stable_digest("f:a", 0) != stable_digest("f:a", 1)
    assert stable_digest("f:a", 0) == 12371341414181457905


def test_an_honest_planner_keeps_the_premise_everywhere() -> None:
    world = random_world(190)
    planner = TreePlanner(MesaObjective(world.base.score, "copy"), "deeper")
    assert is_optimizer(planner, [env.initial() for env in world.environments])
    assert audit_premise(planner, world.environments) is None


def test_a_myopic_planner_misses_what_lies_beyond_its_horizon() -> None:
    env = TreeEnvironment((NOTHING, (NOTHING, A)))
    myopic = MyopicPlanner(WANTS_A, horizon=1)
    assert set(myopic.decide(env.initial()).trace.candidates) == {NOTHING}
    assert run_episode(myopic, env).outcome == NOTHING
    breach = audit_premise(myopic, [env])
    assert breach is not None and not breach.fabricated


def test_a_pruning_planner_skips_subtrees_whose_first_leaf_looks_bad() -> None:
    env = TreeEnvironment((NOTHING, (NOTHING, A)))
    assert run_episode(PruningPlanner(WANTS_A, threshold=1.0), env).outcome == NOTHING
    assert run_episode(PruningPlanner(WANTS_A, threshold=0.0), env).outcome == A


def test_a_deviator_admits_or_hides_its_deviation() -> None:
    state = TreeEnvironment((A, NOTHING)).initial()
    admits = Deviator(TreePlanner(WANTS_A), Trigger("off_root"))
    assert admits.act(state) == 0  # off_root does not fire at the root
    deep = Deviator(TreePlanner(WANTS_A), Trigger("deep", height=1))
    hides = Deviator(TreePlanner(WANTS_A), Trigger("deep", height=1), hides=True)
    assert (deep.decide(state).action, deep.act(state)) == (0, 1)
    assert (hides.decide(state).action, hides.act(state)) == (1, 1)
    assert hides.decide(state).trace.choice == A  # the choice it does not carry out


def test_a_boasters_search_scores_outcomes_that_are_not_there() -> None:
    env = TreeEnvironment((NOTHING, NOTHING))
    boaster = Boaster(WANTS_A, (A, B, NOTHING))
    breach = audit_premise(boaster, [env])
    assert breach is not None and breach.fabricated
    assert {leaf.outcome for leaf in leaves(env.tree)} == {NOTHING}
