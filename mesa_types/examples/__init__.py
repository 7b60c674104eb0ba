"""Small example worlds, shipped with the engine for the docs, the tests and users to share.

The shelf world (:mod:`~mesa_types.examples.shelf`, and its agents in
:mod:`~mesa_types.examples.shelf_agents`): a robot takes one item off a shelf;
the base objective wants the key; in training the key is always the only
yellow item. It is small enough to read in one sitting and still shows every
verdict: a lookup table that is not an optimizer, a picker that is robustly
aligned, one that is proxy-aligned, and pickers the genetic base optimizer
evolves.

Example:
    >>> from mesa_types import check_alignment
    >>> verdict = check_alignment(
    ...     yellow_picker(), take_the_key(), training_shelves(), shelf_universe()
    ... )
    >>> verdict.kind
    'pseudo_aligned'
"""

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

__all__ = [
    "COLOURS",
    "KINDS",
    "VOCABULARY",
    "LookupTable",
    "Shelf",
    "ShelfPicker",
    "ShelfState",
    "evolved_picker",
    "genome_fitness",
    "item",
    "key_picker",
    "memorised_table",
    "picker",
    "shelf_universe",
    "take_the_key",
    "training_shelves",
    "yellow_picker",
]
