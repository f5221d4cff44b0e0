#!/usr/bin/env python3
"""Start-up time: process start to main window first painted, median of N runs.

    .venv/bin/python bench/startup_time.py [--runs 5] [--offscreen]

Each run starts `main.py --demo --user jiandu01 --report-startup --quit-after 1` as a new process
and takes the time from just before the process is spawned to the 'window-shown' line it prints.
The first run after a fresh install also creates the demo database; it is reported separately
(a cold start) and the median is over the warm runs that follow. Settings come from an empty folder
(XDG_CONFIG_HOME), so every run opens the default layout whatever was saved on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(env: dict[str, str]) -> float:
    started = time.time()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--demo",
            "--user",
            "jiandu01",
            "--report-startup",
            "--quit-after",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("window-shown "):
            return float(line.split()[1]) - started
    raise RuntimeError(
        f"no window-shown line (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--offscreen", action="store_true", help="use QT_QPA_PLATFORM=offscreen")
    args = parser.parse_args()
    env = dict(os.environ)
    # The saved layout decides which panes are built at start: start from the default one.
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="startup-settings-")
    if args.offscreen or not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    cold = one_run(env)
    warm = [one_run(env) for _ in range(args.runs)]
    platform = env.get("QT_QPA_PLATFORM", "xcb (DISPLAY=" + env.get("DISPLAY", "") + ")")
    print(f"platform: {platform}")
    print(f"first run (may create the demo workspace): {cold * 1000:.0f} ms")
    print("runs: " + ", ".join(f"{w * 1000:.0f}" for w in warm) + " ms")
    median_ms = statistics.median(warm) * 1000
    print(f"start-up, process start to window shown, median of {len(warm)}: {median_ms:.0f} ms")


if __name__ == "__main__":
    main()
