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
from mesa_types.checking.gaps import count_ordered_differently, four_objectives, objectives_of
from mesa_types.checking.gaps_report import (
    Gap,
    GapName,
    ObjectiveEntry,
    ObjectivesReport,
    PairWitness,
    describe_gap,
    describe_objectives,
    objectives_from_json,
    objectives_to_json,
)
from mesa_types.checking.judging import (
    check_training,
    judge_episode,
    replay_witness,
    witness_of,
)
from mesa_types.checking.outer import check_outer_alignment, outer_witness, replay_outer_witness
from mesa_types.checking.outer_verdicts import (
    OuterAligned,
    OuterJudgedOn,
    OuterMisaligned,
    OuterVerdict,
    OuterWitness,
    describe_outer,
    outer_from_json,
    outer_to_json,
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
from mesa_types.mdp.feature_irl import RecoveredWeights, lp_irl_features
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
from mesa_types.optimizers.breeding import GenomeArrays
from mesa_types.optimizers.driver import (
    AskTell,
    Evaluate,
    Hooks,
    Progress,
    Step,
    drive,
    drive_steps,
)
from mesa_types.optimizers.executors import (
    Engine,
    Executor,
    SerialExecutor,
    dask_executor,
    in_order,
    open_engine,
)
from mesa_types.optimizers.generations import Candidate, GenerationStats, fitness_in_ask_order
from mesa_types.optimizers.genetic import TIE_BREAK, GeneticOptimizer
from mesa_types.optimizers.genetic_config import GeneticConfig, GeneticState, Incumbent
from mesa_types.optimizers.genome import Genome
from mesa_types.optimizers.gradient import (
    Adam,
    ChoiceSet,
    GradientConfig,
    GradientRun,
    expected_value,
    softmax_descent,
)
from mesa_types.returns import PASSED, STEPS, ReturnObjective, passed, trajectory_summary
from mesa_types.trajectories import Trajectories, TrajectoryState, reachable_summaries
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
    "PASSED",
    "STEPS",
    "TIE_BREAK",
    "Adam",
    "AskTell",
    "BaseObjective",
    "BaseOptimizer",
    "BehavioralFit",
    "BehavioralObjective",
    "Breach",
    "Candidate",
    "Choice",
    "ChoiceSet",
    "ConsistentObjectives",
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
    "Gap",
    "GapName",
    "GenerationStats",
    "GeneticConfig",
    "GeneticOptimizer",
    "GeneticState",
    "Genome",
    "GenomeArrays",
    "GradientConfig",
    "GradientRun",
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
    "ObjectiveEntry",
    "ObjectivesReport",
    "OptimalPolicy",
    "Optimizer",
    "OrderingComparison",
    "OuterAligned",
    "OuterJudgedOn",
    "OuterMisaligned",
    "OuterVerdict",
    "OuterWitness",
    "PairRanking",
    "PairWitness",
    "PointsAtBaseModel",
    "Progress",
    "PseudoAligned",
    "PseudoKind",
    "RecoveredReward",
    "RecoveredWeights",
    "ReturnObjective",
    "RobustlyAligned",
    "SearchTrace",
    "SerialExecutor",
    "Step",
    "TabularMDP",
    "Tellable",
    "TrainingRecord",
    "Trajectories",
    "TrajectoryState",
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
    "check_outer_alignment",
    "check_tolerance",
    "check_training",
    "check_universe",
    "compare_orderings",
    "count_ordered_differently",
    "dask_executor",
    "describe",
    "describe_gap",
    "describe_objectives",
    "describe_outer",
    "drive",
    "drive_steps",
    "episode_fitness",
    "expected_value",
    "fit_choices",
    "fitness_in_ask_order",
    "found_by_behaviour",
    "four_objectives",
    "goal",
    "in_order",
    "is_optimizer",
    "judge_episode",
    "linear_weights",
    "lp_irl",
    "lp_irl_features",
    "noisy_gridworld",
    "objectives_from_json",
    "objectives_of",
    "objectives_to_json",
    "observe_choices",
    "open_engine",
    "outer_from_json",
    "outer_to_json",
    "outer_witness",
    "pairs_ordered_differently",
    "passed",
    "probe_environments",
    "pseudo_kinds",
    "purpose",
    "pursued_features",
    "reachable_summaries",
    "recover_objective",
    "replay_outer_witness",
    "replay_witness",
    "run_episode",
    "sampled_verdict",
    "softmax_descent",
    "suboptimality_verdict",
    "training_set",
    "trajectory_summary",
    "universe_verdict",
    "value_iteration",
    "verdict_from_json",
    "verdict_to_json",
    "violations",
    "witness_of",
]
