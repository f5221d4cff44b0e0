"""A ring of shared-memory frame buffers between the analysis coordinator and the worker process.

The coordinator (GUI process, analysis thread) owns the blocks: it creates them, writes a frame into
a FREE buffer, sends the buffer's index over the pipe, and gets the buffer back when the result
arrives (or when the worker died). The worker only attaches and reads. Nothing is ever copied
through the pipe but small messages, and at most `len(ring)` frames are in the worker at once:
that is the bound on memory and latency; a sample that finds no free buffer is dropped and counted.

The worker must not register the blocks with the resource tracker (that would unlink them when the
worker exits, under the coordinator's feet); `attach` takes care of it.
"""

from __future__ import annotations

import contextlib
from multiprocessing import resource_tracker, shared_memory

import numpy as np
import numpy.typing as npt


class FrameRing:
    def __init__(self, blocks: list[shared_memory.SharedMemory], slot_bytes: int, *, owner: bool) -> None:
        self._blocks = blocks
        self.slot_bytes = slot_bytes
        self._owner = owner
        self._free = list(range(len(blocks)))

    @classmethod
    def create(cls, slots: int, slot_bytes: int) -> FrameRing:
        blocks = [shared_memory.SharedMemory(create=True, size=slot_bytes) for _ in range(slots)]
        return cls(blocks, slot_bytes, owner=True)

    @classmethod
    def attach(cls, names: list[str], slot_bytes: int) -> FrameRing:
        """Worker side. Python 3.11 has no SharedMemory(track=False), so registration is skipped by hand."""
        original = resource_tracker.register
        resource_tracker.register = lambda *args, **kwargs: None
        try:
            blocks = [shared_memory.SharedMemory(name=name) for name in names]
        finally:
            resource_tracker.register = original
        return cls(blocks, slot_bytes, owner=False)

    @property
    def names(self) -> list[str]:
        return [block.name for block in self._blocks]

    def __len__(self) -> int:
        return len(self._blocks)

    @property
    def free_count(self) -> int:
        return len(self._free)

    def acquire(self) -> int | None:
        """A free buffer's index, or None when every buffer is in the worker."""
        return self._free.pop(0) if self._free else None

    def release(self, index: int) -> None:
        if index not in self._free:
            self._free.append(index)

    def release_all(self) -> None:
        self._free = list(range(len(self._blocks)))

    def write(self, index: int, image: npt.NDArray[np.uint8]) -> tuple[int, ...]:
        """Copy `image` into buffer `index`; returns its shape for the worker's `view`."""
        if image.nbytes > self.slot_bytes:
            raise ValueError(f"frame of {image.nbytes} bytes exceeds the ring's {self.slot_bytes}")
        target = np.ndarray(image.shape, dtype=np.uint8, buffer=self._blocks[index].buf)
        np.copyto(target, image)
        return tuple(int(n) for n in image.shape)

    def view(self, index: int, shape: tuple[int, ...]) -> npt.NDArray[np.uint8]:
        """The frame in buffer `index` (worker side, no copy). Valid until the result is sent."""
        return np.ndarray(shape, dtype=np.uint8, buffer=self._blocks[index].buf)

    def close(self) -> None:
        for block in self._blocks:
            # BufferError: a numpy view is still alive somewhere; the OS frees the mapping at exit.
            with contextlib.suppress(BufferError):
                block.close()
            if self._owner:
                with contextlib.suppress(FileNotFoundError):
                    block.unlink()
        self._blocks = []
        self._free = []
