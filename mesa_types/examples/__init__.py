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

Example:
    >>> from mesa_types import check_alignment
    >>> verdict = check_alignment(
    ...     yellow_picker(), take_the_key(), training_shelves(), shelf_universe()
    ... )
    >>> verdict.kind
    'pseudo_aligned'
"""

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

__all__ = [
    "COLOURS",
    "KINDS",
    "VOCABULARY",
    "House",
    "HousePlanner",
    "HouseState",
    "LookupTable",
    "Shelf",
    "ShelfPicker",
    "ShelfState",
    "evolved_picker",
    "genome_fitness",
    "house_planner",
    "house_universe",
    "item",
    "key_picker",
    "memorised_table",
    "picker",
    "shelf_universe",
    "take_the_key",
    "training_houses",
    "training_shelves",
    "yellow_picker",
]
