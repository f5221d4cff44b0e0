"""How often to sample one camera: its usual rate, or faster for a few seconds while a face is in doubt.

At 1 sample/s a substitute (替学) costs seconds: the first check of the new face only disagrees, a
second agreeing check must follow before the seat changes identity, and a sample in which the
detector misses the face costs a whole further second. While one of the camera's tracks has a
disagreeing check waiting for its vote (`Track.pending`), the camera is sampled at `contested_fps`;
the checks are the same embeddings, only sooner. Other faces on the camera are not checked more
often for it (the tracker spaces their checks by `check_spacing_s`: frames a third of a second apart
are one look, not three).

Bounded: a burst lasts at most `burst_s`; a camera whose tracks stay in doubt longer (a face the
detector keeps half-finding) goes back to its usual rate until a sample finds nothing in doubt. So a
noisy camera cannot take the worker from the others for long.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class SamplePace:
    usual_fps: float
    contested_fps: float
    burst_s: float
    rate: float = field(init=False)  # what the camera's tap is set to now
    _burst_began: float | None = None  # monotonic; None: no face in doubt at the last sample

    def __post_init__(self) -> None:
        self.rate = self.usual_fps

    def next_rate(self, in_doubt: bool, now: float) -> float:
        """The rate the camera should be sampled at after a sample (monotonic `now`) that left a face
        in doubt or not."""
        if not in_doubt:
            self._burst_began = None
            return self.usual_fps
        if self._burst_began is None:
            self._burst_began = now
        if now - self._burst_began <= self.burst_s:
            return max(self.usual_fps, self.contested_fps)
        return self.usual_fps
