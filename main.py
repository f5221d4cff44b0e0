#!/usr/bin/env python3
"""Liangjiao Console (两个教育监督台) — entry point.

Parses the command line, sets up logging, Qt and translations, builds the services through
app.bootstrap (the one composition root), asks who is on duty and shows the main window.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from app.versions import APP_NAME, version_text

log = logging.getLogger("main")


def _window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) < 320 or int(height) < 240:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, at least 320x240: {text!r}")
    return int(width), int(height)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="liangjiao-console", description=f"{APP_NAME} — 两个教育监督台")
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--demo", action="store_true", help="open the built-in demo workspace")
    parser.add_argument(
        "--database", metavar="URL", help="database URL (sqlite:///… or postgresql+psycopg://…)"
    )
    parser.add_argument("--user", metavar="LOGIN", help="sign in as this user without the login dialog")
    parser.add_argument("--language", choices=["system", "zh_CN", "en"], help="interface language")
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path, help="save the main window as PNG")
    parser.add_argument(
        "--window-size",
        metavar="WxH",
        type=_window_size,
        help="open the window at this size, e.g. 1366x728 (a laptop's screen under its task bar)",
    )
    parser.add_argument("--quit-after", metavar="SECONDS", type=float, help="quit after this many seconds")
    parser.add_argument(
        "--layout", metavar="GRID", help="video wall layout: 1, 2x2, 3x3, 4x4, 5x5, 6x6, 1+5 or 1+7"
    )
    parser.add_argument(
        "--pane",
        metavar="NAME",
        choices=["video_wall", "events", "spot_check", "completions", "recordings", "dashboard", "audit"],
        help="bring this pane to the front at start (screenshots, demos)",
    )
    parser.add_argument(
        "--stats",
        metavar="FILE.json",
        type=Path,
        help="at exit, write per-tile video figures and process CPU/RSS as JSON",
    )
    parser.add_argument(
        "--report-startup",
        action="store_true",
        help="print 'window-shown <unix time>' when the window first paints (bench/startup_time.py)",
    )
    parser.add_argument(
        "--no-analysis",
        action="store_true",
        help="no face analysis on the wall's cameras (tests and benchmarks of the video alone)",
    )
    parser.add_argument("--settings-file", metavar="FILE.ini", type=Path, help=argparse.SUPPRESS)
    # Developer option: log the GUI thread's stack during every stall over 50 ms (app/gui_stall_probe.py).
    parser.add_argument("--trace-stalls", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(version_text())
        return 0

    # Off until the window is up: a full collection of start-up's objects held the GIL 100–300 ms.
    gc.disable()
    from app.logging_setup import install_qt_message_handler, setup_logging

    log_file = setup_logging()
    install_qt_message_handler()
    log.info("starting %s; log file %s", APP_NAME, log_file)

    from PySide6.QtWidgets import QApplication

    # Imported before the QApplication: nothing on screen yet for the imports to hold up.
    from app.gui_stall_probe import GuiStallProbe, trace_threshold
    from widgets.console_startup import run_console
    from widgets.crash_dialog import install_excepthook

    app = QApplication(sys.argv[:1])
    app.setApplicationName("liangjiao-console")
    app.setOrganizationName("Liangjiao")
    app.setApplicationDisplayName("两个教育监督台")

    # From the GUI thread's first moment: start-up's stalls matter most.
    probe = GuiStallProbe(app, trace_ms=trace_threshold(args.trace_stalls, dict(os.environ)))

    install_excepthook(app)
    return run_console(app, args, probe)


if __name__ == "__main__":
    sys.exit(main())
