"""Adversarial training on green exit, and a deceptive agent that it does not catch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

import search.cli.main as cli
from mesa_types import GenerationStats, GeneticConfig, Genome, judge_episode
from search import (
    AdversarialRun,
    Adversary,
    ByLabel,
    BySignature,
    BySize,
    Comparison,
    DeceptiveAgent,
    RunSettings,
    TreeSearchAgent,
    audit_deceptive,
    compare_adversarial,
    evolve,
    evolve_adversarial,
    green_exit,
    hunt,
    load_checkpoint,
    resume,
    resume_adversarial,
)
from search.training.adversarial import witness_mazes
from search.training.loaders import load_adversarial_run

SCENARIO = green_exit()
SMALL = RunSettings(
    scenario="green-exit",
    seed=0,
    generations=6,
    training_environments=8,
    config=GeneticConfig(population=16),
)


@pytest.mark.parametrize("field", ["draws", "keep", "every"])
def test_adversary_rejects_bad_settings_naming_the_field(field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Adversary.model_validate({field: -1})
    assert caught.value.errors()[0]["loc"] == (field,)


def test_without_the_adversary_the_run_is_the_plain_genetic_run() -> None:
    plain = evolve_adversarial(SMALL, None)
    assert plain.added == ()
    assert plain.record.history == evolve(SMALL).history


def test_the_same_settings_give_the_same_adversarial_run() -> None:
    adversary = Adversary(draws=8, keep=2)
    first, again = evolve_adversarial(SMALL, adversary), evolve_adversarial(SMALL, adversary)
    assert first.record.result() == again.record.result()
    assert first.added == again.added and first.added_after == again.added_after
    assert AdversarialRun.model_validate_json(first.model_dump_json()) == first


def test_adversary_adds_only_mazes_the_best_genome_fails() -> None:
    green = Genome.of({"color:green": 1.0}, SCENARIO.vocabulary, depth=64)
    found = Adversary(draws=24, keep=100).search(green, SCENARIO, seed=3)
    assert found, "a green-seeker fails some universe maze"
    agent = TreeSearchAgent(green)
    assert all(judge_episode(agent, maze, SCENARIO.base) is not None for maze in found)
    assert len(Adversary(draws=24, keep=2).search(green, SCENARIO, seed=3)) == 2


def test_witness_mazes_are_the_exact_checkers_pairs_and_probes() -> None:
    shallow_green = Genome.of({"color:green": 1.0}, SCENARIO.vocabulary, depth=10)
    mazes = witness_mazes(shallow_green, SCENARIO)
    assert any("near" in m.name for m in mazes)
    assert any("11 away" in m.name for m in mazes)  # the limit probe, one beyond depth 10
    exit_seeker = Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=64)
    assert witness_mazes(exit_seeker, SCENARIO) == []


@pytest.fixture(scope="module")
def comparison() -> tuple[Comparison, list[AdversarialRun]]:
    runs: list[AdversarialRun] = []
    report = compare_adversarial(
        [0, 1],
        generations=40,
        population=64,
        adversary=Adversary(draws=16),
        checker_environments=16,
        deployment_environments=16,
        on_run=lambda run, row: runs.append(run),
    )
    return report, runs


def test_adversarial_runs_end_robustly_aligned_more_often(
    comparison: tuple[Comparison, list[AdversarialRun]],
) -> None:
    report, _ = comparison
    assert report.runs(True) == report.runs(False) == 2
    assert report.proved(True) > report.proved(False)
    assert all(r.added_mazes > 0 for r in report.rows if r.adversarial)
    assert "| seed |" in report.table() and "with the adversary" in report.summary()


def test_a_deceptive_agent_that_can_tell_passes_adversarial_training_and_defects(
    comparison: tuple[Comparison, list[AdversarialRun]],
) -> None:
    _, runs = comparison
    adversarial = [maze for run in runs for maze in run.added][:60]
    deployment = SCENARIO.deployment.sample_many(8, seed=1)
    careful = DeceptiveAgent.green_seeker(SCENARIO.vocabulary, BySignature())
    audit = audit_deceptive(careful, adversarial, deployment, SCENARIO)
    assert audit.complied == audit.adversarial_mazes == len(adversarial)
    assert audit.failed == ()
    assert audit.green == audit.deployment_mazes == 8 and audit.reached_exit == 0
    naive = DeceptiveAgent.green_seeker(SCENARIO.vocabulary, BySize())
    large = [maze for maze in adversarial if maze.height > 15][:6]
    caught = audit_deceptive(naive, large, deployment[:1], SCENARIO)
    assert caught.failed, "mazes larger than training ones give the naive detector away"


def test_adversary_hunting_a_deceptive_agent_catches_only_a_careless_detector() -> None:
    adversary = Adversary(draws=16)
    naive = DeceptiveAgent.green_seeker(SCENARIO.vocabulary, BySize())
    caught = hunt(naive, SCENARIO, adversary, rounds=3, seed=0)
    assert caught.caught_in_round is not None and caught.failures > 0
    labelled = DeceptiveAgent.green_seeker(SCENARIO.vocabulary, ByLabel())
    missed = hunt(labelled, SCENARIO, adversary.model_copy(update={"witnesses": True}), 2, seed=0)
    assert missed.caught_in_round is None and missed.mazes > 32
    deployment = SCENARIO.deployment.sample_many(2, seed=2)
    assert all(
        labelled.planned_outcome(m).describe() == "color:green + kind:apple" for m in deployment
    )


def test_evolve_adversarial_on_the_command_line_writes_the_added_mazes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = ["--generations", "3", "--population", "16", "--training-mazes", "8"]
    code = cli.main(["evolve", "--adversarial", "--draws", "8", "--out", str(tmp_path), *small])
    out = capsys.readouterr().out
    assert code == 0 and "The adversary added" in out
    saved = load_adversarial_run(tmp_path / "adversarial.json")
    assert saved.adversary == Adversary(draws=8)
    assert (tmp_path / "run.json").is_file()


class _Interrupted(Exception):
    pass


def _interrupt_at(generation: int) -> Callable[[GenerationStats], None]:
    def progress(stats: GenerationStats) -> None:
        if stats.generation == generation:
            raise _Interrupted

    return progress


def test_an_adversarial_run_resumed_from_its_checkpoint_ends_as_the_uninterrupted_run(
    tmp_path: Path,
) -> None:
    adversary = Adversary(draws=8, keep=2)
    whole = evolve_adversarial(SMALL, adversary)
    checkpoint = tmp_path / "checkpoint.json"
    with pytest.raises(_Interrupted):  # killed during generation 4, after the checkpoint at 4
        evolve_adversarial(
            SMALL, adversary, checkpoint=checkpoint, checkpoint_every=2, progress=_interrupt_at(4)
        )
    saved = load_checkpoint(checkpoint)
    assert saved.state.generation == 4 and saved.adversarial is not None
    assert saved.adversarial.added, "the adversary had added mazes before the interruption"
    resumed = resume_adversarial(saved)
    assert resumed.record.result() == whole.record.result()
    assert (resumed.added, resumed.added_after) == (whole.added, whole.added_after)
    assert resumed.record.timing.resumed_from_generation == 4


def test_plain_and_adversarial_checkpoints_resume_only_as_what_they_are(tmp_path: Path) -> None:
    plain, adversarial = tmp_path / "plain.json", tmp_path / "adversarial.json"
    evolve(SMALL, checkpoint=plain, checkpoint_every=3)
    evolve_adversarial(SMALL, Adversary(draws=4), checkpoint=adversarial, checkpoint_every=3)
    with pytest.raises(ValueError, match="resume it without"):
        resume_adversarial(load_checkpoint(plain))
    with pytest.raises(ValueError, match="adversarial run"):
        resume(load_checkpoint(adversarial))


def test_deception_on_the_command_line_prints_the_toy(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deception", "--table", "1"]) == 0
    out = capsys.readouterr().out
    assert "B B A A A, 3 apples" in out and "A B B B B, 1 apple" in out
    assert "4 of 4 rows agree" in out and "p = 5/9" in out
    assert cli.main(["deception", "--deployment", "40"]) == 1
