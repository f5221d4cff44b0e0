"""Settings of the recorder and of retention (plain data; app/settings.py maps them to QSettings).

Defaults: one-minute segments; a writer queue of about a minute of packets (so a disk that stalls
for less than that loses nothing); keep 30 days, let the recordings folder use at most 80 % of its
disk, and keep 1 GB free (at most 5 % of a small disk) in an emergency. A 300 MB disk therefore keeps
240 MB of recordings, where the old fixed "20 GB free" deleted everything it had.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GB = 1_000_000_000
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """What retention deletes, oldest first: segments older than `max_age_days`; then more while the
    recordings folder is bigger than its quota (`quota_gb`, and `quota_percent` of its disk); then
    more while the disk has less free than the emergency floor (`floor_free_mb`, but never more than
    `floor_free_percent` of the disk, so a small disk is not emptied to reach a floor it cannot hold).
    None switches a limit off."""

    max_age_days: float | None = 30.0
    quota_gb: float | None = None
    quota_percent: float | None = 80.0
    floor_free_mb: float = 1000.0
    floor_free_percent: float = 5.0
    interval_seconds: float = 300.0  # how often the retention thread runs

    def __post_init__(self) -> None:
        for name in ("max_age_days", "quota_gb", "quota_percent", "floor_free_mb", "floor_free_percent"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("quota_percent", "floor_free_percent"):
            value = getattr(self, name)
            if value is not None and value > 100:
                raise ValueError(f"{name} must be at most 100")
        if self.interval_seconds <= 0:
            raise ValueError("interval_seconds must be positive")

    def quota_bytes(self, disk_total: int) -> int | None:
        """How big the recordings folder may grow on a disk of `disk_total` bytes (None: no quota)."""
        limits = []
        if self.quota_gb is not None:
            limits.append(int(self.quota_gb * GB))
        if self.quota_percent is not None:
            limits.append(int(disk_total * self.quota_percent / 100))
        return min(limits) if limits else None

    def floor_bytes(self, disk_total: int) -> int:
        """Bytes that must stay free on a disk of `disk_total` bytes, whatever else is on it."""
        return min(int(self.floor_free_mb * MB), int(disk_total * self.floor_free_percent / 100))


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
