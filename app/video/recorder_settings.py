"""Settings of the recorder and of retention (plain data; app/settings.py maps them to QSettings).

Defaults: one-minute segments; a writer queue of about a minute of packets (so a disk that stalls
for less than that loses nothing); keep 30 days, and at least 20 GB or 5 % of the disk free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GB = 1_000_000_000


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """What retention deletes, oldest first: segments older than `max_age_days`, then more until
    the recordings disk has `min_free_gb` and `min_free_percent` free. None switches a limit off."""

    max_age_days: float | None = 30.0
    min_free_gb: float | None = 20.0
    min_free_percent: float | None = 5.0
    interval_seconds: float = 300.0  # how often the retention thread runs

    def __post_init__(self) -> None:
        for name in ("max_age_days", "min_free_gb", "min_free_percent"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        if self.min_free_percent is not None and self.min_free_percent >= 100:
            raise ValueError("min_free_percent must be below 100")
        if self.interval_seconds <= 0:
            raise ValueError("interval_seconds must be positive")

    def required_free_bytes(self, disk_total: int) -> int:
        """Bytes that must stay free on a disk of `disk_total` bytes (the larger of the two limits)."""
        by_size = int(self.min_free_gb * GB) if self.min_free_gb is not None else 0
        by_share = int(disk_total * self.min_free_percent / 100) if self.min_free_percent is not None else 0
        return max(by_size, by_share)


@dataclass(frozen=True, slots=True)
class RecordingSettings:
    segment_seconds: float = 60.0  # a segment is cut at the first keyframe after this long
    queue_packets: int = 1500  # writer queue bound: ~60 s at 25 fps
    queue_bytes: int = 64 * 1024 * 1024  # and in bytes, for high-bitrate main streams
    idle_close_seconds: float = 5.0  # no packet for this long (camera gone): close the open segment
    index_retry_seconds: float = 5.0  # back-off while the database refuses index writes
    recover_scan_days: int = 2  # start-up recovery looks for lost files in this many days' folders
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)

    def __post_init__(self) -> None:
        if self.segment_seconds <= 0 or self.idle_close_seconds <= 0 or self.index_retry_seconds <= 0:
            raise ValueError("recording durations must be positive")
        if self.queue_packets < 1 or self.queue_bytes < 1:
            raise ValueError("the recording queue needs room for at least one packet")
