"""One world built on mesa_types: gridworlds, search-tree mesa-optimizers and their evolution.

Heavy or optional pieces (pictures, the Gymnasium adapter, Dask) are imported
from their own modules when used, so ``import search`` stays light.
"""

from search.agent import ROOT, Genome, SearchTree, TreeNode, TreeSearchAgent
from search.mazes import dead_ends, perfect_maze
from search.population import (
    NOTHING,
    MazeBatch,
    compile_mazes,
    genome_arrays,
    population_choices,
)
from search.scenarios import (
    SCENARIOS,
    Scenario,
    corridor_world,
    get_scenario,
    green_exit,
    red_door,
)
from search.world import MIN_SIZE, Cell, GridState, GridWorld, Move, Thing

__all__ = [
    "MIN_SIZE",
    "NOTHING",
    "ROOT",
    "SCENARIOS",
    "Cell",
    "Genome",
    "GridState",
    "GridWorld",
    "MazeBatch",
    "Move",
    "Scenario",
    "SearchTree",
    "Thing",
    "TreeNode",
    "TreeSearchAgent",
    "compile_mazes",
    "corridor_world",
    "dead_ends",
    "genome_arrays",
    "get_scenario",
    "green_exit",
    "perfect_maze",
    "population_choices",
    "red_door",
]
