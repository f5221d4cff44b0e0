"""Per-tile figures of a video wall run and the process's CPU and memory, for `--stats FILE.json`.

`WallRunReport` is plain data the wall fills on the GUI thread; `process_usage` reads the kernel's
counters (getrusage, /proc) and may run on any thread; `write_report` writes the JSON file.
"""

from __future__ import annotations

import json
import os
import resource
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.gui_stall_probe import StallSummary


@dataclass(frozen=True, slots=True)
class TileFigures:
    tile: int
    camera_id: int | None
    camera: str  # "county · site · classroom · camera" as shown on the tile
    state: str
    displayed_fps: float  # frames painted per second, averaged over the tile's playing time
    displayed_fps_recent: float  # over the last ~2 s
    decoded_fps: float  # the decoder's rate over its last ~2 s
    frames_displayed: int
    frames_decoded: int
    dropped_frames: int  # decoded but overwritten before the GUI painted them
    reconnects: int
    decode_mode: str  # "ALL", "SKIP_NONREF" or "KEYFRAMES"
    main_stream: bool


@dataclass(frozen=True, slots=True)
class ProcessUsage:
    cpu_seconds: float  # user + system, all threads, since the process started
    rss_mb: float  # resident memory now
    max_rss_mb: float  # peak resident memory


def process_usage() -> ProcessUsage:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return ProcessUsage(usage.ru_utime + usage.ru_stime, current_rss_mb(), usage.ru_maxrss / 1024.0)


def current_rss_mb() -> float:
    """Resident set size now (ru_maxrss is only the peak). Linux /proc; falls back to the peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@dataclass(slots=True)
class WallRunReport:
    layout: str
    started_monotonic: float
    started_cpu: float
    tiles: list[TileFigures] = field(default_factory=list)
    gui_worst_lateness_ms: float = 0.0  # the wall's own heartbeat, from the wall's start
    gui_stalls: StallSummary | None = None  # app/gui_stall_probe.py, from the QApplication's start

    def to_dict(self) -> dict[str, object]:
        usage = process_usage()
        wall = max(1e-6, time.monotonic() - self.started_monotonic)
        cpu = usage.cpu_seconds - self.started_cpu
        return {
            "layout": self.layout,
            "run_seconds": round(wall, 2),
            "process": {
                "cpu_seconds": round(cpu, 2),
                "cpu_percent_of_one_core": round(100.0 * cpu / wall, 1),
                "cores": os.cpu_count(),
                "rss_mb": round(usage.rss_mb, 1),
                "max_rss_mb": round(usage.max_rss_mb, 1),
                "load_average": [round(v, 2) for v in os.getloadavg()],
            },
            "gui_worst_lateness_ms": round(self.gui_worst_lateness_ms, 1),
            "gui_stalls": self.gui_stalls.to_dict() if self.gui_stalls is not None else None,
            "tiles": [asdict(tile) for tile in self.tiles],
        }


def write_report(path: Path, report: WallRunReport) -> None:
    """Write atomically (temporary name, then rename) so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)
