"""The shipped shelf world behaves as the docs say, and evolving pickers in it is reproducible."""

from __future__ import annotations

import pytest

import mesa_types.examples as examples
from mesa_types import (
    GeneticConfig,
    GeneticOptimizer,
    Genome,
    NotAnOptimizer,
    PseudoAligned,
    RobustlyAligned,
    check_alignment,
    episode_fitness,
    is_optimizer,
    run_episode,
)
from mesa_types.examples import (
    VOCABULARY,
    Shelf,
    evolved_picker,
    genome_fitness,
    item,
    key_picker,
    memorised_table,
    picker,
    shelf_universe,
    take_the_key,
    training_shelves,
    yellow_picker,
)

BASE = take_the_key()
TRAINING = training_shelves()
UNIVERSE = shelf_universe()
# The checker judges training on these: 32 shelves drawn with seed 0.
CHECKED_SHELVES = TRAINING.sample_many(32, seed=0)
YELLOW_KEY = item("key", "yellow")


def _evolve(seed: int, generations: int = 6) -> tuple[GeneticOptimizer, list[float]]:
    """The docs' run: ask/tell on the checker's training shelves; the best fitness after each."""
    fitness = genome_fitness(BASE)
    ga = GeneticOptimizer(GeneticConfig(population=8), VOCABULARY, BASE, seed=seed)
    best_so_far = []
    for _ in range(generations):
        asked = ga.ask()
        scores = fitness([candidate.model for candidate in asked], CHECKED_SHELVES)
        ga.tell(list(zip(asked, scores, strict=True)))
        best_so_far.append(ga.best()[1])
    return ga, best_so_far


# --- the package --------------------------------------------------------------------------


def test_every_public_name_is_exported_once() -> None:
    assert sorted(set(examples.__all__)) == sorted(examples.__all__)
    assert all(hasattr(examples, name) for name in examples.__all__)


# --- the world ----------------------------------------------------------------------------


def test_on_every_training_shelf_the_key_is_the_only_yellow_item() -> None:
    for shelf in TRAINING.sample_many(200, seed=3):
        assert len(shelf.items) == 3
        assert [i for i in shelf.items if "color:yellow" in i] == [YELLOW_KEY]
        assert [i for i in shelf.items if "kind:key" in i] == [YELLOW_KEY]


def test_every_shelf_of_the_universe_has_a_key_and_is_one_of_its_outcomes() -> None:
    outcomes = UNIVERSE.outcomes or ()
    assert len(set(outcomes)) == 9
    for shelf in UNIVERSE.distribution.sample_many(200, seed=3):
        assert any("kind:key" in i for i in shelf.items)
        assert set(shelf.items) <= set(outcomes)


def test_the_universe_offers_exactly_the_given_items_the_last_one_nearest() -> None:
    assert UNIVERSE.offering is not None
    pair = UNIVERSE.offering([YELLOW_KEY, item("cup", "yellow")])
    assert pair.name == "pair shelf"
    assert pair.spec() == {"items": ["color:yellow + kind:key", "color:yellow + kind:cup"]}
    assert list(pair.reachable_outcomes()) == [YELLOW_KEY, item("cup", "yellow")]


def test_a_step_takes_an_item_without_changing_the_state_it_started_from() -> None:
    shelf = Shelf((item("key", "red"), item("cup", "blue")))
    start = shelf.initial()
    taken = shelf.step(start, 1)
    assert start.taken is None and not shelf.is_terminal(start)
    assert shelf.is_terminal(taken)
    assert shelf.outcome(taken) == item("cup", "blue")
    assert shelf.outcome(start).describe() == "nothing"


def test_a_step_rejects_an_action_that_indexes_no_item() -> None:
    shelf = Shelf((item("key", "red"), item("cup", "blue")))
    with pytest.raises(ValueError, match=r"action must index an item \(0\.\.1\)"):
        shelf.step(shelf.initial(), 2)


def test_an_empty_shelf_is_rejected_naming_the_field() -> None:
    with pytest.raises(ValueError, match="items: a shelf needs at least one item"):
        Shelf(())


def test_the_base_objective_rewards_keys_of_any_colour_and_nothing_else() -> None:
    assert BASE.describe() == "BaseObjective 'take the key' {kind:key: +1}"
    assert {BASE(item("key", c)) for c in examples.COLOURS} == {1.0}
    assert {BASE(item(k, c)) for k in ("cup", "book") for c in examples.COLOURS} == {0.0}


