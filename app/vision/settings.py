"""Settings of face analysis (plain values; app/settings.py's QSettings layer may persist them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.vision.face_engine import DEFAULT_THRESHOLD
from app.vision.tracker import TrackerSettings


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    sample_fps: float = 1.0  # analysed frames per second per camera
    max_side: int = 640  # analysis frames fit in max_side × max_side, aspect kept (640×360 for 16:9)
    upsample: int = 0  # HOG upsampling: 1 finds faces half as big at ~4× the cost
    detector: str = "hog"  # "hog" or "cnn" (mmod; far slower on CPU)
    threshold: float = DEFAULT_THRESHOLD  # verification distance; calibration may lower it
    # Worker processes; two, so classrooms changing together do not queue embeddings behind one another.
    workers: int = 2
    # Frame buffers per worker: 8 (~1.2 MB each) absorb one frame's embedding burst.
    ring_slots: int = 8
    max_embeddings_per_frame: int = 4  # bounds one frame's latency; the rest are embedded next sample
    result_timeout_s: float = 30.0  # a frame unanswered this long means a hung worker: restart it
    status_interval_s: float = 1.0
    evidence_jpeg: bool = True  # attach frame and face JPEGs to samples with observations
    # Detect only around tracks and changes, scanning whole frames every `full_scan_s`.
    region_detection: bool = True
    full_scan_s: float = 10.0
    # Re-verifications per second over all cameras, spread out; new faces are never held back.
    reverify_per_s: float = 3.0
    # Sampling while a face is in doubt (sample_pacing.py); at 1/s a substitute took 3.7 s.
    contested_fps: float = 3.0
    contested_burst_s: float = 10.0
    tracker: TrackerSettings = field(default_factory=TrackerSettings)

    def __post_init__(self) -> None:
        if not 0.05 <= self.sample_fps <= 30:
            raise ValueError(f"sample_fps out of range: {self.sample_fps}")
        if not 0.05 <= self.contested_fps <= 30:
            raise ValueError(f"contested_fps out of range: {self.contested_fps}")
        if self.contested_burst_s < 0:
            raise ValueError(f"contested_burst_s must not be negative: {self.contested_burst_s}")
        if not 64 <= self.max_side <= 4096:
            raise ValueError(f"max_side out of range: {self.max_side}")
        if not 1 <= self.workers <= 8:
            raise ValueError(f"workers out of range: {self.workers}")
        if self.ring_slots < 1:
            raise ValueError("ring_slots must be at least 1")
        if self.upsample not in (0, 1, 2):
            raise ValueError(f"upsample must be 0, 1 or 2: {self.upsample}")
        if self.detector not in ("hog", "cnn"):
            raise ValueError(f"detector must be hog or cnn: {self.detector!r}")
        if not 0.0 < self.threshold < 2.0:
            raise ValueError(f"threshold out of range: {self.threshold}")
        # Zero: identified tracks never re-checked, so a substitute in a held-back seat goes unseen.
        if self.reverify_per_s <= 0:
            raise ValueError(f"reverify_per_s must be positive: {self.reverify_per_s}")
        if self.full_scan_s <= 0:
            raise ValueError(f"full_scan_s must be positive: {self.full_scan_s}")
