"""Result files that can be trusted: a content digest, finite numbers, atomic exclusive writes.

Every JSON file the library writes (a run, a checkpoint, a verdict, an
adversarial run, an experiment's report) carries a ``digest`` field: the
SHA-256 of the canonical JSON of everything else in the file (keys sorted, no
spaces, ASCII only). Reading a file recomputes it, so a file edited by hand or
damaged on disk is refused with a message naming it, before its content is
trusted for anything. The digest is not a signature: it catches edits and
damage, not someone who recomputes it on purpose.

Reading is bounded: a file larger than :data:`MAX_FILE_BYTES`, text that is
not UTF-8, JSON nested deeper than :data:`MAX_NESTING` levels, and ``NaN``,
``Infinity`` or numbers too large for a float are each refused with one clear
line. Writing refuses NaN and infinite numbers (naming the field) rather than
writing them as ``null``.

A file is written to a temporary file created exclusively (``O_EXCL``, a random
name, never through a symbolic link) in the target's own folder, flushed to
disk, then moved over the target in one step; the temporary file is removed if
anything fails, so the target is either the old file or the new one.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

__all__ = [
    "DIGEST_FIELD",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "FileFormatError",
    "check_digest",
    "content_digest",
    "read_json_object",
    "read_sealed",
    "save_json",
    "sealed_json",
    "temporary_name",
    "write_text",
]

DIGEST_FIELD = "digest"
"""The field of every written JSON file that holds the digest of the rest."""

MAX_FILE_BYTES = 256 * 2**20
"""The largest file a loader reads (256 MiB); a run or checkpoint is a few MiB at most."""

MAX_NESTING = 64
"""The deepest nesting of JSON arrays and objects a loader accepts; real files nest under 12."""

_TEMPORARY_SUFFIX = ".tmp"


class FileFormatError(ValueError):
    """A file is not text, not JSON, or not what it should be; the message names the file."""


def content_digest(data: Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``data`` without its ``digest`` field.

    Example:
        >>> content_digest({"b": 1, "a": [1.5, "x"]}) == content_digest({"a": [1.5, "x"], "b": 1})
        True
    """
    content = {k: v for k, v in data.items() if k != DIGEST_FIELD}
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def sealed_json(model: BaseModel) -> str:
    """``model`` as indented JSON text with its digest added as the last field.

    Raises:
        ValueError: A number in ``model`` is NaN or infinite (the message names
            the field); nothing is written as ``null`` in its place.
    """
    bad = _non_finite(model.model_dump(), "")
    if bad is not None:
        raise ValueError(f"{bad or 'value'}: must be a finite number, not NaN or infinite")
    data = model.model_dump(mode="json")
    if not isinstance(data, dict):  # a root model: keep it, under a field of its own
        data = {"value": data}
    data[DIGEST_FIELD] = content_digest(data)
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def save_json(model: BaseModel, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` at ``path`` as sealed JSON (see :func:`sealed_json`), atomically."""
    return write_text(sealed_json(model), path)


def read_sealed(
    path: str | os.PathLike[str], what: str, *, require_digest: bool = True
) -> dict[str, Any]:
    """Read a JSON object written by :func:`save_json` and check its digest.

    Args:
        path: The file.
        what: What it should be (``"run"``, ``"checkpoint"``...), for messages.
        require_digest: Refuse a file without a digest. With False such a file
            is read (its content is still validated by the caller); a file whose
            digest does not match is refused either way.

    Returns:
        The object without its ``digest`` field.

    Raises:
        FileNotFoundError: No such file.
        FileFormatError: The file is too large, not UTF-8 text, not JSON, not a
            JSON object, nested too deeply, holds NaN, infinite or out-of-range
            numbers, or has no digest or a digest that does not match its content.
    """
    return check_digest(read_json_object(path, what), path, require_digest=require_digest)


def read_json_object(path: str | os.PathLike[str], what: str) -> dict[str, Any]:
    """The JSON object in ``path``, read within the bounds above; its digest not yet checked.

    Raises:
        FileNotFoundError: No such file.
        FileFormatError: The file is too large, not UTF-8, not JSON, not a JSON
            object, nested too deeply, or holds NaN or out-of-range numbers.
    """
    source = Path(path)
    data = _parse(source, what)
    if not isinstance(data, dict):
        kind = "an array" if isinstance(data, list) else "a single value"
        raise FileFormatError(
            f"{source} is not a mesa-types {what}: it holds {kind}, not an object"
        )
    return data


def check_digest(
    data: dict[str, Any], path: str | os.PathLike[str], *, require_digest: bool = True
) -> dict[str, Any]:
    """``data`` without its digest, once the digest is checked (see :func:`read_sealed`).

    Raises:
        FileFormatError: ``data`` has no digest (and one is required) or its
            digest does not match; the message names ``path``.
    """
    source = Path(path)
    data = dict(data)
    found = data.pop(DIGEST_FIELD, None)
    if found is None:
        if require_digest:
            raise FileFormatError(
                f"{source} has no {DIGEST_FIELD!r} field, so it cannot be checked: it was edited "
                "or written before files carried digests (load it with require_digest=False "
                "if you trust it)"
            )
    elif found != content_digest(data):
        raise FileFormatError(
            f"{source} was edited or damaged after it was written: its content does not match "
            f"its {DIGEST_FIELD}"
        )
    return data


def _parse(source: Path, what: str) -> Any:
    with open(source, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise FileFormatError(
            f"{source} is larger than {MAX_FILE_BYTES // 2**20} MiB; no mesa-types {what} is"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileFormatError(
            f"{source} is not a text file (not UTF-8 at byte {error.start}); "
            f"expected a mesa-types {what}"
        ) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise FileFormatError(
            f"{source} nests JSON deeper than {MAX_NESTING} levels; expected a mesa-types {what}"
        ) from None
    except ValueError as error:
        reason = " ".join(str(error).split())
        raise FileFormatError(
            f"{source} is not JSON ({reason}); expected a mesa-types {what}"
        ) from None
    problem = _unusual(data)
    if problem is not None:
        raise FileFormatError(f"{source} {problem}; expected a mesa-types {what}")
    return data


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large for a float")
    return value


def _unusual(data: Any) -> str | None:
    """Why parsed JSON cannot be a file of ours (too deep, text not Unicode), or None."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_NESTING:
                return f"nests JSON deeper than {MAX_NESTING} levels"
            items = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            stack.extend((item, depth + 1) for item in items)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return "holds text that is not valid Unicode (a lone surrogate)"
    return None


def _non_finite(data: Any, where: str) -> str | None:
    """The dotted path of the first NaN or infinite number in ``data``, or None."""
    stack: list[tuple[Any, str]] = [(data, where)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return at
        if isinstance(node, Mapping):
            stack.extend((v, f"{at}.{k}" if at else str(k)) for k, v in node.items())
        elif isinstance(node, list | tuple):
            stack.extend((v, f"{at}.{i}" if at else str(i)) for i, v in enumerate(node))
    return None


def temporary_name(target: Path) -> Path:
    """A fresh, unguessable name for a temporary file next to ``target``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}{_TEMPORARY_SUFFIX}")


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` at ``path`` atomically: all of it, or the old file untouched.

    The text goes to a temporary file created exclusively in the same folder
    (a random name, opened with ``O_EXCL`` and never through a symbolic link),
    is flushed to disk, then replaces ``path`` in one step. If anything fails,
    the temporary file is removed. A symbolic link at ``path`` is replaced, not
    followed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary, descriptor = _create_exclusively(target)
    try:
        with open(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def _create_exclusively(target: Path) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(16):
        temporary = temporary_name(target)
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:  # someone holds that name (or a link to elsewhere): another
            continue
    raise FileExistsError(f"could not create a temporary file next to {target}")
