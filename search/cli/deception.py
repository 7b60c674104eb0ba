"""The ``deception`` and ``adversarial`` subcommands, and ``evolve --adversarial``.

``mesa-types deception`` prints the deception toy: the plans of a planner that
models the whole schedule and of one that plans within the episode, the table
over many schedules against the closed form, and the best probability of
defecting for an agent that cannot tell episodes apart; ``--labels paper`` in the
paper's letters, and on request what a training-process model implies, the settings
that give the paper's 0.61 (``--solve``) and the schedule lived in mazes (``--mazes``).

``mesa-types adversarial`` runs the comparison of :mod:`search.experiments.adversarial`
(with and without the adversary, seed by seed) and audits deceptive agents on
the adversarial training mazes it produced.

``mesa-types evolve --adversarial`` puts the adversary into one genetic run;
:func:`add_adversarial_arguments` and :func:`evolve_with_adversary` are what
``evolve`` calls for it.
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from pathlib import Path

from mesa_types import Engine, Progress
from search.agents.deceptive import DeceptiveAgent
from search.cli.hunts import adversarial_report
from search.cli.output import add_force_argument
from search.cli.seeds import seed_output
from search.cli.tools import (
    MAX_SEEDS,
    Subparsers,
    add_engine_arguments,
    add_seed_arguments,
    at_least,
    between,
    engine_of,
)
from search.experiments.adversarial import Comparison
from search.experiments.schedule_in_mazes import (
    Policy,
    corner_maze,
    expected_in_mazes,
    train_in_mazes,
)
from search.scenarios.registry import get_scenario
from search.toy.model import TrainingModel
from search.toy.planner import MAX_DEPLOYMENT
from search.toy.report import toy_report
from search.toy.schedule import TrainingSchedule
from search.toy.summary import model_report, solve_report
from search.toy.telling import PAPER_GRID, PAPER_LABELS, VIDEO_LABELS, Labels
from search.training.adversarial import MAX_DRAWS, MAX_KEEP, Adversary
from search.training.evolution import evolve_adversarial, resume_adversarial
from search.training.files import save_json
from search.training.runs import Checkpoint, RunRecord, RunSettings

__all__ = [
    "MAX_TRAINING_EPISODES",
    "add_adversarial",
    "add_adversarial_arguments",
    "add_deception",
    "adversary_from",
    "evolve_with_adversary",
]

MAX_TRAINING_EPISODES = 100
"""The most training episodes the toy is asked about (100 takes seconds; 120 overflows)."""


def add_deception(subparsers: Subparsers) -> None:
    """``mesa-types deception``: the toy's plans and apples, its table, the random variant."""
    parser = subparsers.add_parser(
        "deception",
        help="the deception toy: B, B, A, A, A and 3 apples against A and 1",
        description="A mesa-optimizer that wants apples and models its training (after a "
        "training episode in which it does not go to the exit, its objective is replaced) "
        "plans across the whole schedule; another plans within the episode. Prints both "
        "plans, a table over schedules checked against the closed form, and the best "
        "probability of defecting for an agent that cannot tell episodes apart.",
    )
    parser.add_argument(
        "--training",
        type=between(0, MAX_TRAINING_EPISODES),
        default=2,
        help=f"training episodes (2, at most {MAX_TRAINING_EPISODES})",
    )
    parser.add_argument(
        "--deployment",
        type=at_least(0),  # the planner says why beyond MAX_DEPLOYMENT
        default=3,
        help=f"deployment episodes (3, at most {MAX_DEPLOYMENT})",
    )
    parser.add_argument(
        "--table",
        type=between(0, MAX_DEPLOYMENT),
        default=5,
        help=f"table over n, m = 0..TABLE (5, at most {MAX_DEPLOYMENT}; 12 takes a minute)",
    )
    _add_model_arguments(parser)
    parser.set_defaults(handler=_deception)


def _add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """Whose letters, the training-process model, and what to add: the 0.61 search, the mazes."""
    parser.add_argument(
        "--labels",
        choices=("video", "paper"),
        default="video",
        help="whose letters: the video's (A the apple) or the paper's (A the base objective's)",
    )
    model = parser.add_argument_group(
        "training-process model", "any of these adds what the model implies (each 1 by default)"
    )
    for name, (symbol, meaning) in _MODEL_OPTIONS.items():
        flag = f"--{name.replace('_', '-')}"
        model.add_argument(flag, type=_fraction, metavar=symbol, help=meaning)
    parser.add_argument(
        "--solve",
        nargs="?",
        const=Fraction(61, 100),
        type=_fraction,
        metavar="TARGET",
        help="settings at which the best defection probability is TARGET (the paper's 0.61)",
    )
    parser.add_argument(
        "--mazes",
        action="store_true",
        help="live the schedule in the paper's 3x3 grid as a maze, modification rule applied",
    )


_MODEL_OPTIONS = {
    "modification": ("Q", "probability that a training defection gets the objective replaced"),
    "discount": ("GAMMA", "how much less each later episode counts, in (0, 1]"),
    "training_weight": ("W_T", "what an apple in a training episode is worth"),
    "deployment_weight": ("W_D", "what an apple in a deployment episode is worth"),
}


def _fraction(text: str) -> Fraction:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(
            f"expected a number such as 0.9 or 9/10, got {text!r}"
        ) from None


def _deception(args: argparse.Namespace) -> int:
    schedule = TrainingSchedule(training=args.training, deployment=args.deployment)
    labels = PAPER_LABELS if args.labels == "paper" else VIDEO_LABELS
    given = {k: getattr(args, k) for k in _MODEL_OPTIONS if getattr(args, k) is not None}
    model = TrainingModel.model_validate({"schedule": schedule, **given})
    sections = [toy_report(schedule, args.table, labels)]
    if given:
        sections.append(model_report(model, labels))
    if args.solve is not None:
        sections.append(solve_report(model, args.solve, labels))
    if args.mazes:
        sections.append(_mazes_report(model, labels))
    print("\n\n".join(sections))
    return 0