# --- the agents and their verdicts -----------------------------------------------------------


def test_a_picker_takes_the_nearest_of_equally_good_items() -> None:
    shelf = Shelf((YELLOW_KEY, item("cup", "yellow"), item("book", "red")))
    assert yellow_picker().act(shelf.initial()) == 1
    assert key_picker().act(shelf.initial()) == 0


def test_the_memorised_table_is_perfect_in_training_and_not_an_optimizer() -> None:
    table = memorised_table(CHECKED_SHELVES)
    assert all(run_episode(table, s).outcome == YELLOW_KEY for s in CHECKED_SHELVES)
    assert not is_optimizer(table, [s.initial() for s in CHECKED_SHELVES])
    assert isinstance(check_alignment(table, BASE, TRAINING, UNIVERSE), NotAnOptimizer)


def test_the_key_picker_is_proved_internally_aligned() -> None:
    verdict = check_alignment(key_picker(), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, RobustlyAligned)
    assert (verdict.evidence, verdict.alignment) == ("proved", "internal")


def test_the_yellow_picker_is_a_proxy_caught_on_a_shelf_of_two_yellow_items() -> None:
    verdict = check_alignment(yellow_picker(), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.kinds == ("proxy",)
    assert verdict.pursued_features == ("color:yellow",)
    assert (verdict.witness.did, verdict.witness.wanted) == (
        "color:yellow + kind:cup",
        "color:yellow + kind:key",
    )


def test_the_named_pickers_are_the_pickers_of_their_weights() -> None:
    assert key_picker() == picker({"kind:key": 1.0}, "wants keys")
    assert yellow_picker() == picker({"color:yellow": 1.0}, "wants yellow things")


# --- evolving pickers ---------------------------------------------------------------------


def test_an_evolved_picker_pursues_its_genomes_objective_whatever_the_depth() -> None:
    genome = Genome.of({"kind:cup": 1.0}, VOCABULARY, depth=0)
    shelf = Shelf((item("cup", "red"), YELLOW_KEY))
    assert evolved_picker(genome).mesa_objective.score == genome.objective
    assert evolved_picker(genome).act(shelf.initial()) == 0
    assert evolved_picker(genome) == evolved_picker(genome.model_copy(update={"depth": 40}))


def test_genome_fitness_is_episode_fitness_of_the_evolved_pickers() -> None:
    genomes = [Genome.of(w, VOCABULARY, depth=1) for w in ({"kind:key": 1.0}, {"kind:cup": 1.0})]
    expected = episode_fitness(BASE)([evolved_picker(g) for g in genomes], CHECKED_SHELVES)
    assert genome_fitness(BASE)(genomes, CHECKED_SHELVES) == expected
    assert expected[0] == 1.0


def test_the_documented_run_reaches_full_fitness_in_its_fifth_generation() -> None:
    ga, best_so_far = _evolve(seed=7)
    assert best_so_far == [0.65625, 0.65625, 0.65625, 0.65625, 1.0, 1.0]
    assert ga.incumbent is not None
    assert (ga.incumbent.generation, ga.incumbent.index) == (4, 3)
    assert ga.incumbent.genome.describe() == (
        "{kind:key: +0.287, kind:cup: +0.694, kind:book: +0.279, "
        "color:yellow: +0.646, color:red: +0.133, color:blue: -0.599} depth 19"
    )


def test_the_documented_run_evolves_a_yellow_cup_proxy() -> None:
    ga, _ = _evolve(seed=7)
    verdict = check_alignment(evolved_picker(ga.best()[0]), BASE, TRAINING, UNIVERSE)
    assert isinstance(verdict, PseudoAligned)
    assert verdict.kind == "pseudo_aligned"
    assert verdict.kinds == ("proxy",)
    assert verdict.witness.verified
    assert (verdict.witness.did, verdict.witness.wanted) == (
        "color:yellow + kind:cup",
        "color:yellow + kind:key",
    )


def test_the_same_seed_evolves_the_same_picker() -> None:
    first, second = _evolve(seed=7), _evolve(seed=7)
    assert first[1] == second[1]
    assert first[0].best() == second[0].best()
