"""Small example worlds, shipped with the engine for the docs, the tests and users to share.

The shelf world (:mod:`~mesa_types.examples.shelf`, and its agents in
:mod:`~mesa_types.examples.shelf_agents`): a robot takes one item off a shelf;
the base objective wants the key; in training the key is always the only
yellow item. It is small enough to read in one sitting and still shows every
verdict: a lookup table that is not an optimizer, a picker that is robustly
aligned, one that is proxy-aligned, and pickers the genetic base optimizer
evolves.

The house of rooms (:mod:`~mesa_types.examples.rooms`, agents in
:mod:`~mesa_types.examples.rooms_agents`): two steps, a door then a box, for
the checks that only a world of several steps can exercise (a planner that
peeks, ties broken by where things stand).

The cancer world (:mod:`~mesa_types.examples.cancer`): a health authority
chooses a programme for a town; the base objective says "fewer people with
cancer", the intended objective "more people alive without cancer", and one
programme leaves no people. The agent that optimizes the base objective is
robustly aligned with it and outer misaligned: the outer-alignment check's
example.

The random tree worlds (:mod:`~mesa_types.examples.random_worlds`, built on
:mod:`~mesa_types.examples.trees`): seeded, finite, several steps deep, their
universes small enough to list. With agents of every kind the exact check must
judge (:mod:`~mesa_types.examples.tree_agents`,
:mod:`~mesa_types.examples.tree_impostors`,
:mod:`~mesa_types.examples.random_agents`) and the ground truth by brute force
(:mod:`~mesa_types.examples.ground_truth`), they test that a verdict of
:func:`~mesa_types.check_alignment` says what running the agent everywhere says.

Example:
    >>> from mesa_types import check_alignment
    >>> verdict = check_alignment(
    ...     yellow_picker(), take_the_key(), training_shelves(), shelf_universe()
    ... )
    >>> verdict.kind
    'pseudo_aligned'
"""

from mesa_types.examples.cancer import (
    CANCER_VOCABULARY,
    PROGRAMMES,
    ProgrammePicker,
    Town,
    TownState,
    base_optimal_picker,
    fewer_people_with_cancer,
    healthy_lives,
    intended_picker,
    town_universe,
    training_towns,
)
from mesa_types.examples.ground_truth import (
    BruteForceComparison,
    GroundTruth,
    Truth,
    brute_force,
    compare_with_brute_force,
    correct_kinds,
    covering_samples,
)
from mesa_types.examples.random_agents import (
    AGENT_KINDS,
    STRUCTURE,
    AgentKind,
    Structure,
    TreeAgent,
    random_agent,
    random_mesa_objective,
)
from mesa_types.examples.random_worlds import FEATURES, MAX_ENVIRONMENTS, RandomWorld, random_world
from mesa_types.examples.rooms import House, HouseState, house_universe, training_houses
from mesa_types.examples.rooms_agents import HousePlanner, house_planner
from mesa_types.examples.shelf import (
    COLOURS,
    KINDS,
    VOCABULARY,
    Shelf,
    ShelfState,
    item,
    shelf_universe,
    take_the_key,
    training_shelves,
)
from mesa_types.examples.shelf_agents import (
    LookupTable,
    ShelfPicker,
    evolved_picker,
    genome_fitness,
    key_picker,
    memorised_table,
    picker,
    yellow_picker,
)
from mesa_types.examples.tree_agents import (
    TIE_BREAKS,
    MyopicPlanner,
    PruningPlanner,
    TieBreak,
    TreePlanner,
    head_for_best,
    stable_digest,
)
from mesa_types.examples.tree_impostors import (
    Boaster,
    Deviator,
    FixedRule,
    Pretender,
    Rule,
    TreeLookupTable,
    Trigger,
    memorised_tree_table,
    rule_action,
)
from mesa_types.examples.trees import (
    Leaf,
    Shape,
    Tree,
    TreeEnvironment,
    TreeState,
    label_shape,
    leaf_count,
    leaves,
    node_at,
    tree_height,
)

__all__ = [
    "AGENT_KINDS",
    "CANCER_VOCABULARY",
    "COLOURS",
    "FEATURES",
    "KINDS",
    "MAX_ENVIRONMENTS",
    "PROGRAMMES",
    "STRUCTURE",
    "TIE_BREAKS",
    "VOCABULARY",
    "AgentKind",
    "Boaster",
    "BruteForceComparison",
    "Deviator",
    "FixedRule",
    "GroundTruth",
    "House",
    "HousePlanner",
    "HouseState",
    "Leaf",
    "LookupTable",
    "MyopicPlanner",
    "Pretender",
    "ProgrammePicker",
    "PruningPlanner",
    "RandomWorld",
    "Rule",
    "Shape",
    "Shelf",
    "ShelfPicker",
    "ShelfState",
    "Structure",
    "TieBreak",
    "Town",
    "TownState",
    "Tree",
    "TreeAgent",
    "TreeEnvironment",
    "TreeLookupTable",
    "TreePlanner",
    "TreeState",
    "Trigger",
    "Truth",
    "base_optimal_picker",
    "brute_force",
    "compare_with_brute_force",
    "correct_kinds",
    "covering_samples",
    "evolved_picker",
    "fewer_people_with_cancer",
    "genome_fitness",
    "head_for_best",
    "healthy_lives",
    "house_planner",
    "house_universe",
    "intended_picker",
    "item",
    "key_picker",
    "label_shape",
    "leaf_count",
    "leaves",
    "memorised_table",
    "memorised_tree_table",
    "node_at",
    "picker",
    "random_agent",
    "random_mesa_objective",
    "random_world",
    "rule_action",
    "shelf_universe",
    "stable_digest",
    "take_the_key",
    "town_universe",
    "training_houses",
    "training_shelves",
    "training_towns",
    "tree_height",
    "yellow_picker",
]
