"""mesa-types: typed, executable definitions from *Risks from Learned Optimization*.

The vocabulary only: objectives and their roles, learned algorithms and
optimizers, environments and distributions, alignment verdicts and the
generic checkers. It knows nothing of any particular world; the ``search``
package is one world built on it.
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
    check_behaviour,
    check_universe,
    suboptimality_verdict,
)
from mesa_types.checking.behavioral import (
    BehavioralFit,
    Choice,
    fit_choices,
    observe_choices,
    recover_objective,
)
from mesa_types.checking.deception import Tellable, check_deception, probe_environments
from mesa_types.checking.judging import check_training, describe_outcome, judge_episode, witness_of
from mesa_types.checking.kinds import (
    APPROXIMATE_COSINE,
    proportional,
    pseudo_kinds,
    pursued_features,
)
from mesa_types.environments import (
    Distribution,
    DistributionalShift,
    Environment,
    Episode,
    Universe,
    WorldModel,
)
from mesa_types.features import FeatureVector
from mesa_types.objectives import (
    BaseObjective,
    BehavioralObjective,
    IntendedObjective,
    LinearObjective,
    MesaObjective,
    Objective,
    OrderingComparison,
    compare_orderings,
    linear_weights,
    pairs_ordered_differently,
)
from mesa_types.optimizers.base import (
    BaseOptimizer,
    Candidate,
    Fitness,
    GenerationStats,
    MetaOptimizer,
    TrainingRecord,
    episode_fitness,
    fitness_in_ask_order,
    purpose,
)
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
    "BaseObjective",
    "BaseOptimizer",
    "BehavioralFit",
    "BehavioralObjective",
    "Candidate",
    "Choice",
    "Deceptive",
    "Decision",
    "Distribution",
    "DistributionalShift",
    "Environment",
    "Episode",
    "FeatureVector",
    "Fitness",
    "GenerationStats",
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
    "Optimizer",
    "OrderingComparison",
    "PointsAtBaseModel",
    "PseudoAligned",
    "PseudoKind",
    "RobustlyAligned",
    "SearchTrace",
    "Tellable",
    "TrainingRecord",
    "Universe",
    "Verdict",
    "Witness",
    "WorldModel",
    "__version__",
    "check_alignment",
    "check_behaviour",
    "check_deception",
    "check_training",
    "check_universe",
    "compare_orderings",
    "describe",
    "describe_outcome",
    "episode_fitness",
    "fit_choices",
    "fitness_in_ask_order",
    "goal",
    "is_optimizer",
    "judge_episode",
    "linear_weights",
    "observe_choices",
    "pairs_ordered_differently",
    "probe_environments",
    "proportional",
    "pseudo_kinds",
    "purpose",
    "pursued_features",
    "recover_objective",
    "run_episode",
    "suboptimality_verdict",
    "verdict_from_json",
    "verdict_to_json",
    "witness_of",
]
