"""A generator's 32-bit values taken in bulk, and the generator left as single draws leave it.

numpy answers ``rng.integers(n)`` for ``n`` below 2**32 with Lemire's method on
32-bit values, which a PCG64 generator hands out as the low then the high half
of each 64-bit word. Drawing the words in one ``random_raw`` call and putting
the generator back afterwards is much faster than one call per integer, and
gives the same integers and the same generator state.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Draws", "HalfWords", "leave_generator"]

_MASK32 = 0xFFFFFFFF


class Draws:
    """Integers below ``n`` drawn exactly as ``rng.integers(n)`` draws them, but in bulk.

    numpy answers ``integers(n)`` for ``n`` below 2**32 with Lemire's method on
    32-bit values, and a PCG64 generator hands those out as the low then the high
    half of each 64-bit word (keeping the high half for the next call). For a
    PCG64 generator the words are taken in one ``random_raw`` call and split here;
    :meth:`finish` then leaves the generator exactly where the single calls would
    have. Any other bit generator is asked one integer at a time.
    """

    def __init__(self, rng: np.random.Generator, expected: int) -> None:
        self._rng = rng
        self._fast = type(rng.bit_generator) is np.random.PCG64
        self._values: list[int] = []
        self._pos = 0
        self._words = 0
        if self._fast:
            self._saved = rng.bit_generator.state
            self._buffered = int(self._saved["has_uint32"])
            if self._buffered:
                self._values.append(int(self._saved["uinteger"]))
            self._more(expected // 2 + 2)

    def _more(self, words: int) -> None:
        raw = self._rng.bit_generator.random_raw(words)
        halves = np.empty(2 * words, dtype=np.uint64)
        halves[0::2] = raw & np.uint64(_MASK32)
        halves[1::2] = raw >> np.uint64(32)
        self._values += halves.tolist()
        self._words += words

    def _next(self) -> int:
        if self._pos == len(self._values):
            self._more(16)
        value = self._values[self._pos]
        self._pos += 1
        return value

    def below(self, n: int) -> int:
        """A uniform integer in ``[0, n)``; ``n`` is at least 1 and below 2**32."""
        if n == 1:
            return 0  # numpy draws nothing for a range of one value
        if not self._fast:
            return int(self._rng.integers(n))
        m = self._next() * n
        if m & _MASK32 < n:
            threshold = (1 << 32) % n
            while m & _MASK32 < threshold:
                m = self._next() * n
        return m >> 32

    def finish(self) -> None:
        """Leave the generator as the single calls would have left it."""
        if self._fast:
            leave_generator(
                self._rng, self._saved, self._buffered, self._pos, self._values.__getitem__
            )


def leave_generator(
    rng: np.random.Generator,
    saved: Mapping[str, Any],
    buffered: int,
    used: int,
    value_at: Callable[[int], int],
) -> None:
    """Put a PCG64 generator where ``used`` 32-bit draws from state ``saved`` leave it.

    ``buffered`` is 1 when the first draw was the half word ``saved`` kept, and
    ``value_at(i)`` is the i-th 32-bit value handed out (the kept half first).
    """
    bitgen = rng.bit_generator
    from_words = used - buffered
    state = saved
    if from_words > 0:
        words = (from_words + 1) // 2
        bitgen.state = saved
        bitgen.random_raw(words)
        state = dict(bitgen.state)
        odd = from_words % 2 == 1
        state["has_uint32"] = int(odd)
        state["uinteger"] = value_at(used) if odd else value_at(used - 1)
    elif used == 1:  # only the kept half was used
        state = dict(saved, has_uint32=0)
    bitgen.state = state


class HalfWords:
    """The 32-bit values a PCG64 generator would hand out next, in a numpy array for the kernels.

    The compiled counterpart of :class:`Draws`: a kernel consumes ``values``
    from the start and says how many it used, or that it ran out (then
    :meth:`more` and run it again); :meth:`finish` then leaves the generator
    where that many ``rng.integers`` calls would have.
    """

    spare_words = 8
    """Words drawn beyond the ``expected`` values' half, so a kernel rarely runs out."""

    def __init__(self, rng: np.random.Generator, expected: int) -> None:
        self._rng = rng
        self._saved = rng.bit_generator.state
        self._buffered = int(self._saved["has_uint32"])
        kept = [self._saved["uinteger"]] if self._buffered else []
        self.values: npt.NDArray[np.uint32] = np.array(kept, dtype=np.uint32)
        self.more(max(1, expected // 2 + self.spare_words))

    def more(self, words: int = 0) -> None:
        """Draw ``words`` more 64-bit words (0: as many as drawn so far, at least 16)."""
        words = words or max(16, self.values.size // 2)
        raw = self._rng.bit_generator.random_raw(words)
        if sys.byteorder == "little":  # the low half already comes first in memory
            halves = raw.view(np.uint32)
        else:
            halves = np.empty(2 * words, dtype=np.uint32)
            halves[0::2] = raw & np.uint64(_MASK32)
            halves[1::2] = raw >> np.uint64(32)
        self.values = np.concatenate((self.values, halves)) if self.values.size else halves

    def finish(self, used: int) -> None:
        """Leave the generator as ``used`` single draws would have left it."""
        leave_generator(self._rng, self._saved, self._buffered, used, lambda i: int(self.values[i]))
