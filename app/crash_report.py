"""A plain-text crash report an officer can copy into a ticket: versions, traceback, recent log.

No widgets here: widgets/crash_dialog.py shows the text. The report is built on whatever thread the
exception happened on (only the finished string crosses to the GUI thread), so everything here is
plain Python; the version look-up may import PyAV or dlib once (well under a second here). The
report is in English on purpose: developers read it, and a translated report is harder to search.

Every part passes through mask_secrets(): tracebacks and log lines can contain camera URLs with
passwords, and a crash report is exactly the kind of text that gets pasted into chats.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.logging_setup import current_log_file, mask_secrets
from app.versions import app_version, component_versions

DEFAULT_LOG_LINES = 50
_TAIL_CHUNK = 64 * 1024

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def collect_versions() -> dict[str, str]:
    """Versions of the console and its components (the same list as About and --version)."""
    try:
        versions = {"Liangjiao Console": app_version()}
        versions.update(component_versions())
    except Exception as exc:  # a crash report must come out even if a component is broken
        versions = {"versions": f"unavailable ({exc!r})"}
    return versions


def tail_lines(path: Path, count: int = DEFAULT_LOG_LINES) -> list[str]:
    """The last `count` lines of a text file, reading only its end (logs grow to 5 MB)."""
    if count <= 0:
        return []
    try:
        with path.open("rb") as stream:
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(max(0, size - _TAIL_CHUNK))
            data = stream.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    if size > _TAIL_CHUNK and lines:
        lines = lines[1:]  # the chunk most likely starts in the middle of a line
    return lines[-count:]


def build_report(
    exc_info: ExcInfo,
    *,
    log_file: Path | None = None,
    log_lines: int = DEFAULT_LOG_LINES,
    thread_name: str | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> str:
    """Render the report for one exception. `log_file` defaults to the file of setup_logging()."""
    exc_type, exc_value, exc_tb = exc_info
    versions = collect_versions()
    width = max(len(name) for name in versions)
    parts = [
        "Liangjiao Console crash report",
        f"Time: {now().isoformat(timespec='seconds')}",
        f"Thread: {thread_name or threading.current_thread().name}",
        "",
        "== Versions ==",
        *(f"{name.ljust(width)}  {value}" for name, value in versions.items()),
        "",
        "== Traceback ==",
        "".join(traceback.format_exception(exc_type, exc_value, exc_tb)).rstrip(),
    ]
    source = log_file if log_file is not None else current_log_file()
    parts += ["", f"== Last {log_lines} log lines ({source or 'no log file'}) =="]
    if source is not None:
        parts += tail_lines(source, log_lines) or ["(log file empty or unreadable)"]
    return mask_secrets("\n".join(parts)) + "\n"
