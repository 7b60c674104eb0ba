"""Where work runs: anything shaped like a ``concurrent.futures.Executor``.

The library asks only for ``submit`` and ``map`` (:class:`Executor`), so the
same code runs in this process (:class:`SerialExecutor`, the default), on a
local ``ProcessPoolExecutor``, or on a Dask cluster through Dask's own
executor (:func:`dask_executor`). Dask is an optional extra and is imported
only when asked for.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

__all__ = [
    "Engine",
    "Executor",
    "ResultFuture",
    "SerialExecutor",
    "dask_executor",
    "in_order",
    "open_engine",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
P = ParamSpec("P")


class ResultFuture(Protocol[T_co]):
    """What ``submit`` returns: something whose ``result()`` waits for the value."""

    def result(self, timeout: float | None = None) -> T_co:
        """The value, once computed; re-raises the task's exception."""
        ...


class Executor(Protocol):
    """The part of ``concurrent.futures.Executor`` the library uses.

    ``ThreadPoolExecutor``, ``ProcessPoolExecutor``, :class:`SerialExecutor`
    and Dask's executor (:func:`dask_executor`) all fit.
    """

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> ResultFuture[T]:
        """Schedule ``fn(*args, **kwargs)``."""
        ...

    def map(self, fn: Callable[..., T], *iterables: Iterable[Any]) -> Iterator[T]:
        """``fn`` over the zipped ``iterables``; results in input order."""
        ...


@dataclass(frozen=True, slots=True)
class _Done(Generic[T]):
    """A future that is already resolved, or already failed."""

    value: T | None
    error: Exception | None = None

    def result(self, timeout: float | None = None) -> T:
        if self.error is not None:
            raise self.error
        return cast(T, self.value)


class SerialExecutor:
    """Runs every task at once, in this process: the default, and the reference for the others.

    Example:
        >>> list(SerialExecutor().map(pow, [2, 3], [2, 2]))
        [4, 9]
    """

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> ResultFuture[T]:
        """Run ``fn`` now; its exception, if any, is raised by ``result()``."""
        try:
            return _Done(fn(*args, **kwargs))
        except Exception as error:
            return _Done(None, error)

    def map(self, fn: Callable[..., T], *iterables: Iterable[Any]) -> Iterator[T]:
        """``fn`` over the zipped ``iterables``, lazily, in order."""
        return map(fn, *iterables)


def dask_executor(client: Any) -> Executor:
    """Dask's own :class:`concurrent.futures.Executor` for a ``distributed.Client``.

    This is ``client.get_executor(pure=False)``: tasks must run, not be served
    from Dask's cache by argument hash. Its ``map`` yields results in input
    order, as an executor's must.

    Args:
        client: A connected ``distributed.Client`` (to a ``LocalCluster`` or a
            real cluster).
    """
    executor: Executor = client.get_executor(pure=False)
    return executor


@dataclass(frozen=True)
class Engine:
    """An executor, how many chunks to cut a population into for it, and a name for reports."""

    executor: Executor
    chunks: int
    name: str


def in_order(engine: Engine | None, task: Callable[[Any], T], items: Iterable[Any]) -> Iterator[T]:
    """``task`` of each item as a whole task on ``engine``, results yielded in input order.

    Serially (no engine, or one chunk) each task runs only when its result is
    asked for, so a caller that stops early runs no more. Otherwise every task
    is submitted at once and the results are yielded as the earliest pending
    one is done; tasks not yet started are cancelled when the caller stops
    (Ctrl-C, an error, or ``close()``), so shutting the pool down does not
    run them.

    Example:
        >>> list(in_order(None, abs, [-2, 3]))
        [2, 3]
    """
    if engine is None or engine.chunks <= 1:
        yield from map(task, items)
        return
    futures = [engine.executor.submit(task, item) for item in items]
    try:
        for future in futures:
            yield future.result()
    finally:
        for future in futures:
            cancel = getattr(future, "cancel", None)
            if cancel is not None:
                cancel()


@contextmanager
def open_engine(
    workers: int = 0, dask: bool = False, scheduler: str | None = None
) -> Iterator[Engine]:
    """An executor for the duration of a ``with`` block, shut down afterwards.

    Args:
        workers: 0 or 1 runs serially in this process; N > 1 starts a process
            pool of N (or a Dask ``LocalCluster`` of N workers with ``dask``).
        dask: Use a Dask ``LocalCluster`` of single-threaded worker processes
            (at least 2). Needs the ``dask`` extra.
        scheduler: The address of a running Dask scheduler (``tcp://host:8786``)
            to send the work to instead; ``workers`` and ``dask`` are then not
            used. Its workers are not shut down afterwards, only the connection.

    Raises:
        ValueError: ``workers`` is negative.
        ImportError: ``dask`` or ``scheduler`` is asked for but Dask is not installed.
        OSError: The scheduler cannot be reached.
    """
    if workers < 0:
        raise ValueError(f"workers must be at least 0, got {workers}")
    if scheduler is not None:
        with _remote_dask(scheduler) as (executor, threads):
            yield Engine(executor, threads, f"dask scheduler {scheduler}, {threads} threads")
    elif dask:
        n = max(workers, 2)
        with _local_dask(n) as executor:
            yield Engine(executor, n, f"dask LocalCluster, {n} worker processes")
    elif workers <= 1:
        yield Engine(SerialExecutor(), 1, "serial")
    else:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
        try:
            yield Engine(pool, workers, f"process pool, {workers} workers")
        except BaseException:
            # Ctrl-C, SIGTERM turned into an exception, or an error: stop now, do
            # not wait for running tasks, and leave no worker process behind.
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """In a pool's worker: Ctrl-C is the main process's to handle (it stops the workers).

    SIGTERM gets its default action back, in case the main process had its own
    handler when it forked: a worker told to stop, stops.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate a pool's worker processes and wait until they are gone."""
    # The standard library has no public way to stop running tasks; ``_processes``
    # is the pool's map of worker processes (absent if none was started).
    running: dict[int, Any] = getattr(pool, "_processes", None) or {}
    workers = list(running.values())
    for process in workers:
        process.terminate()
    for process in workers:
        process.join()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError(
            "Dask is optional: install it with pip install 'mesa-types[dask]'"
        ) from error
    return distributed


@contextmanager
def _remote_dask(address: str) -> Iterator[tuple[Executor, int]]:
    client_type: Any = _distributed().Client
    try:
        client = client_type(address, timeout="10s")
    except (OSError, ValueError, TypeError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise OSError(f"could not reach the Dask scheduler at {address!r}: {reason}") from None
    with client:
        threads = max(2, sum(client.nthreads().values()))
        yield dask_executor(client), threads


@contextmanager
def _local_dask(workers: int) -> Iterator[Executor]:
    distributed = _distributed()
    # Dask's constructors are untyped; dask_executor is where typing resumes.
    cluster_type: Any = distributed.LocalCluster
    client_type: Any = distributed.Client
    with (
        cluster_type(
            processes=True,
            n_workers=workers,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        client_type(cluster) as client,
    ):
        yield dask_executor(client)
