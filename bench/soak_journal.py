"""Soak the event journal: real writers through repeated disk-full, read-only and database-down faults.

    sudo .venv/bin/python bench/soak_journal.py [--minutes 10] [--no-postgres] [--rate 10]

Two lanes, each a "console" with its own database and journal, fed by the real event, stream-loss
and segment-index writers and a CameraRecorder playing a clip (2-s segments): `sqlite` on a small
tmpfs (root mounts it) filled, freed and remounted read-only in turns; `postgresql` a server of its
own whose backends are killed at random and which is stopped and started. Each fault also restarts
the lane's console with entries waiting. At the end the faults heal and the journals deliver; it
prints per lane and kind offered, journaled, delivered, duplicated and lost (targets: 0 and 0), and
the recorder's segments written, kept and indexed. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import av  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.journal import EventJournal, attach  # noqa: E402
from app.persistence import Database  # noqa: E402
from app.persistence.orm import EventRow, RecordingRow  # noqa: E402
from app.persistence.repositories import Recording  # noqa: E402
from app.supervision.event_writer import SupervisionEventWriter  # noqa: E402
from app.video.recorder import CameraRecorder  # noqa: E402
from app.video.recorder_settings import RecordingSettings  # noqa: E402
from app.video.segment_index import SegmentIndex  # noqa: E402
from app.video.stream_events import CloseLoss, OpenLoss, StreamEventWriter  # noqa: E402
from tests.helpers.event_world import create_database  # noqa: E402
from tests.helpers.journal_faults import situation  # noqa: E402
from tests.helpers.postgres import _as_server_user, _start_cluster, find_postgres_bin  # noqa: E402
from tests.helpers.rtsp_server import make_test_clip  # noqa: E402
from tests.helpers.small_disk import SmallDisk  # noqa: E402

T0 = datetime(2026, 3, 2, 8, 0)
CAMERA = 1  # a camera of tests.helpers.event_world's workspace
RECORDED_CAMERA = 4  # another: the one the recorder records
STORE = "soak-recordings"


@dataclass
class Lane:
    name: str
    url: str
    journal_file: Path
    recordings: Path  # the recorder's folder (on the ordinary disk: recording itself is not soaked)
    offered: Counter[str] = field(default_factory=Counter)
    held: Counter[str] = field(default_factory=Counter)  # offered while the journal's disk refused
    restarts: int = 0
    segments_written: int = 0  # closed by recorders already stopped
    refusals: int = 0
    max_waiting: int = 0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self._open()

    def _open(self) -> None:
        self.database = Database(self.url)
        self.journal = EventJournal(self.database, self.journal_file)
        attach(self.database, self.journal)
        self.events = SupervisionEventWriter(self.database)
        self.streams = StreamEventWriter(self.database)
        self.index = SegmentIndex(self.database)
        settings = RecordingSettings(segment_seconds=2.0)
        self.recorder = CameraRecorder(
            RECORDED_CAMERA, self.recordings, self.database, store=STORE, settings=settings
        )
        self.recorder.start()

    def _stop_recorder(self) -> None:
        self.recorder.stop(15)
        self.segments_written += self.recorder.segments_closed

    def restart(self) -> None:
        """Quit (entries waiting stay in the journal file) and start again on the same file."""
        with self.lock:
            self._stop_recorder()
            self.refusals += self.journal.retries
            self.journal.close(timeout=1)
            self.database.dispose()
            self._open()
            self.restarts += 1

    def offer(self, n: int) -> None:
        with self.lock:
            for action in situation(n):
                self.events.submit(action)
            started = T0 + timedelta(seconds=n)
            self.streams.submit(OpenLoss(f"stream-{n}", CAMERA, None, started))
            self.streams.submit(CloseLoss(f"stream-{n}", started + timedelta(seconds=20)))
            path = f"soak/{n}.mp4"
            opened = Recording(0, CAMERA, "soak", started, None, path, codec="h264")
            self.index.save(opened)
            self.index.save(
                Recording(0, CAMERA, "soak", started, started + timedelta(seconds=60), path, 1, 1500)
            )
            held = self.journal.status().disk_problem is not None
            for kind in ("events", "stream_lost", "index_rows"):
                self.offered[kind] += 1
                self.held[kind] += held
            self.max_waiting = max(self.max_waiting, self.journal.status().waiting)

    def finish(self, timeout: float) -> None:
        with self.lock:
            self._stop_recorder()
        deadline = time.monotonic() + timeout
        while self.journal.status().waiting and time.monotonic() < deadline:
            time.sleep(0.5)
        self.refusals += self.journal.retries
        self.journal.close(timeout=5)

    def tally(self) -> tuple[dict[str, Counter[str]], set[str], set[str]]:
        """kind -> Counter of how often each offered item is stored; the segment files on disk, and
        the closed segments the index holds."""
        with self.database.reading() as session:
            situations = Counter(
                session.scalars(
                    select(EventRow.snapshot_path).where(
                        EventRow.engine == "journal-test", EventRow.open_key.is_(None)
                    )
                )
            )
            streams = Counter(
                session.scalars(
                    select(EventRow.started_at).where(
                        EventRow.engine == "video-wall", EventRow.ended_at.is_not(None)
                    )
                )
            )
            rows = Counter(
                session.scalars(
                    select(RecordingRow.path).where(RecordingRow.store == "soak", RecordingRow.frames == 1500)
                )
            )
            indexed = set(
                session.scalars(
                    select(RecordingRow.path).where(
                        RecordingRow.store == STORE, RecordingRow.ended_at.is_not(None)
                    )
                )
            )
        files = {path.relative_to(self.recordings).as_posix() for path in self.recordings.rglob("*.mp4")}
        return {"events": situations, "stream_lost": streams, "index_rows": rows}, files, indexed


def feed_recorders(clip: Path, lanes: list[Lane], stop: threading.Event) -> None:
    """A camera for each lane's recorder: the clip's packets in real time, again and again (each
    loop is a new connection for the recorder, which starts a new segment)."""
    while not stop.is_set():
        with av.open(str(clip)) as container:
            for packet in container.demux(container.streams.video[0]):
                if stop.is_set():
                    return
                if packet.size:
                    for lane in lanes:
                        lane.recorder.on_packet("soak", packet)
                    time.sleep(0.04)


def sqlite_faults(disk: SmallDisk, lane: Lane, stop: threading.Event, log: Callable[[str], None]) -> None:
    rng = random.Random(1)
    while not stop.wait(rng.uniform(8, 15)):
        log("sqlite: disk full")
        disk.fill()
        if stop.wait(rng.uniform(10, 20)):
            disk.free()
            break
        lane.restart()
        log("sqlite: restarted while full")
        stop.wait(rng.uniform(2, 5))
        disk.free()
        log("sqlite: disk has room")
        if stop.wait(rng.uniform(8, 15)):
            break
        log("sqlite: read-only")
        while True:  # a file open for writing keeps the kernel from remounting: let go of it
            lane.database.engine.dispose()
            ro = subprocess.run(
                ["mount", "-o", "remount,ro", str(disk.path)], capture_output=True, check=False
            )
            if ro.returncode == 0 or stop.is_set():
                break
            time.sleep(0.02)
        stop.wait(rng.uniform(10, 20))
        subprocess.run(["mount", "-o", "remount,rw", str(disk.path)], check=True)
        log("sqlite: writable")


def postgres_faults(
    pg_ctl: Callable[[str], None],
    admin: Callable[[], int],
    lane: Lane,
    stop: threading.Event,
    log: Callable[[str], None],
) -> None:
    rng = random.Random(2)
    while not stop.wait(rng.uniform(8, 15)):
        killed = 0
        until = time.monotonic() + rng.uniform(5, 10)
        while time.monotonic() < until and not stop.is_set():
            killed += admin()
            time.sleep(rng.uniform(0.05, 0.5))
        log(f"postgresql: {killed} busy backends terminated")
        if stop.wait(rng.uniform(5, 10)):
            break
        pg_ctl("stop")
        log("postgresql: server stopped")
        stop.wait(rng.uniform(5, 10))
        lane.restart()
        log("postgresql: restarted while the server is down")
        stop.wait(rng.uniform(5, 15))
        pg_ctl("start")
        log("postgresql: server started")
    pg_ctl("start")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=10.0, help="situations offered per second per lane")
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="soak-journal-"))
    started = time.monotonic()

    def log(text: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {text}", flush=True)

    from tests.helpers.small_disk import mount_small_disk, unmount_small_disk

    disk = mount_small_disk(work / "disk", "96m")
    cleanups: list[Callable[[], None]] = [lambda: unmount_small_disk(disk)]
    try:
        url = f"sqlite:///{disk.path / 'console.sqlite3'}"
        create_database(url).dispose()
        lanes = [Lane("sqlite", url, work / "data-sqlite" / "event-journal.sqlite3", work / "rec-sqlite")]
        stop = threading.Event()
        faults = [threading.Thread(target=sqlite_faults, args=(disk, lanes[0], stop, log), daemon=True)]
        bin_dir = None if options.no_postgres else find_postgres_bin()
        if bin_dir is not None:
            server, stop_server = _start_cluster(bin_dir)
            cleanups.append(stop_server)
            with server.connect_admin() as admin:
                admin.execute('CREATE DATABASE "soak"')
            create_database(server.url("soak")).dispose()
            socket_dir = server.data_dir.parent / "socket"

            def pg_ctl(action: str) -> None:
                command = [str(bin_dir / "pg_ctl"), "-D", str(server.data_dir), "-w"]
                if action == "start":
                    options_text = (
                        f"-c listen_addresses=127.0.0.1 -p {server.port} -k {socket_dir} -c fsync=off"
                    )
                    command += ["-o", options_text, "-l", str(server.data_dir.parent / "server.log"), "start"]
                else:
                    command += ["-m", "fast", "stop"]
                subprocess.run(_as_server_user(command), capture_output=True, check=False, timeout=60)

            def terminate() -> int:
                try:
                    with server.connect_admin() as admin:
                        rows = admin.execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'soak' "
                            "AND pid <> pg_backend_pid() AND state <> 'idle'"
                        ).fetchall()
                    return sum(1 for (done,) in rows if done)
                except Exception:
                    return 0

            lanes.append(
                Lane(
                    "postgresql",
                    server.url("soak"),
                    work / "data-pg" / "event-journal.sqlite3",
                    work / "rec-pg",
                )
            )
            faults.append(
                threading.Thread(
                    target=postgres_faults, args=(pg_ctl, terminate, lanes[1], stop, log), daemon=True
                )
            )
        clip = make_test_clip(work / "clip.mp4", seconds=8.0, gop=25)
        faults.append(threading.Thread(target=feed_recorders, args=(clip, lanes, stop), daemon=True))
        for thread in faults:
            thread.start()
        end = started + options.minutes * 60
        n = 0
        while time.monotonic() < end:
            for lane in lanes:
                lane.offer(n)
            n += 1
            time.sleep(1 / options.rate)
            if n % (int(options.rate) * 30) == 0:
                log(", ".join(f"{lane.name}: waiting {lane.journal.status().waiting}" for lane in lanes))
        stop.set()
        for thread in faults:
            thread.join(120)
        log("faults healed; delivering what waits")
        for lane in lanes:
            lane.finish(timeout=300)
        print()
        print(
            f"{'lane':<11}{'kind':<12}{'offered':>9}{'journaled':>10}{'delivered':>10}{'duplicated':>11}{'lost':>6}"
        )
        tallies = {lane.name: lane.tally() for lane in lanes}
        for lane in lanes:
            for kind, stored in tallies[lane.name][0].items():
                offered = lane.offered[kind]
                delivered = len(stored)
                duplicated = sum(count - 1 for count in stored.values())
                journaled = offered - lane.held[kind]
                print(
                    f"{lane.name:<11}{kind:<12}{offered:>9}{journaled:>10}{delivered:>10}{duplicated:>11}"
                    f"{offered - delivered:>6}"
                )
        print()
        print(
            f"{'lane':<11}{'segments written':>17}{'files kept':>11}{'indexed':>8}"
            f"{'unindexed':>10}{'rows w/o file':>14}"
        )
        for lane in lanes:
            _, files, indexed = tallies[lane.name]
            print(
                f"{lane.name:<11}{lane.segments_written:>17}{len(files):>11}{len(files & indexed):>8}"
                f"{len(files - indexed):>10}{len(indexed - files):>14}"
            )
        print()
        for lane in lanes:
            print(
                f"{lane.name}: {lane.restarts} restarts during faults, {lane.refusals} deliveries refused, "
                f"at most {lane.max_waiting} entries waiting"
            )
        for lane in lanes:
            lane.database.dispose()
    finally:
        for cleanup in reversed(cleanups):
            cleanup()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
