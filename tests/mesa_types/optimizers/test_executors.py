"""Serial, process-pool and Dask runs of one seed are the same run, bit for bit."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from mesa_types import Engine, Executor, GeneticConfig, SerialExecutor, open_engine
from search import PopulationFitness, RunSettings, TrainingSet, evolve, green_exit

SETTINGS = RunSettings(
    scenario="green-exit",
    seed=4,
    generations=3,
    training_environments=8,
    config=GeneticConfig(population=16),
)


def _fails() -> None:
    raise RuntimeError("boom")


def test_serial_process_pool_and_dask_give_the_same_run() -> None:
    pytest.importorskip("distributed")
    serial = evolve(SETTINGS)
    with open_engine(workers=2) as pool:
        pooled = evolve(SETTINGS, pool)
    with open_engine(workers=2, dask=True) as cluster:
        clustered = evolve(SETTINGS, cluster)
        assert cluster.executor.submit(pow, 2, 3).result() == 8
    assert serial.timing.engine == "serial"
    assert "process pool" in pooled.timing.engine
    assert "dask" in clustered.timing.engine
    assert serial.result() == pooled.result() == clustered.result()


def test_any_concurrent_futures_executor_fits() -> None:
    with ThreadPoolExecutor(max_workers=3) as threads:
        executor: Executor = threads  # mypy checks that the standard executors fit the protocol
        threaded = evolve(SETTINGS, Engine(executor, 3, "threads"))
    assert threaded.result() == evolve(SETTINGS).result()


def test_chunking_does_not_change_fitness() -> None:
    scenario = green_exit()
    training = TrainingSet.compile(
        scenario.training.sample_many(6, seed=2), scenario.vocabulary, scenario.base
    )
    rng = np.random.default_rng(0)
    weights = rng.uniform(-1, 1, (23, len(scenario.vocabulary)))
    depths = rng.integers(0, 65, 23)
    whole = PopulationFitness(training).arrays(weights, depths)
    for chunks in (2, 5, 23, 40):
        assert PopulationFitness(training, chunks=chunks).arrays(weights, depths) == whole


def test_serial_executor_submits_and_maps_in_order_and_keeps_errors_for_result() -> None:
    executor = SerialExecutor()
    assert executor.submit(pow, 2, 5).result() == 32
    assert list(executor.map(pow, [2, 3, 4], [2, 2, 2])) == [4, 9, 16]
    failed = executor.submit(_fails)
    with pytest.raises(RuntimeError, match="boom"):
        failed.result()


def test_a_process_pool_fits_the_executor_protocol() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        executor: Executor = pool
        assert executor.submit(pow, 3, 2).result() == 9


def test_open_engine_rejects_negative_workers() -> None:
    with pytest.raises(ValueError, match="workers must be at least 0"), open_engine(-1):
        pass
