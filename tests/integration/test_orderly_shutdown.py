"""An OS shutdown (SIGTERM) closes the console as cleanly as File → Quit.

The real console runs headless on the demo until it records the wall's cameras and face analysis
has its shared-memory frame ring; then it gets SIGTERM, as systemd or a desktop session's logout
sends it. It must exit by itself, with status 0, leaving no `.partial` recording segment, no
shared-memory block of its own in /dev/shm and no child process behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import paths
from tests.helpers.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
SHM = Path("/dev/shm")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SHM.is_dir() or sys.platform != "linux", reason="needs Linux /proc and /dev/shm"),
]


def _our_shared_memory(pid: int) -> set[str]:
    """Names of the /dev/shm blocks the process has mapped (multiprocessing's psm_*)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return set()
    return {line.rsplit("/", 1)[-1] for line in maps.splitlines() if "/dev/shm/psm_" in line}


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, timeout: float, what: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    def reached() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"the console exited ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        return bool(condition())

    try:
        wait_until(reached, timeout, interval=0.5, message=what)
    except AssertionError:
        proc.kill()
        pytest.fail(f"no {what} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def test_sigterm_closes_segments_and_shared_memory(tmp_path: Path) -> None:
    recordings = paths.demo_dir() / "recordings"  # the isolated home of this test
    log = tmp_path / "console.log"
    # One analysed camera: its dozen learners are enrolled in seconds rather than the page's 80.
    settings = tmp_path / "settings.ini"
    settings.write_text("[analysis]\nmax_cameras=1\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = ["--demo", "--user", "jiandu01", "--language", "en", "--settings-file", str(settings)]
    with log.open("wb") as output:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), *args],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    try:
        # A first start renders the demo's clips and enrols the learners first: give it time (a
        # loaded two-core machine needed three minutes).
        _wait_for(lambda: any(recordings.rglob("*.partial")), 300, "recording segment", proc, log)
        _wait_for(lambda: bool(_our_shared_memory(proc.pid)), 400, "analysis frame ring", proc, log)
        blocks = _our_shared_memory(proc.pid)
        children = _children(proc.pid)
        assert children, "face analysis runs in child processes"
        time.sleep(2)  # a few packets into the open segments

        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = log.read_text(errors="replace")
    assert code == 0, f"exit status {code} after SIGTERM:\n{text[-3000:]}"
    assert not list(recordings.rglob("*.partial")), "a recording segment was left open"
    assert blocks and not {name for name in blocks if (SHM / name).exists()}, "shared memory left in /dev/shm"
    wait_until(
        lambda: not any(_alive(child) for child in children),
        10,
        interval=0.2,
        message="the console's child processes to end with it",
    )
    assert "Traceback" not in text, text[-3000:]
