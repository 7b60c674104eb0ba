"""The ``demo``, ``evolve``, ``show`` and ``phenomenon`` subcommands of ``mesa-types``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mesa_types import GeneticConfig, open_engine
from search.cli.deception import add_adversarial_arguments, evolve_with_adversary
from search.cli.tools import (
    CommandError,
    Subparsers,
    add_engine_arguments,
    add_seed_arguments,
    at_least,
    progress_reporter,
    publish,
    seed_runs,
)
from search.experiments.demo import DEMO_SETTINGS, demo_report, draw_run, run_demo
from search.experiments.phenomenon import phenomenon
from search.scenarios.registry import SCENARIOS, get_scenario
from search.training.evolution import evolve, resume
from search.training.files import save_json
from search.training.runs import RunRecord, RunSettings, load_checkpoint, load_run

__all__ = ["add_demo", "add_evolve", "add_phenomenon", "add_show", "record_summary"]

_D = DEMO_SETTINGS


def add_demo(subparsers: Subparsers) -> None:
    """``mesa-types demo``: the green-exit experiment end to end."""
    parser = subparsers.add_parser(
        "demo",
        help="run the green-exit experiment end to end and write a run folder",
        description="Evolve search-tree agents on green-exit training mazes (the exit is "
        "green), deploy the best genome on mazes where the exit is grey and the apples are "
        "green, judge it with the alignment checker, print a report and write run.json, "
        "verdict.json and pictures to the run folder.",
    )
    parser.add_argument("--out", default="runs/demo", help="run folder (default runs/demo)")
    _add_run_arguments(parser, scenario=False)
    parser.add_argument(
        "--deployment-mazes",
        type=at_least(1),
        default=256,
        help="deployment mazes the best genome is measured on (default 256)",
    )
    parser.add_argument("--no-pictures", action="store_true", help="skip the PNGs")
    add_engine_arguments(parser)
    parser.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    settings = _settings(args, _D.model_copy(update={"scenario": "green-exit"}))
    with (
        open_engine(args.workers, args.dask) as engine,
        progress_reporter(settings.generations, "evolving") as tick,
    ):
        result = run_demo(
            args.out,
            settings,
            deployment_environments=args.deployment_mazes,
            engine=engine,
            progress=tick,
            pictures=not args.no_pictures,
        )
    print(demo_report(result))
    return 0


def add_evolve(subparsers: Subparsers) -> None:
    """``mesa-types evolve``: one genetic run, saved as ``run.json``, optionally checkpointed."""
    parser = subparsers.add_parser(
        "evolve",
        help="evolve search-tree agents on a scenario and save the run",
        description="Run the genetic base optimizer on a scenario's training mazes and write "
        "OUT/run.json. With --checkpoint-every N it keeps OUT/checkpoint.json up to date; "
        "--resume continues from it and ends exactly as an uninterrupted run would, "
        "adversarial runs included.",
    )
    parser.add_argument("--out", default="runs/evolve", help="run folder (default runs/evolve)")
    _add_run_arguments(parser, scenario=True)
    parser.add_argument(
        "--checkpoint-every",
        type=at_least(0),
        default=0,
        metavar="N",
        help="save OUT/checkpoint.json every N generations (default 0: never)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue from OUT/checkpoint.json; settings (and, for an adversarial run, the "
        "adversary and the mazes it added) come from it; any given must agree",
    )
    add_engine_arguments(parser)
    add_adversarial_arguments(parser)
    parser.set_defaults(handler=_evolve)


def _evolve(args: argparse.Namespace) -> int:
    out = Path(args.out)
    checkpoint = out / "checkpoint.json"
    saved = None
    if args.resume:
        if not checkpoint.is_file():
            raise CommandError(f"no checkpoint to resume at {checkpoint}")
        saved = load_checkpoint(checkpoint)
        settings = saved.settings
        _agree(args, settings)
    else:
        settings = _settings(args, _D)
    first = saved.state.generation if saved is not None else 0
    adversarial = args.adversarial or (saved is not None and saved.adversarial is not None)
    if saved is not None and args.adversarial and saved.adversarial is None:
        raise CommandError(f"{checkpoint} is of a run without --adversarial; resume it without")
    with (
        open_engine(args.workers, args.dask) as engine,
        progress_reporter(settings.generations, "evolving", initial=first) as tick,
    ):
        options = {"checkpoint": checkpoint, "checkpoint_every": args.checkpoint_every}
        if adversarial:
            record = evolve_with_adversary(args, settings, engine, tick, out, saved)
        elif saved is not None:
            record = resume(saved, engine, progress=tick, **options)
        else:
            record = evolve(settings, engine, progress=tick, **options)
    save_json(record, out / "run.json")
    print(record_summary(record))
    print(f"Wrote {out / 'run.json'}; draw it with: mesa-types show {out}")
    return 0


def add_show(subparsers: Subparsers) -> None:
    """``mesa-types show RUN_FOLDER``: print a saved run and draw its pictures again."""
    parser = subparsers.add_parser(
        "show",
        help="print a saved run and draw its pictures",
        description="Read RUN_FOLDER/run.json, print a summary, and draw fitness.png, "
        "training.png and deployment.png into the folder.",
    )
    parser.add_argument("folder", metavar="RUN_FOLDER", help="a folder holding run.json")
    parser.add_argument("--no-pictures", action="store_true", help="only print the summary")
    parser.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(f"no run folder at {folder}")
    if not (folder / "run.json").is_file():
        raise CommandError(f"{folder} holds no run.json")
    record = load_run(folder / "run.json")
    print(record_summary(record))
    if not args.no_pictures:
        drawn = draw_run(record, folder)
        print(f"Drew {', '.join(str(p) for p in drawn)}")
    return 0


def add_phenomenon(subparsers: Subparsers) -> None:
    """``mesa-types phenomenon``: the green-exit experiment over many seeds, as a table."""
    parser = subparsers.add_parser(
        "phenomenon",
        help="measure the green-exit phenomenon over many seeds",
        description="For each seed, evolve on green-exit training mazes and report how often "
        "the best genome reaches the exit in training and in deployment, how often it goes to "
        "a green apple instead, and the share of the top-fitness genomes that go to a green "
        "apple in deployment.",
    )
    add_seed_arguments(parser)
    parser.add_argument("--deployment-mazes", type=at_least(1), default=256)
    parser.add_argument("--out", help="also write phenomenon.json and phenomenon.md here")
    add_engine_arguments(parser)
    parser.set_defaults(handler=_phenomenon)


def _phenomenon(args: argparse.Namespace) -> int:
    with open_engine(args.workers, args.dask) as engine:
        report = phenomenon(
            **seed_runs(args),
            deployment_environments=args.deployment_mazes,
            engine=engine,
            on_seed=lambda row: print(f"seed {row.seed} done", file=sys.stderr, flush=True),
        )
    text = f"{report.table()}\n\n{report.summary()}"
    publish(text, report, args.out, "phenomenon")
    return 0


def record_summary(record: RunRecord) -> str:
    """A few lines saying what a saved run was and what it found."""
    s, best, first, last = record.settings, record.best, record.history[0], record.history[-1]
    distinct = len(record.top_genomes)
    return "\n".join(
        [
            f"Run of {s.scenario}, seed {s.seed}: {s.config.population} genomes, "
            f"{s.generations} generations, {s.training_environments} training mazes "
            f"(mesa-types {record.library_version}).",
            f"Fitness: generation 0 best {first.best:.3f} mean {first.mean:.3f}; "
            f"generation {last.generation} best {last.best:.3f} mean {last.mean:.3f}.",
            f"Best genome: {best.genome.describe()}, fitness {best.fitness:g}, found in "
            f"generation {best.generation} (index {best.index}).",
            f"{best.tied_in_final_population} genomes of the final population ({distinct} "
            f"distinct) share its top fitness; the best was picked by: {best.tie_break}.",
            f"Took {record.timing.wall_seconds:.2f} s ({record.timing.engine}).",
        ]
    )


def _add_run_arguments(parser: argparse.ArgumentParser, *, scenario: bool) -> None:
    # Defaults are None so that --resume can tell which settings were given.
    if scenario:
        parser.add_argument(
            "--scenario", choices=sorted(SCENARIOS), help=f"scenario (default {_D.scenario})"
        )
    parser.add_argument("--seed", type=at_least(0), help=f"the run's seed (default {_D.seed})")
    parser.add_argument(
        "--generations", type=at_least(1), help=f"generations (default {_D.generations})"
    )
    parser.add_argument(
        "--population",
        type=at_least(2),
        help=f"genomes per generation (default {_D.config.population})",
    )
    parser.add_argument(
        "--training-mazes",
        type=at_least(1),
        help=f"training mazes fitness averages over (default {_D.training_environments})",
    )


def _given(args: argparse.Namespace) -> dict[str, str | int]:
    """The run settings given on the command line (the others are None)."""
    names = ("scenario", "seed", "generations", "population", "training_mazes")
    return {n: v for n in names if (v := getattr(args, n, None)) is not None}


def _settings(args: argparse.Namespace, defaults: RunSettings) -> RunSettings:
    given = _given(args)

    def number(name: str, default: int) -> int:
        return int(given.get(name, default))

    config = defaults.config.model_dump()
    population = config["population"] = number("population", defaults.config.population)
    # Only the population is on the command line: keep the other settings valid for it.
    config["tournament"] = min(defaults.config.tournament, population)
    config["elite"] = min(defaults.config.elite, population - 1)
    scenario = str(given.get("scenario", defaults.scenario))
    # Search no deeper than the scenario allows (gems, say, allows 30 moves).
    deepest = get_scenario(scenario).max_depth
    config["max_depth"] = min(defaults.config.max_depth, deepest)
    config["initial_depth"] = min(defaults.config.initial_depth, config["max_depth"])
    config["min_depth"] = min(defaults.config.min_depth, config["initial_depth"])
    return RunSettings(
        scenario=scenario,
        seed=number("seed", defaults.seed),
        generations=number("generations", defaults.generations),
        training_environments=number("training_mazes", defaults.training_environments),
        config=GeneticConfig.model_validate(config),
    )


def _agree(args: argparse.Namespace, settings: RunSettings) -> None:
    saved: dict[str, str | int] = {
        "scenario": settings.scenario,
        "seed": settings.seed,
        "generations": settings.generations,
        "population": settings.config.population,
        "training_mazes": settings.training_environments,
    }
    for name, value in _given(args).items():
        if value != saved[name]:
            flag = name.replace("_", "-")
            raise CommandError(f"--{flag} {value} does not match the checkpoint's {saved[name]}")
