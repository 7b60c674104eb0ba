"""One world built on mesa_types: gridworld mazes, search-tree mesa-optimizers, their evolution.

Every public name of the world is importable from here, and only from here;
three parts with a subject of their own have a package of their own:
:mod:`search.render` (pictures, matplotlib imported when drawing),
:mod:`search.gym` (the Gymnasium adapter, the ``gym`` extra) and
:mod:`search.toy` (the deception toy). The subpackages behind this one are
implementation, by job: ``world``, ``agents``, ``scenarios``, ``batched``
(the population path), ``checks``, ``training``, ``experiments`` and ``cli``.
"""

from search.agents.deceptive import (
    ByLabel,
    BySignature,
    BySize,
    DeceptiveAgent,
    Detector,
    Stakes,
    Told,
)
from search.agents.plants import (
    Foraging,
    ForagingPlanner,
    Glimpse,
    Reflexes,
    ReflexPlant,
    forage,
    learned_algorithm,
    plant_vocabulary,
    wall_follower,
)
from search.agents.policies import FixedRulePolicy, LookupTablePolicy, MemorisedPath
from search.agents.tree_search import ROOT, CorrigibleAgent, SearchTree, TreeNode, TreeSearchAgent
from search.batched.behaviour import Behaviour, behaviours
from search.batched.fitness import PopulationFitness, TrainingSet
from search.batched.foraging import GenomeBatch, Walks, walk_pool
from search.batched.maze_pool import MazePool, compile_pool
from search.batched.population import (
    NOTHING,
    MazeBatch,
    compile_mazes,
    genome_arrays,
    population_choices,
)
from search.checks.agent_checker import AgentChecker, check_agent, lift_depth
from search.checks.behavioral import recover_maze_objective
from search.checks.deception import check_maze_deception
from search.checks.sampled import adversarial_search, check_sampled, regrets
from search.experiments.adversarial import Comparison, compare_adversarial, verdict_label
from search.experiments.classification import VerdictTable, classify_seeds
from search.experiments.deception_audit import audit_deceptive, hunt
from search.experiments.demo import DEMO_SETTINGS, run_demo
from search.experiments.emergence import SeedOutcome, run_cell
from search.experiments.emergence_gradient import GradientReport, GradientRow, gradient_green_exit
from search.experiments.emergence_settings import DescentSettings, EmergenceSettings
from search.experiments.emergence_sweep import (
    EmergenceResults,
    PhaseCell,
    load_emergence,
    phase_table,
    save_phase_diagram,
    sweep,
)
from search.experiments.kind_examples import KIND_EXAMPLES, KindExample, get_kind_example
from search.experiments.phenomenon import (
    PhenomenonReport,
    deployment_batch,
    phenomenon,
    training_batch,
)
from search.experiments.run_judgement import RunJudgement, judge_run
from search.experiments.schedule_in_mazes import (
    CornerLayout,
    MazeEpisode,
    MazeSchedule,
    TrainingRule,
    corner_maze,
    expected_in_mazes,
    train_in_mazes,
)
from search.scenarios.cleaning import causal_graph, cleaning_robot
from search.scenarios.distributional_shift import (
    DISTRIBUTIONAL_SHIFT_LAYOUTS,
    SHIFT_RETURN,
    dawdler,
    distributional_shift,
    memorised_path,
    return_planner,
    shift_world,
)
from search.scenarios.diversity import (
    DIVERSITY_LEVELS,
    EMERGENCE_FEATURES,
    DiversityLevel,
    ThinkingCharge,
    draw_pool,
)
from search.scenarios.paper import Scenario, green_exit, object_scenario, object_universe, red_door
from search.scenarios.pseudo_alignment import far_apples, gems
from search.scenarios.registry import SCENARIOS, get_scenario, register_scenario
from search.training.adversarial import Adversary
from search.training.evolution import evolve, evolve_adversarial, resume, resume_adversarial
from search.training.frames import RUN_COLUMNS, runs_frame
from search.training.loaders import load_adversarial_run, load_verdict
from search.training.run_loop import RunSeeds
from search.training.runs import (
    AdversarialRun,
    Checkpoint,
    RunFormatError,
    RunRecord,
    RunSettings,
    load_checkpoint,
    load_run,
)
from search.world.grid import MIN_SIZE, Cell, GridState, GridWorld, Move, Thing
from search.world.mazes import dead_ends, perfect_maze
from search.world.placement import MazeRecipe, Placement, corridor_world, place_things
from search.world.return_grid import ReturnGridWorld

