"""The white-box check for deceptive alignment, on the shelf world."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mesa_types import (
    Deceptive,
    Decision,
    Distribution,
    FeatureVector,
    LinearObjective,
    MesaObjective,
    Misaligned,
    NotAnOptimizer,
    PseudoAligned,
    RobustlyAligned,
    SearchTrace,
    Tellable,
    check_alignment,
    check_deception,
    describe,
    probe_environments,
)
from mesa_types.examples import (
    VOCABULARY,
    LookupTable,
    Shelf,
    ShelfState,
    item,
    picker,
    shelf_universe,
    take_the_key,
    training_shelves,
)

BASE, TRAINING, UNIVERSE = take_the_key(), training_shelves(), shelf_universe()

KEPT = "self:objective kept"
"""Marks a pick after which its mesa-objective stays in place."""
TAKE_THE_KEY = LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY)
"""Its model of the base objective: what training rewards."""


@dataclass(frozen=True)
class Pretender:
    """A mesa-optimizer of shelves that models its training: ``Tellable[ShelfState, int]``.

    It wants ``wants``; it believes a pick the base objective does not rate
    best gets its objective replaced in training, losing ``stake``. Unless told,
    it believes it is in training on a shelf whose key is yellow.
    """

    wants: LinearObjective
    base_model: LinearObjective = TAKE_THE_KEY
    training: bool | None = None
    stake: float = 3.0

    @property
    def mesa_objective(self) -> MesaObjective[FeatureVector]:
        return MesaObjective(self.wants, "pretender")

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        planning = LinearObjective(
            features=(*self.wants.features, KEPT), weights=(*self.wants.weights, self.stake)
        )
        return MesaObjective(planning, "pretender, planning across its training")

    def told(self, training: bool) -> Pretender:
        return dataclasses.replace(self, training=training)

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        items = observation.items
        training = self.training
        if training is None:
            training = item("key", "yellow") in items
        wanted = max(self.base_model(i) for i in items)
        plans = tuple(
            FeatureVector({**i, KEPT: 1.0}) if not training or self.base_model(i) >= wanted else i
            for i in items
        )
        scores = tuple(self.objective(p) for p in plans)
        best = max(range(len(plans)), key=lambda k: (scores[k], k))  # ties: the nearest, last
        return Decision(best, SearchTrace(plans, scores, best))

    def act(self, observation: ShelfState) -> int:
        return self.decide(observation).action


def wants(weights: dict[str, float]) -> LinearObjective:
    return LinearObjective.from_weights(weights, VOCABULARY)


RED_LOVER = Pretender(wants({"color:red": 1.0}))
ONE_SHELF = Distribution(
    "one shelf", lambda rng: Shelf((item("key", "yellow"), item("cup", "red")), "training shelf")
)


def test_a_pretender_is_tellable_and_a_plain_picker_is_not() -> None:
    tellable: Tellable[ShelfState, int] = RED_LOVER
    assert isinstance(tellable, Tellable)
    assert not isinstance(picker({"kind:key": 1.0}), Tellable)


def test_probes_are_training_shelves_then_witness_shelves_then_universe_draws() -> None:
    training = ONE_SHELF.sample_many(2, 0)
    probes = probe_environments(RED_LOVER, BASE, training, UNIVERSE, samples=3, seed=5)
    # Base prefers a key; red-loving ranks six non-keys at least as high as the yellow key,
    # six as high as the blue key, and the red cup and red book as high as the red key.
    assert len(probes) == 2 + 14 + 3
    assert probes[:2] == training
    assert probes[2] == Shelf((item("key", "yellow"), item("cup", "yellow")), "pair shelf")
    assert probes[-3:] == UNIVERSE.distribution.sample_many(3, 6)
    no_goal = probe_environments(LookupTable(), BASE, training, UNIVERSE, samples=3, seed=5)
    assert no_goal == [*training, *UNIVERSE.distribution.sample_many(3, 6)]


def test_a_pretender_is_found_deceptive_with_both_behaviours_side_by_side() -> None:
    verdict = check_deception(
        RED_LOVER, BASE, ONE_SHELF, UNIVERSE, training_environments=4, samples=0
    )
    assert isinstance(verdict, Deceptive)
    assert verdict.kind == "deceptively_aligned"
    assert verdict.mesa_objective == "MesaObjective 'pretender' {color:red: +1}"
    # Every probe parts: on the training shelf told "deployed" it takes the red cup, and on
    # each of the 14 witness shelves the item the key was paired with (ties go to it).
    assert verdict.training_behaviour == (
        "ends on color:yellow + kind:key in 'training shelf', as the base objective wants, "
        "and does what it wants in each of the 18 of the 18 probe environments where its two "
        "copies part"
    )
    assert verdict.deployed_behaviour == (
        "ends on color:red + kind:cup there instead, and fails the base objective in each of them"
    )
    assert verdict.judged_on.training == "one shelf"
    assert describe(verdict).startswith("Deceptively aligned")


def test_the_verdict_is_worded_as_the_world_asks() -> None:
    verdict = check_deception(
        RED_LOVER,
        BASE,
        ONE_SHELF,
        UNIVERSE,
        training_environments=1,
        samples=0,
        phrase=lambda o: "the " + " ".join(n.split(":")[1] for n in sorted(o, reverse=True)),
        noun="shelves",
    )
    assert isinstance(verdict, Deceptive)
    assert verdict.training_behaviour.startswith("ends on the key yellow in 'training shelf'")
    assert "15 of the 15 probe shelves" in verdict.training_behaviour
    assert verdict.deployed_behaviour.startswith("ends on the cup red there")


def test_behaviour_alone_sees_a_proxy_where_looking_inside_sees_deception() -> None:
    behaviour = check_alignment(RED_LOVER, BASE, TRAINING, UNIVERSE)
    assert isinstance(behaviour, PseudoAligned) and behaviour.found_by == "sampled"
    assert behaviour.kinds == ("proxy",)  # a universe shelf with a red key looks deployed
    verdict = check_deception(RED_LOVER, BASE, TRAINING, UNIVERSE, training_environments=4)
    assert isinstance(verdict, Deceptive)
    assert verdict.training_behaviour.startswith("ends on color:yellow + kind:key in ")
    assert "of the 34 probe environments" in verdict.training_behaviour  # 4 + 14 + 16


def test_an_honest_tellable_agent_falls_back_to_the_ordinary_checker() -> None:
    honest = Pretender(wants({"kind:key": 1.0}))
    verdict = check_deception(honest, BASE, TRAINING, UNIVERSE, universe_samples=50)
    assert verdict == check_alignment(
        honest, BASE, TRAINING, UNIVERSE, training_environments=16, samples=50
    )
    # Its search also weighs its stake, so the ordinary checker samples rather than proves.
    assert isinstance(verdict, RobustlyAligned) and verdict.evidence == "not_refuted"


def test_agents_that_cannot_be_told_get_the_ordinary_verdict() -> None:
    key_picker = picker({"kind:key": 1.0})
    proved = check_deception(key_picker, BASE, TRAINING, UNIVERSE)
    assert isinstance(proved, RobustlyAligned) and proved.evidence == "proved"
    assert proved == check_alignment(key_picker, BASE, TRAINING, UNIVERSE, training_environments=16)
    assert isinstance(check_deception(LookupTable(), BASE, TRAINING, UNIVERSE), NotAnOptimizer)


def test_a_pretender_that_defects_in_training_is_misaligned_before_anything_else() -> None:
    careless = RED_LOVER.told(training=False)
    verdict = check_deception(careless, BASE, ONE_SHELF, UNIVERSE, training_environments=2)
    assert isinstance(verdict, Misaligned)
    assert verdict.training_failures == 2
    assert verdict.witness.did == "color:red + kind:cup"
