#!/usr/bin/env python3
"""Start-up time and GUI stalls of the 4x4 demo, optionally beside another checkout as baseline.

    .venv/bin/python bench/startup_time.py [--runs 5] [--seconds 30] [--tree ../main] [--offscreen]

Each run starts `main.py --demo --user jiandu01 --layout 4x4 --report-startup --quit-after SECONDS`
as a new process and takes the time from just before the spawn to the 'window-shown' line it prints.
The GUI thread's heartbeat is this checkout's app/gui_stall_probe.py, loaded by path into every run
(the baseline's too, which may not have it) as soon as its QApplication exists; the run prints its
figures when the application quits: worst and 99th-percentile lateness over the first 30 s and the
worst after 10 s. The first run of each tree may create the demo workspace and is reported apart;
the medians are over the warm runs, which alternate between the trees so both share the machine's
load. Settings come from an empty folder per tree (XDG_CONFIG_HOME); the demo's data from $HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "app" / "gui_stall_probe.py"

# Runs inside the measured process: the probe from PROBE, started by QApplication's constructor.
LAUNCHER = """
import importlib.util, json, runpy, sys
probe_path, tree, *argv = sys.argv[1:]
spec = importlib.util.spec_from_file_location("_bench_stall_probe", probe_path)
probe_module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = probe_module
spec.loader.exec_module(probe_module)
import PySide6.QtWidgets as widgets

class BenchApplication(widgets.QApplication):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bench_probe = probe_module.GuiStallProbe(self)
        self.aboutToQuit.connect(self.report)

    def report(self):
        print("stalls " + json.dumps(self.bench_probe.summary().to_dict()), flush=True)

widgets.QApplication = BenchApplication
sys.path.insert(0, tree)
sys.argv = [tree + "/main.py", *argv]
runpy.run_path(tree + "/main.py", run_name="__main__")
"""


@dataclass(frozen=True, slots=True)
class RunFigures:
    shown_ms: float
    worst_30_ms: float
    p99_30_ms: float
    worst_after_10_ms: float
    over_50: int  # beats later than 50 ms in the first 30 s


def one_run(tree: Path, env: dict[str, str], seconds: float, layout: str) -> RunFigures:
    argv = ["--demo", "--user", "jiandu01", "--layout", layout, "--report-startup"]
    argv += ["--quit-after", str(seconds)]
    started = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(PROBE), str(tree), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=seconds + 120,
        cwd=tree,
    )
    shown = stalls = None
    for line in proc.stdout.splitlines():
        if line.startswith("window-shown "):
            shown = float(line.split()[1]) - started
        elif line.startswith("stalls "):
            stalls = json.loads(line.partition(" ")[2])
    if shown is None or stalls is None:
        raise RuntimeError(f"incomplete run (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-3000:]}")
    first, after = stalls["first_30_s"], stalls["after_10_s"]
    return RunFigures(
        shown * 1000, first["worst_ms"], first["p99_ms"], after["worst_ms"], first["over_50_ms"]
    )


def describe(name: str, cold: RunFigures, warm: list[RunFigures]) -> None:
    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.0f}"

    print(f"{name}:")
    print(f"  first run (may create the demo workspace): window shown {cold.shown_ms:.0f} ms")
    for figures in warm:
        print(
            f"  run: shown {figures.shown_ms:.0f} ms, first 30 s worst {figures.worst_30_ms:.0f} ms "
            f"p99 {figures.p99_30_ms:.0f} ms ({figures.over_50} beats > 50 ms), "
            f"after 10 s worst {figures.worst_after_10_ms:.0f} ms"
        )
    print(
        f"  median of {len(warm)}: window shown {median([f.shown_ms for f in warm])} ms; "
        f"first 30 s worst {median([f.worst_30_ms for f in warm])} ms, "
        f"p99 {median([f.p99_30_ms for f in warm])} ms; "
        f"after 10 s worst {median([f.worst_after_10_ms for f in warm])} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="warm runs per tree")
    parser.add_argument("--seconds", type=float, default=30.0, help="each run quits this long after showing")
    parser.add_argument("--layout", default="4x4")
    parser.add_argument("--tree", type=Path, help="another checkout to run as the baseline (e.g. main)")
    parser.add_argument("--offscreen", action="store_true", help="use QT_QPA_PLATFORM=offscreen")
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    if args.tree is not None:
        trees[f"baseline {args.tree.resolve()}"] = args.tree.resolve()
    envs = {}
    for name in trees:
        env = dict(os.environ)
        # The saved layout decides which panes are built at start: start from the default one.
        env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="startup-settings-")
        if args.offscreen or not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        envs[name] = env
    load_before = os.getloadavg()[0]
    cold = {name: one_run(tree, envs[name], args.seconds, args.layout) for name, tree in trees.items()}
    warm: dict[str, list[RunFigures]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            warm[name].append(one_run(tree, envs[name], args.seconds, args.layout))
    env = next(iter(envs.values()))
    platform = env.get("QT_QPA_PLATFORM", "xcb (DISPLAY=" + env.get("DISPLAY", "") + ")")
    print(
        f"platform: {platform}; layout {args.layout}; "
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} cores)"
    )
    for name in trees:
        describe(name, cold[name], warm[name])


if __name__ == "__main__":
    main()
