"""Whole seeds as tasks: in order, in the workers, the same rows serial, pooled and on Dask."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from mesa_types import GenerationStats, in_order, open_engine
from mesa_types.optimizers.genetic_config import GeneticState
from search import Adversary, classify_seeds, compare_adversarial, phenomenon
from search.cli import main as cli
from search.cli.tools import SeedRuns

RUNS = SeedRuns(seeds=range(3), generations=3, population=8, training_environments=4)


def _pid(_: int) -> int:
    return os.getpid()


def test_serially_a_task_runs_only_when_its_result_is_asked_for() -> None:
    ran: list[int] = []

    def task(x: int) -> int:
        ran.append(x)
        return x * x

    results = in_order(None, task, [1, 2, 3])
    assert next(results) == 1
    assert ran == [1]
    assert list(results) == [4, 9]


def test_on_a_pool_the_tasks_run_in_the_workers_and_come_back_in_order() -> None:
    with open_engine(workers=2) as engine:
        assert list(in_order(engine, abs, [-3, 2, -1, 0])) == [3, 2, 1, 0]
        pids = set(in_order(engine, _pid, range(8)))
    assert os.getpid() not in pids


def test_phenomenon_rows_are_the_same_serial_pooled_and_on_dask() -> None:
    pytest.importorskip("distributed")
    serial = phenomenon(**RUNS, deployment_environments=8)
    with open_engine(workers=2) as pool:
        pooled = phenomenon(**RUNS, deployment_environments=8, engine=pool)
    with open_engine(workers=2, dask=True) as cluster:
        clustered = phenomenon(**RUNS, deployment_environments=8, engine=cluster)
    assert [r.seed for r in serial.rows] == [0, 1, 2]
    assert serial == pooled == clustered


def test_classify_and_adversarial_rows_are_the_same_serial_and_pooled() -> None:
    adversary = Adversary(draws=4)
    with open_engine(workers=2) as pool:
        classified = classify_seeds(**RUNS, deployment_environments=8, engine=pool)
        compared = compare_adversarial(
            **RUNS,
            adversary=adversary,
            checker_environments=4,
            deployment_environments=8,
            engine=pool,
        )
    assert classified == classify_seeds(**RUNS, deployment_environments=8)
    assert compared == compare_adversarial(
        **RUNS, adversary=adversary, checker_environments=4, deployment_environments=8
    )
    assert [(r.seed, r.adversarial) for r in compared.rows][:2] == [(0, False), (0, True)]


def test_the_cli_reaches_a_running_dask_scheduler_by_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    distributed = pytest.importorskip("distributed")
    argv = ["phenomenon", "--seeds", "2", "--generations", "3", "--population", "8"]
    argv += ["--training-mazes", "4", "--deployment-mazes", "8", "--quiet"]
    assert cli.main(argv) == 0
    serial = capsys.readouterr()
    assert serial.err == ""  # --quiet: no progress lines
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        assert cli.main([*argv, "--scheduler", cluster.scheduler_address]) == 0
        remote = capsys.readouterr()
        with distributed.Client(cluster.scheduler_address) as client:
            assert len(client.nthreads()) == 2  # the cluster's workers outlive the command
    assert remote.out == serial.out


def test_an_unreachable_scheduler_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    argv = ["phenomenon", "--seeds", "1", "--generations", "1", "--population", "3"]
    assert cli.main([*argv, "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "mesa-types phenomenon: error: could not reach the Dask scheduler at 'tcp://127.0.0.1:9'"
    )
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_generation_stats_refuse_nan_and_inf(bad: float) -> None:
    with pytest.raises(ValidationError, match="best\n  Input should be a finite number"):
        GenerationStats(generation=0, best=bad, mean=0.0, std=0.0)
    with pytest.raises(ValueError, match=f"generation 3: fitness 1 is {bad}; it must be finite"):
        GenerationStats.of(3, [1.0, bad])
    with pytest.raises(ValueError, match="generation 3 has no fitness values"):
        GenerationStats.of(3, [])


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_genetic_state_refuses_nan_and_inf(bad: float) -> None:
    state = {
        "generation": 0,
        "weights": ((1.0, 2.0),),
        "depths": (1,),
        "rng": {},
        "incumbent": None,
        "evaluated": (),
        "evaluated_fitness": (),
    }
    with pytest.raises(ValidationError, match=re.escape("weights.0.1\n  Input should be a finite")):
        GeneticState.model_validate({**state, "weights": ((1.0, bad),)})
    with pytest.raises(
        ValidationError, match=re.escape("evaluated_fitness.0\n  Input should be a finite")
    ):
        GeneticState.model_validate({**state, "evaluated_fitness": (bad,)})
    assert GeneticState.model_validate(state).generation == 0
