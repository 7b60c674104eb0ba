"""One world built on mesa_types: gridworlds, search-tree mesa-optimizers and their evolution.

Heavy or optional pieces (pictures, the Gymnasium adapter, Dask) are imported
from their own modules when used, so ``import search`` stays light.
"""

from search.adversarial import adversarial_search, check_sampled
from search.adversarial_training import AdversarialRun, Adversary, evolve_adversarial
from search.agent import ROOT, CorrigibleAgent, Genome, SearchTree, TreeNode, TreeSearchAgent
from search.checks import AgentChecker, check_agent, lift_depth
from search.cleaning import causal_graph, cleaning_robot
from search.deception import schedule_table, toy_run
from search.deception_check import check_deception
from search.deception_toy import TrainingProcess, TrainingSchedule
from search.deceptive_agent import ByLabel, BySignature, BySize, DeceptiveAgent, Told
from search.defection import best_defection, best_defection_exact
from search.evolution import RunSeeds, evolve, resume
from search.executors import DaskExecutor, Executor, SerialExecutor
from search.genetic import TIE_BREAK, GeneticConfig, GeneticOptimizer
from search.irl import BehavioralFit, recover_objective
from search.kind_scenarios import KIND_SCENARIOS, get_kind_example
from search.mazes import dead_ends, perfect_maze
from search.policies import FixedRulePolicy, LookupTablePolicy
from search.population import (
    NOTHING,
    MazeBatch,
    compile_mazes,
    genome_arrays,
    population_choices,
)
from search.runs import RunFormatError, RunRecord, load_checkpoint, load_run
from search.scenarios import (
    SCENARIOS,
    MazeRecipe,
    Scenario,
    corridor_world,
    get_scenario,
    green_exit,
    object_scenario,
    red_door,
)
from search.schedule_planner import SchedulePlanner
from search.world import MIN_SIZE, Cell, GridState, GridWorld, Move, Thing

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
    "recover_objective",
    "red_door",
    "resume",
    "schedule_table",
    "toy_run",
]