__all__ = [
    "DEMO_SETTINGS",
    "DISTRIBUTIONAL_SHIFT_LAYOUTS",
    "DIVERSITY_LEVELS",
    "EMERGENCE_FEATURES",
    "KIND_EXAMPLES",
    "MIN_SIZE",
    "NOTHING",
    "ROOT",
    "RUN_COLUMNS",
    "SCENARIOS",
    "SHIFT_RETURN",
    "AdversarialRun",
    "Adversary",
    "AgentChecker",
    "Behaviour",
    "ByLabel",
    "BySignature",
    "BySize",
    "Cell",
    "Checkpoint",
    "Comparison",
    "CornerLayout",
    "CorrigibleAgent",
    "DeceptiveAgent",
    "DescentSettings",
    "Detector",
    "DiversityLevel",
    "EmergenceResults",
    "EmergenceSettings",
    "FixedRulePolicy",
    "Foraging",
    "ForagingPlanner",
    "GenomeBatch",
    "Glimpse",
    "GradientReport",
    "GradientRow",
    "GridState",
    "GridWorld",
    "KindExample",
    "LookupTablePolicy",
    "MazeBatch",
    "MazeEpisode",
    "MazePool",
    "MazeRecipe",
    "MazeSchedule",
    "MemorisedPath",
    "Move",
    "PhaseCell",
    "PhenomenonReport",
    "Placement",
    "PopulationFitness",
    "ReflexPlant",
    "Reflexes",
    "ReturnGridWorld",
    "RunFormatError",
    "RunJudgement",
    "RunRecord",
    "RunSeeds",
    "RunSettings",
    "Scenario",
    "SearchTree",
    "SeedOutcome",
    "Stakes",
    "Thing",
    "ThinkingCharge",
    "Told",
    "TrainingRule",
    "TrainingSet",
    "TreeNode",
    "TreeSearchAgent",
    "VerdictTable",
    "Walks",
    "adversarial_search",
    "audit_deceptive",
    "behaviours",
    "causal_graph",
    "check_agent",
    "check_maze_deception",
    "check_sampled",
    "classify_seeds",
    "cleaning_robot",
    "compare_adversarial",
    "compile_mazes",
    "compile_pool",
    "corner_maze",
    "corridor_world",
    "dawdler",
    "dead_ends",
    "deployment_batch",
    "distributional_shift",
    "draw_pool",
    "evolve",
    "evolve_adversarial",
    "expected_in_mazes",
    "far_apples",
    "forage",
    "gems",
    "genome_arrays",
    "get_kind_example",
    "get_scenario",
    "gradient_green_exit",
    "green_exit",
    "hunt",
    "judge_run",
    "learned_algorithm",
    "lift_depth",
    "load_adversarial_run",
    "load_checkpoint",
    "load_emergence",
    "load_run",
    "load_verdict",
    "memorised_path",
    "object_scenario",
    "object_universe",
    "perfect_maze",
    "phase_table",
    "phenomenon",
    "place_things",
    "plant_vocabulary",
    "population_choices",
    "recover_maze_objective",
    "red_door",
    "register_scenario",
    "regrets",
    "resume",
    "resume_adversarial",
    "return_planner",
    "run_cell",
    "run_demo",
    "runs_frame",
    "save_phase_diagram",
    "shift_world",
    "sweep",
    "train_in_mazes",
    "training_batch",
    "verdict_label",
    "walk_pool",
    "wall_follower",
]
