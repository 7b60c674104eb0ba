"""One world built on mesa_types: gridworlds, search-tree mesa-optimizers and their evolution.

Heavy or optional pieces (pictures, the Gymnasium adapter, Dask) are imported
from their own modules when used, so ``import search`` stays light.
"""

from mesa_types.checking.behavioral import BehavioralFit
from mesa_types.optimizers.executors import DaskExecutor, Executor, SerialExecutor
from mesa_types.optimizers.genetic import TIE_BREAK, GeneticConfig, GeneticOptimizer
from mesa_types.optimizers.genome import Genome
from search.agents.deceptive import ByLabel, BySignature, BySize, DeceptiveAgent, Told
from search.agents.policies import FixedRulePolicy, LookupTablePolicy
from search.agents.tree_search import ROOT, CorrigibleAgent, SearchTree, TreeNode, TreeSearchAgent
from search.batched.population import (
    NOTHING,
    MazeBatch,
    compile_mazes,
    genome_arrays,
    population_choices,
)
from search.checks.agent_checker import AgentChecker, check_agent, lift_depth
from search.checks.behavioral import recover_maze_objective
from search.checks.deception import check_deception
from search.checks.sampled import adversarial_search, check_sampled
from search.scenarios.cleaning import causal_graph, cleaning_robot
from search.scenarios.paper import (
    SCENARIOS,
    MazeRecipe,
    Scenario,
    corridor_world,
    get_scenario,
    green_exit,
    object_scenario,
    red_door,
)
from search.scenarios.pseudo_alignment import KIND_SCENARIOS, get_kind_example
from search.toy.defection import best_defection, best_defection_exact
from search.toy.planner import SchedulePlanner
from search.toy.report import schedule_table, toy_run
from search.toy.schedule import TrainingProcess, TrainingSchedule
from search.training.adversarial import AdversarialRun, Adversary, evolve_adversarial
from search.training.evolution import RunSeeds, evolve, resume
from search.training.runs import RunFormatError, RunRecord, load_checkpoint, load_run
from search.world.grid import MIN_SIZE, Cell, GridState, GridWorld, Move, Thing
from search.world.mazes import dead_ends, perfect_maze

__all__ = [
    "KIND_SCENARIOS",
    "MIN_SIZE",
    "NOTHING",
    "ROOT",
    "SCENARIOS",
    "TIE_BREAK",
    "AdversarialRun",
    "Adversary",
    "AgentChecker",
    "BehavioralFit",
    "ByLabel",
    "BySignature",
    "BySize",
    "Cell",
    "CorrigibleAgent",
    "DaskExecutor",
    "DeceptiveAgent",
    "Executor",
    "FixedRulePolicy",
    "GeneticConfig",
    "GeneticOptimizer",
    "Genome",
    "GridState",
    "GridWorld",
    "LookupTablePolicy",
    "MazeBatch",
    "MazeRecipe",
    "Move",
    "RunFormatError",
    "RunRecord",
    "RunSeeds",
    "Scenario",
    "SchedulePlanner",
    "SearchTree",
    "SerialExecutor",
    "Thing",
    "Told",
    "TrainingProcess",
    "TrainingSchedule",
    "TreeNode",
    "TreeSearchAgent",
    "adversarial_search",
    "best_defection",
    "best_defection_exact",
    "causal_graph",
    "check_agent",
    "check_deception",
    "check_sampled",
    "cleaning_robot",
    "compile_mazes",
    "corridor_world",
    "dead_ends",
    "evolve",
    "evolve_adversarial",
    "genome_arrays",
    "get_kind_example",
    "get_scenario",
    "green_exit",
    "lift_depth",
    "load_checkpoint",
    "load_run",
    "object_scenario",
    "perfect_maze",
    "population_choices",
    "recover_maze_objective",
    "red_door",
    "resume",
    "schedule_table",
    "toy_run",
]
