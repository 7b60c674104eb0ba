"""Where work runs: anything shaped like a ``concurrent.futures.Executor``.

The library asks only for ``submit`` and ``map`` (:class:`Executor`), so the
same code runs in this process (:class:`SerialExecutor`, the default), on a
local ``ProcessPoolExecutor``, or on a Dask cluster (:class:`DaskExecutor`, a
thin adapter: Dask's ``Client.map`` returns futures, not results). Dask is an
optional extra and is imported only when asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

__all__ = ["DaskExecutor", "Engine", "Executor", "ResultFuture", "SerialExecutor", "open_engine"]

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
    and :class:`DaskExecutor` all fit.
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


class DaskExecutor:
    """A Dask ``distributed.Client`` seen as an :class:`Executor`.

    Args:
        client: A connected ``distributed.Client`` (to a ``LocalCluster`` or a
            real cluster). Tasks are submitted with ``pure=False``: Dask must run
            them, not reuse a cached result by argument hash.
    """

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> ResultFuture[T]:
        """Schedule ``fn(*args, **kwargs)`` on the cluster."""
        future: ResultFuture[T] = self.client.submit(fn, *args, pure=False, **kwargs)
        return future

    def map(self, fn: Callable[..., T], *iterables: Iterable[Any]) -> Iterator[T]:
        """``fn`` over the zipped ``iterables`` on the cluster; waits, then yields in order."""
        futures = self.client.map(fn, *[list(it) for it in iterables], pure=False)
        results: list[T] = self.client.gather(futures)
        return iter(results)


@dataclass(frozen=True)
class Engine:
    """An executor, how many chunks to cut a population into for it, and a name for reports."""

    executor: Executor
    chunks: int
    name: str


@contextmanager
def open_engine(workers: int = 0, dask: bool = False) -> Iterator[Engine]:
    """An executor for the duration of a ``with`` block, shut down afterwards.

    Args:
        workers: 0 or 1 runs serially in this process; N > 1 starts a process
            pool of N (or a Dask ``LocalCluster`` of N workers with ``dask``).
        dask: Use a Dask ``LocalCluster`` of single-threaded worker processes
            (at least 2). Needs the ``dask`` extra.

    Raises:
        ValueError: ``workers`` is negative.
        ImportError: ``dask`` is asked for but not installed.
    """
    if workers < 0:
        raise ValueError(f"workers must be at least 0, got {workers}")
    if dask:
        n = max(workers, 2)
        with _local_dask(n) as executor:
            yield Engine(executor, n, f"dask LocalCluster, {n} worker processes")
    elif workers <= 1:
        yield Engine(SerialExecutor(), 1, "serial")
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield Engine(pool, workers, f"process pool, {workers} workers")


@contextmanager
def _local_dask(workers: int) -> Iterator[DaskExecutor]:
    try:
        import distributed
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError(
            "Dask is optional: install it with pip install 'mesa-types[dask]'"
        ) from error
    # Dask's constructors are untyped; the adapter is where typing resumes.
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
        yield DaskExecutor(client)
