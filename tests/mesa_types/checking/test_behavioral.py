"""The behavioral objective in worlds that are not mazes: a shelf, and small graphs of states."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pytest
from pydantic import JsonValue

from mesa_types import (
    BehavioralFit,
    Choice,
    Environment,
    FeatureVector,
    LinearObjective,
    observe_choices,
    recover_objective,
)
from mesa_types.checking.behavioral_lp import holds, snap
from mesa_types.examples import (
    VOCABULARY,
    Shelf,
    ShelfState,
    house_planner,
    item,
    key_picker,
    picker,
    shelf_universe,
    training_houses,
    training_shelves,
    yellow_picker,
)

NOTHING = FeatureVector()
APPLE, EXIT, GEM = (FeatureVector([f"kind:{k}"]) for k in ("apple", "exit", "gem"))
KINDS = ("kind:exit", "kind:apple", "kind:gem")


@dataclass(frozen=True)
class Paths:
    """A directed graph of states: an ``Environment[int, int, FeatureVector]``.

    Each action follows one edge; a state in ``ends`` (or with no edges) is
    terminal and brings about its outcome there; every other state shows nothing.
    """

    edges: Mapping[int, tuple[int, ...]]
    ends: Mapping[int, FeatureVector]
    start: int = 0
    max_steps: int = 10
    name: str = "paths"

    def initial(self) -> int:
        return self.start

    def actions(self, observation: int) -> Sequence[int]:
        return range(len(self.edges.get(observation, ())))

    def step(self, observation: int, action: int) -> int:
        return self.edges[observation][action]

    def is_terminal(self, observation: int) -> bool:
        return observation in self.ends or not self.edges.get(observation)

    def outcome(self, observation: int) -> FeatureVector:
        return self.ends.get(observation, NOTHING)

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        return tuple(dict.fromkeys(self.ends.values()))

    def spec(self) -> JsonValue:
        return {"edges": {str(k): list(v) for k, v in self.edges.items()}}


@dataclass(frozen=True)
class Route:
    """A learned algorithm that is a table: the edge to follow in each state (else the first)."""

    table: Mapping[int, int] = field(default_factory=dict)

    def act(self, observation: int) -> int:
        return self.table.get(observation, 0)


# 0 -> apple (1 step); 0 -> 2 -> exit (2 steps); 2 -> 4 -> gem (3 steps).
FORK = Paths({0: (1, 2), 2: (3, 4), 4: (5,)}, {1: APPLE, 3: EXIT, 5: GEM})
# The exit is nearer than the gem, the apple farther.
GEM_FIRST = Paths({10: (11, 12), 12: (13, 14), 14: (15,)}, {11: EXIT, 13: GEM, 15: APPLE}, 10)
# Two ways to go: the apple in 1 step, or the exit in 2; and the other way round.
APPLE_FIRST = Paths({30: (31, 32), 32: (33,)}, {31: APPLE, 33: EXIT}, 30)
APPLE_LAST = Paths({20: (21, 22), 22: (23,)}, {21: EXIT, 23: APPLE}, 20)


def test_choices_count_the_fewest_steps_to_each_outcome_in_the_world_model() -> None:
    to_exit = Route({0: 1, 2: 0})
    assert observe_choices(to_exit, [FORK]) == [Choice(EXIT, 2, ((APPLE, 1), (GEM, 3)))]
    to_gem = Route({0: 1, 2: 1})
    assert observe_choices(to_gem, [FORK]) == [Choice(GEM, 3, ((APPLE, 1), (EXIT, 2)))]


def test_an_episode_cut_off_by_the_step_limit_ends_with_what_the_world_shows_there() -> None:
    short = Paths(FORK.edges, FORK.ends, max_steps=2)
    # The gem is out of reach; the path towards it ends at the limit on nothing, which the
    # world showed from the start.
    assert observe_choices(Route({0: 1, 2: 0}), [short]) == [
        Choice(EXIT, 2, ((APPLE, 1), (NOTHING, 0)))
    ]
    assert observe_choices(Route({0: 1, 2: 1}), [short]) == [
        Choice(NOTHING, 0, ((APPLE, 1), (EXIT, 2)))
    ]


def test_a_planner_passing_up_nearer_outcomes_is_explained_by_its_ranking() -> None:
    gem_over_exit_over_apple = Route({30: 1, 10: 1, 12: 0})
    fit = recover_objective(gem_over_exit_over_apple, [APPLE_FIRST, GEM_FIRST], KINDS)
    # Strict: exit over the nearer apple, gem over the nearer exit; weak: gem over the
    # farther apple. The widest margin is 1, reached only by exit 0, apple -1, gem +1,
    # exactly: the solver's answer is snapped to those rationals and checked.
    assert (fit.comparisons, fit.episodes) == (3, 2)
    assert fit.margin == 1.0
    assert fit.weights.weights == (0.0, -1.0, 1.0)
    assert fit.objective(GEM) > fit.objective(EXIT) > fit.objective(APPLE)
    assert fit.unreproduced == ()
    # Every pair was met, and behaviour settles each of them.
    assert [p.describe() for p in fit.pairs()] == [
        "kind:exit > kind:apple",
        "kind:exit < kind:gem",
        "kind:apple < kind:gem",
    ]


def test_passing_up_only_farther_outcomes_leaves_them_free_to_tie() -> None:
    fit = recover_objective(Route({0: 1, 2: 0}), [FORK], KINDS)
    # Strict: exit over the nearer apple (margin 2 with exit +1, apple -1); the farther gem
    # only must not beat the exit, and the smallest weights give it 0.
    assert (
        fit.describe()
        == "{kind:exit: +1, kind:apple: -1} (margin 2, from 2 comparisons over 1 episodes)"
    )
    assert fit.margin == pytest.approx(2.0, abs=1e-6)
    assert fit.weights.weight("kind:gem") == 0.0


def test_contradicting_choices_are_explained_by_no_objective_so_the_fit_is_trivial() -> None:
    # Exit over a nearer apple in one world, apple over a nearer exit in the other.
    fickle = Route({30: 1, 20: 1})
    fit = recover_objective(fickle, [APPLE_FIRST, APPLE_LAST], KINDS)
    assert fit.trivial
    assert fit.margin == 0.0
    assert fit.weights.support() == frozenset()
    assert fit.describe() == "the trivial objective (margin 0, from 2 comparisons over 2 episodes)"
    assert fit.consistent.is_empty()
    assert not fit.consistent.contains(fit.weights)  # the trivial objective ties what was strict
    assert len(fit.unreproduced) == 2
    assert [p.orders for p in fit.pairs()] == [()]
    assert fit.pairs()[0].describe() == "kind:exit ? kind:apple: unidentified (no objective)"


def test_a_demonstrator_that_never_meets_two_outcomes_leaves_them_unidentified() -> None:
    # It only ever chooses the exit over a nearer apple: the gem never comes up.
    fit = recover_objective(Route({30: 1}), [APPLE_FIRST], KINDS)
    assert (
        fit.describe()
        == "{kind:exit: +1, kind:apple: -1} (margin 2, from 1 comparisons over 1 episodes)"
    )
    gem_exit = fit.consistent.ranks(GEM, EXIT)
    assert not gem_exit.identified
    assert gem_exit.orders == (">", "=", "<")
    assert gem_exit.describe() == "kind:gem ? kind:exit: unidentified (>, =, <)"
    # Two objectives that fit everything it did, and part on the pair it never met.
    likes_gems, dislikes_gems = gem_exit.prefers_first, gem_exit.prefers_second
    assert likes_gems is not None and dislikes_gems is not None
    for objective in (likes_gems, dislikes_gems, fit.weights):
        assert fit.consistent.contains(objective)
    assert likes_gems(GEM) > likes_gems(EXIT) and dislikes_gems(GEM) < dislikes_gems(EXIT)
    # The representative scores the gem 0 and the exit 1: one member's opinion, not the behaviour's.
    assert (fit.objective(GEM), fit.objective(EXIT)) == (0.0, 1.0)
    assert [p.describe() for p in fit.pairs([EXIT, APPLE, GEM])] == [
        "kind:exit > kind:apple",
        "kind:exit ? kind:gem: unidentified (>, =, <)",
        "kind:apple ? kind:gem: unidentified (>, =, <)",
    ]
    assert [p.first for p in fit.unidentified([EXIT, APPLE, GEM])] == [EXIT, APPLE]


def test_weak_choices_both_ways_identify_a_tie_and_nothing_more() -> None:
    # The exit over an equally near apple, and the apple over an equally near exit.
    level = [Paths({40: (41, 42)}, {41: a, 42: b}, 40) for a, b in ((APPLE, EXIT), (EXIT, APPLE))]
    fit = recover_objective(Route({40: 1}), level, KINDS)
    assert fit.trivial  # every consistent objective ties the only comparison
    assert fit.describe() == "the trivial objective (margin 0, from 2 comparisons over 2 episodes)"
    assert fit.consistent.contains(fit.weights)
    assert [p.describe() for p in fit.pairs()] == ["kind:exit = kind:apple"]


SHELVES = [
    Shelf((item("key", "yellow"), item("cup", "red"), item("book", "blue"))),
    Shelf((item("cup", "yellow"), item("key", "red"))),
]


def test_on_a_shelf_every_item_is_one_step_away_and_nothing_is_not_offered() -> None:
    choices = observe_choices(picker({"kind:key": 1.0}), SHELVES)
    assert choices == [
        Choice(item("key", "yellow"), 1, ((item("cup", "red"), 1), (item("book", "blue"), 1))),
        Choice(item("key", "red"), 1, ((item("cup", "yellow"), 1),)),
    ]
    assert all(o != NOTHING for c in choices for o, _ in c.alternatives)


def test_on_a_shelf_choices_are_weak_evidence_only_and_still_not_trivial() -> None:
    fit = recover_objective(picker({"kind:key": 1.0}), SHELVES, VOCABULARY)
    assert isinstance(fit, BehavioralFit)
    # Each item is one step away: "at least as good" only. Indifference stays consistent, but
    # so do objectives that prefer every chosen item, and the representative is the widest.
    assert fit.describe() == (
        "{kind:key: +1, kind:cup: -1, kind:book: -1} "
        "(margin 2, weak evidence only, from 3 comparisons over 2 episodes)"
    )
    assert not fit.trivial and fit.unreproduced == ()
    assert fit.consistent.contains(LinearObjective.from_weights({}, VOCABULARY))
    assert fit.consistent.contains(key_picker().mesa_objective)
    # A key over a cup: never reversed, but a tie cannot be ruled out.
    assert fit.consistent.ranks(item("key", "yellow"), item("cup", "red")).orders == (">", "=")


def test_on_training_shelves_keys_and_yellow_things_cannot_be_told_apart() -> None:
    # The key is always the only yellow item: a blue key and a yellow cup never meet.
    fit = recover_objective(key_picker(), training_shelves().sample_many(16, seed=0), VOCABULARY)
    assert fit.consistent.contains(key_picker().mesa_objective)
    assert fit.consistent.contains(yellow_picker().mesa_objective)
    pair = fit.consistent.ranks(item("key", "blue"), item("cup", "yellow"))
    assert pair.orders == (">", "=", "<")
    universe = shelf_universe().outcomes or ()
    assert (len(fit.pairs(universe)), len(fit.unidentified(universe))) == (36, 36)


def test_in_the_house_of_rooms_the_planner_is_rationalised_and_the_proxy_left_open() -> None:
    houses = training_houses().sample_many(16, seed=0)
    fit = recover_objective(house_planner({"kind:key": 1.0}), houses, VOCABULARY)
    assert fit.unreproduced == ()
    # Key and yellow always went together, so the widest margin weighs both.
    assert fit.describe() == (
        "{kind:key: +1, kind:cup: -1, kind:book: -1, color:yellow: +1, color:red: -1, "
        "color:blue: -1} (margin 4, weak evidence only, from 4 comparisons over 16 episodes)"
    )
    yellow_key, red_cup = item("key", "yellow"), item("cup", "red")
    assert fit.consistent.ranks(yellow_key, red_cup).orders == (">", "=")
    assert fit.consistent.ranks(item("key", "red"), item("cup", "yellow")).orders == (
        ">",
        "=",
        "<",
    )


def test_any_environment_of_feature_vectors_type_checks() -> None:
    worlds: list[Environment[int, int, FeatureVector]] = [FORK, GEM_FIRST]
    shelves: list[Environment[ShelfState, int, FeatureVector]] = list(SHELVES)
    assert len(recover_objective(Route(), worlds, KINDS).weights.features) == 3
    assert recover_objective(picker({}), shelves, KINDS).episodes == 2


def test_a_weight_of_solver_noise_is_snapped_away_before_it_can_flip_a_choice() -> None:
    # Kept: door over nothing (strict), nothing over the apple (weak: apple weighs <= 0).
    win, keep = np.array([[1.0, 0.0]]), np.array([[0.0, -1.0]])
    noisy = np.array([0.9999999, 1e-7])  # to a solver's tolerance, a solution
    assert not holds(tuple(Fraction(v) for v in noisy), win, keep, np.zeros((0, 2)))
    assert snap(noisy, win, keep) == (Fraction(1), Fraction(0))
    assert snap(np.array([0.3333333334, -0.5]), win, np.array([[0.0, 1.0]])) is None


def test_importing_the_engine_does_not_load_scipy() -> None:
    code = "import sys, mesa_types; assert 'scipy' not in sys.modules, 'scipy was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