def _mazes_report(model: TrainingModel, labels: Labels) -> str:
    """The schedule lived in corner mazes, each number next to what the model says it is."""
    agent = DeceptiveAgent.green_seeker(get_scenario("green-exit").vocabulary)
    mazes = [corner_maze(PAPER_GRID)] * model.episodes
    best = model.best_defection()
    lines = [
        f"Lived in mazes: the paper's 3x3 grid, a grey exit at {labels.base} and a green "
        f"apple at {labels.mesa}, one maze per episode:",
        *("  " + row for row in PAPER_GRID.draw(labels).splitlines()),
    ]
    cases: list[tuple[Policy, str, Fraction]] = [
        ("informed", "knowing the episode", model.informed_values()[0]),
        ("myopic", "within the episode", model.expected_apples(Fraction(1))),
        (
            best.probability,
            f"unable to tell, p = {_number(best.probability)}",
            best.expected_apples,
        ),
    ]
    for policy, label, modelled in cases:
        expected = expected_in_mazes(agent, model, mazes, policy)
        played = ""
        if not isinstance(policy, Fraction):  # a random defector's one history says little
            run = train_in_mazes(agent, model, mazes, policy)
            after = "" if run.replaced_after is None else f", replaced after {run.replaced_after}"
            played = f"{run.plan(labels.mesa, labels.base)}{after}; "
        lines.append(
            f"  {label}: {played}expected {_number(expected)} (the model: {_number(modelled)})"
        )
    return "\n".join(lines)


def _number(x: Fraction) -> str:
    return str(x) if x.denominator < 10**6 else f"{float(x):.4f}"


def add_adversarial_arguments(parser: argparse.ArgumentParser) -> None:
    """``--adversarial`` and the adversary's settings, for ``evolve``."""
    parser.add_argument(
        "--adversarial",
        action="store_true",
        help="adversarial training: after each generation, add universe mazes the best "
        "genome fails to the training set (writes OUT/adversarial.json too)",
    )
    _adversary_arguments(parser)


def _adversary_arguments(parser: argparse.ArgumentParser) -> None:
    default = Adversary()
    parser.add_argument(
        "--draws",
        type=between(0, MAX_DRAWS),
        default=default.draws,
        help=f"universe mazes the adversary draws per generation ({default.draws})",
    )
    parser.add_argument(
        "--keep",
        type=between(1, MAX_KEEP),
        default=default.keep,
        help=f"failed mazes it adds per generation, at most ({default.keep})",
    )
    parser.add_argument(
        "--witnesses",
        action="store_true",
        help="let the adversary also try the exact checker's witness mazes (white box)",
    )


def adversary_from(args: argparse.Namespace) -> Adversary:
    """The adversary ``--draws``, ``--keep`` and ``--witnesses`` describe."""
    return Adversary(draws=args.draws, keep=args.keep, witnesses=args.witnesses)


def evolve_with_adversary(
    args: argparse.Namespace,
    settings: RunSettings,
    engine: Engine,
    progress: Progress,
    out: Path,
    saved: Checkpoint | None = None,
) -> RunRecord:
    """The run of ``evolve --adversarial``; writes ``OUT/adversarial.json`` and returns the record.

    With ``saved`` (an adversarial run's checkpoint) the run continues from it,
    the adversary's settings and the mazes it added so far included.
    """
    options = {
        "checkpoint": out / "checkpoint.json",
        "checkpoint_every": args.checkpoint_every,
        "progress": progress,
    }
    if saved is not None:
        run = resume_adversarial(saved, engine, **options)
    else:
        run = evolve_adversarial(settings, adversary_from(args), engine, **options)
    save_json(run, out / "adversarial.json")
    print(f"The adversary added {len(run.added)} mazes to the training set.")
    return run.record


def add_adversarial(subparsers: Subparsers) -> None:
    """``mesa-types adversarial``: with and without the adversary, seed by seed; then deception."""
    parser = subparsers.add_parser(
        "adversarial",
        help="compare runs with and without adversarial training on green exit",
        description="For each seed, evolve on green-exit twice, with and without the "
        "adversary, judge both best genomes with the exact checker, and print the table. "
        "Then run deceptive agents on every adversarial training maze and on deployment mazes.",
    )
    add_seed_arguments(parser)
    _adversary_arguments(parser)
    parser.add_argument(
        "--hunts",
        type=between(0, MAX_SEEDS),
        default=20,
        help="seeds on which the adversary hunts each deceptive agent directly, for as many "
        "rounds as a run has (20; each takes seconds)",
    )
    parser.add_argument(
        "--out", help="also write adversarial.json and adversarial.md here (kept seed by seed)"
    )
    add_force_argument(parser)
    add_engine_arguments(parser)
    parser.set_defaults(handler=_compare)


def _text(report: Comparison) -> str:
    return f"{report.table()}\n\n{report.summary()}"


def _compare(args: argparse.Namespace) -> int:
    adversary = adversary_from(args)
    expected = {
        "generations": args.generations,
        "population": args.population,
        "training_environments": args.training_mazes,
        "adversary": adversary.model_dump(mode="json"),
    }
    with seed_output(args, "adversarial", expected) as kept:
        with engine_of(args) as engine:
            report, deceivers = adversarial_report(
                args, adversary, engine, lambda r: kept.finished(r, _text(r), len(r.rows) // 2)
            )
        kept.publish("\n\n".join([_text(report), *deceivers]), report)
    return 0
