"""Output folders one run at a time: an exclusive lock, checked before any computing.

:func:`locked_folder` creates the folder if needed, proves it writable by
creating its lock file there, and holds the lock until the block ends; a
second process asking for the same folder meanwhile gets :class:`FolderInUse`
naming the process that holds it. The lock is an ``fcntl.flock`` on
``.mesa-types.lock`` (which also records the holder's process id): the kernel
drops it when its process dies, however it dies, so a lock left by a killed
run is stale and taken over at once. Where ``fcntl`` does not exist the lock
file is created with ``O_CREAT | O_EXCL`` instead, and a lock whose recorded
process is no longer alive is stale.

While it holds the lock, a process is the only writer of the folder, so
leftover temporary files of killed writes (``.NAME.XXXX.tmp``) are removed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_NAME", "FolderInUse", "locked_folder"]

LOCK_NAME = ".mesa-types.lock"
"""The lock file :func:`locked_folder` keeps in the folder while it holds it."""

_LEFTOVER = re.compile(r"^\..+\.[0-9a-f]+\.tmp$")
"""Temporary files of :func:`~search.training.files.write_text`, old (pid) and new (random)."""


class FolderInUse(Exception):
    """Another process is writing to the folder."""


@contextmanager
def locked_folder(folder: str | os.PathLike[str], flag: str = "--out") -> Iterator[Path]:
    """Hold the output folder ``folder`` for this process until the block ends.

    Args:
        folder: The folder; created (with its parents) if it does not exist.
        flag: How the user named the folder, for messages.

    Yields:
        The folder.

    Raises:
        FolderInUse: Another live process holds it.
        OSError: It cannot be created or written to (the message says which).
    """
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"cannot write to {flag} {path}: it is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        descriptor = _lock(path, flag)
    except FolderInUse:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise OSError(f"cannot write to {flag} {path}: {reason}") from None
    try:
        _remove_leftovers(path)
        yield path
    finally:
        _unlock(path, descriptor)


def _lock(folder: Path, flag: str) -> int:
    lock = folder / LOCK_NAME
    if fcntl is None:  # not on POSIX (tests simulate it)
        return _lock_exclusively(lock, folder, flag)
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(descriptor)
            os.close(descriptor)
            raise _in_use(folder, flag, holder) from None
        # The holder before us may have removed the file between our open and our lock:
        # then we hold a file nobody else sees, and must lock the one at the path.
        try:
            same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
            return descriptor
        os.close(descriptor)


def _lock_exclusively(lock: Path, folder: Path, flag: str) -> int:
    """The lock without ``fcntl``: create the file exclusively; break it if its holder died."""
    for _ in range(3):
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
        except FileExistsError:
            holder = _holder_of(lock)
            if holder is not None and _alive(holder):
                raise _in_use(folder, flag, holder) from None
            lock.unlink(missing_ok=True)  # stale: its process is gone
            continue
        os.write(descriptor, f"{os.getpid()}\n".encode())
        return descriptor
    raise _in_use(folder, flag, _holder_of(lock))


def _unlock(folder: Path, descriptor: int) -> None:
    # Remove the file while still holding it, so nobody locks a file about to vanish.
    with suppress(FileNotFoundError):
        (folder / LOCK_NAME).unlink()
    os.close(descriptor)


def _in_use(folder: Path, flag: str, holder: int | None) -> FolderInUse:
    who = f"process {holder}" if holder is not None else "another process"
    return FolderInUse(
        f"{flag} {folder} is in use by another mesa-types run ({who}); wait for it to "
        f"finish or choose another {flag}"
    )


def _read_holder(descriptor: int) -> int | None:
    with suppress(OSError):
        return _pid(os.pread(descriptor, 32, 0))
    return None


def _holder_of(lock: Path) -> int | None:
    with suppress(OSError):
        return _pid(lock.read_bytes()[:32])
    return None


def _pid(raw: bytes) -> int | None:
    text = raw.decode("ascii", "replace").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but someone else's
        return True
    except OSError:
        return False
    return True


def _remove_leftovers(folder: Path) -> None:
    for entry in folder.iterdir():
        if _LEFTOVER.match(entry.name) and not entry.is_dir():
            with suppress(OSError):
                entry.unlink()


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
