"""Reading back the other files a run folder holds: verdicts and adversarial runs.

Like :func:`~search.load_run` and :func:`~search.load_checkpoint`, each
loader checks the file's digest before anything else (an edited or damaged
file is refused, naming it), then validates the content, and raises
:class:`~search.RunFormatError` with one line saying what is wrong.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from mesa_types import Verdict, verdict_from_json
from search.training.runs import AdversarialRun, RunFormatError, read_file, validation_problems

__all__ = ["load_adversarial_run", "load_verdict"]


def load_verdict(path: str | os.PathLike[str], *, require_digest: bool = True) -> Verdict:
    """Read a ``verdict.json`` written by ``mesa-types check`` or the demo.

    The file is the verdict's JSON (as :func:`mesa_types.verdict_to_json`
    writes it) with a ``digest`` field added.

    Args:
        path: The file.
        require_digest: Refuse a file without a digest.

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, edited or damaged, or not a verdict.
    """
    source = Path(path)
    data = read_file(source, "verdict", require_digest)
    try:
        return verdict_from_json(json.dumps(data))
    except ValidationError as error:
        problems = validation_problems(error)
        raise RunFormatError(f"{source} is not a valid verdict: {problems}") from None


def load_adversarial_run(
    path: str | os.PathLike[str], *, require_digest: bool = True
) -> AdversarialRun:
    """Read the ``adversarial.json`` that ``mesa-types evolve --adversarial`` writes.

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, edited or damaged, or not an adversarial run.
    """
    source = Path(path)
    data = read_file(source, "adversarial run", require_digest)
    try:
        return AdversarialRun.model_validate(data)
    except ValidationError as error:
        raise RunFormatError(
            f"{source} is a damaged adversarial run: {validation_problems(error)}"
        ) from None
