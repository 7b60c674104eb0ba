"""Small example worlds, shipped with the engine for the docs, the tests and users to share.

The shelf world (:mod:`~mesa_types.examples.shelf`, and its agents in
:mod:`~mesa_types.examples.shelf_agents`): a robot takes one item off a shelf;
the base objective wants the key; in training the key is always the only
yellow item. It is small enough to read in one sitting and still shows every
verdict: a lookup table that is not an optimizer, a picker that is robustly
aligned, one that is proxy-aligned, and pickers the genetic base optimizer
evolves.

The random tree worlds (:mod:`~mesa_types.examples.random_worlds`, built on
:mod:`~mesa_types.examples.trees`): seeded, finite, several steps deep, their
universes small enough to list, so that what a checker says about them can be
compared with running an agent in every environment.

Example:
    >>> from mesa_types import check_alignment
    >>> verdict = check_alignment(
    ...     yellow_picker(), take_the_key(), training_shelves(), shelf_universe()
    ... )
    >>> verdict.kind
    'pseudo_aligned'
"""

from mesa_types.examples.random_worlds import FEATURES, MAX_ENVIRONMENTS, RandomWorld, random_world
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
    "COLOURS",
    "FEATURES",
    "KINDS",
    "MAX_ENVIRONMENTS",
    "VOCABULARY",
    "Leaf",
    "LookupTable",
    "RandomWorld",
    "Shape",
    "Shelf",
    "ShelfPicker",
    "ShelfState",
    "Tree",
    "TreeEnvironment",
    "TreeState",
    "evolved_picker",
    "genome_fitness",
    "item",
    "key_picker",
    "label_shape",
    "leaf_count",
    "leaves",
    "memorised_table",
    "node_at",
    "picker",
    "random_world",
    "shelf_universe",
    "take_the_key",
    "training_shelves",
    "tree_height",
    "yellow_picker",
]
