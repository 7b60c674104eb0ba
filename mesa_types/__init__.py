"""mesa-types: typed, executable definitions from *Risks from Learned Optimization*.

The engine, world-agnostic: objectives and their roles, learned algorithms and
optimizers, environments and distributions, alignment verdicts, the checkers
that reach them (:mod:`mesa_types.checking`), and base optimizers with the one
driver that runs them (:mod:`mesa_types.optimizers`). It knows nothing of any
particular world; the ``search`` package is one world built on it, and
:mod:`mesa_types.examples` holds small worlds for docs and tests.

Every public name is importable from here, and only from here; the modules
behind it are implementation and may move.
"""

from mesa_types.algorithms import (
    Decision,
    LearnedAlgorithm,
    MesaOptimizer,
    Optimizer,
    PointsAtBaseModel,
    SearchTrace,
    goal,
    is_optimizer,
    run_episode,
)
from mesa_types.checking.alignment import (
    Lifted,
    check_alignment,
    suboptimality_verdict,
    universe_verdict,
)
from mesa_types.checking.behavioral import (
    BehavioralFit,
    fit_choices,
    observe_choices,
    recover_objective,
)
from mesa_types.checking.behavioral_set import Choice, ConsistentObjectives, PairRanking
from mesa_types.checking.deception import Tellable, check_deception, probe_environments
from mesa_types.checking.exact import violations
from mesa_types.checking.judging import (
    check_training,
    judge_episode,
    replay_witness,
    witness_of,
)
from mesa_types.checking.premise import Breach, audit_premise
from mesa_types.checking.pseudo_alignment import (
    APPROXIMATE_COSINE,
    pseudo_kinds,
    pursued_features,
)
from mesa_types.checking.sampled import (
    check_behaviour,
    found_by_behaviour,
    sampled_verdict,
    training_set,
)
from mesa_types.checking.universe import UniverseError, check_universe
from mesa_types.environments import (
    Distribution,
    DistributionalShift,
    Environment,
    Episode,
    Universe,
    WorldModel,
)
from mesa_types.features import FeatureVector
from mesa_types.mdp.gridworld import noisy_gridworld
from mesa_types.mdp.irl import RecoveredReward, lp_irl
from mesa_types.mdp.tabular import OptimalPolicy, TabularMDP, value_iteration
from mesa_types.objectives import (
    BaseObjective,
    BehavioralObjective,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    Objective,
    OrderingComparison,
    better_by_more_than,
    check_tolerance,
    compare_orderings,
    linear_weights,
    pairs_ordered_differently,
)
from mesa_types.optimizers.base import (
    BaseOptimizer,
    Fitness,
    MetaOptimizer,
    TrainingRecord,
    episode_fitness,
    purpose,
)
from mesa_types.optimizers.driver import AskTell, Evaluate, Hooks, Progress, drive
from mesa_types.optimizers.executors import (
    DaskExecutor,
    Engine,
    Executor,
    SerialExecutor,
    in_order,
    open_engine,
)
from mesa_types.optimizers.generations import Candidate, GenerationStats, fitness_in_ask_order
from mesa_types.optimizers.genetic import TIE_BREAK, GeneticOptimizer
from mesa_types.optimizers.genetic_config import GeneticConfig, GeneticState, Incumbent
from mesa_types.optimizers.genome import Genome
from mesa_types.verdicts import (
    Deceptive,
    JudgedOn,
    Misaligned,
    NotAnOptimizer,
    PseudoAligned,
    PseudoKind,
    RobustlyAligned,
    Verdict,
    Witness,
    describe,
    verdict_from_json,
    verdict_to_json,
)

__version__ = "0.1.0"

__all__ = [
    "APPROXIMATE_COSINE",
    "TIE_BREAK",
    "AskTell",
    "BaseObjective",
    "BaseOptimizer",
    "BehavioralFit",
    "BehavioralObjective",
    "Breach",
    "Candidate",
    "Choice",
    "ConsistentObjectives",
    "DaskExecutor",
    "Deceptive",
    "Decision",
    "Distribution",
    "DistributionalShift",
    "Engine",
    "Environment",
    "Episode",
    "Evaluate",
    "Executor",
    "FeatureVector",
    "Fitness",
    "GenerationStats",
    "GeneticConfig",
    "GeneticOptimizer",
    "GeneticState",
    "Genome",
    "Hooks",
    "Incumbent",
    "IntendedObjective",
    "JudgedOn",
    "LearnedAlgorithm",
    "Lifted",
    "LinearObjective",
    "MesaObjective",
    "MesaOptimizer",
    "MetaOptimizer",
    "Misaligned",
    "NotAnOptimizer",
    "Objective",
    "OptimalPolicy",
    "Optimizer",
    "OrderingComparison",
    "PairRanking",
    "PointsAtBaseModel",
    "Progress",
    "PseudoAligned",
    "PseudoKind",
    "RecoveredReward",
    "RobustlyAligned",
    "SearchTrace",
    "SerialExecutor",
    "TabularMDP",
    "Tellable",
    "TrainingRecord",
    "Universe",
    "UniverseError",
    "Verdict",
    "Witness",
    "WorldModel",
    "__version__",
    "audit_premise",
    "better_by_more_than",
    "check_alignment",
    "check_behaviour",
    "check_deception",
    "check_tolerance",
    "check_training",
    "check_universe",
    "compare_orderings",
    "describe",
    "drive",
    "episode_fitness",
    "fit_choices",
    "fitness_in_ask_order",
    "found_by_behaviour",
    "goal",
    "in_order",
    "is_optimizer",
    "judge_episode",
    "linear_weights",
    "lp_irl",
    "noisy_gridworld",
    "observe_choices",
    "open_engine",
    "pairs_ordered_differently",
    "probe_environments",
    "pseudo_kinds",
    "purpose",
    "pursued_features",
    "recover_objective",
    "replay_witness",
    "run_episode",
    "sampled_verdict",
    "suboptimality_verdict",
    "training_set",
    "universe_verdict",
    "value_iteration",
    "verdict_from_json",
    "verdict_to_json",
    "violations",
    "witness_of",
]
