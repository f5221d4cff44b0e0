"""A real X screen for the tests that must see what a user sees (screenshots, window manager-free)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.leaks import outlives_the_test
from tests.helpers.waiting import wait_until


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    binary = shutil.which("Xvfb")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Xvfb is not installed but CI must take real screenshots (scripts/install.sh --test)")
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    number = _free_display()
    proc = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    outlives_the_test(proc.pid, "the session's X display")
    socket = Path(f"/tmp/.X11-unix/X{number}")
    try:
        wait_until(lambda: socket.exists() or proc.poll() is not None, 10, interval=0.05)
        assert socket.exists()
    except AssertionError:
        proc.kill()
        pytest.fail(f"Xvfb :{number} did not start")
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
