"""The crash report: versions, the traceback and the log tail, with secrets masked."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from app.crash_report import ExcInfo, build_report, collect_versions, tail_lines

SECRET = "Pa55-word"


def failing_call() -> ExcInfo:
    def open_camera() -> None:
        raise ConnectionError(f"cannot open rtsp://admin:{SECRET}@10.1.2.3/live")

    try:
        open_camera()
    except ConnectionError:
        exc_type, exc_value, exc_tb = sys.exc_info()
        assert exc_type is not None and exc_value is not None
        return exc_type, exc_value, exc_tb
    raise AssertionError("open_camera did not raise")


def test_versions_name_the_components_of_a_bug_report() -> None:
    versions = collect_versions()
    expected = ["Liangjiao Console", "Python", "Qt", "PySide6", "PyAV", "FFmpeg", "dlib", "SQLAlchemy", "OS"]
    for name in expected:
        assert versions.get(name), name


def test_report_has_versions_traceback_and_log_tail(tmp_path: Path) -> None:
    log_file = tmp_path / "console.log"
    log_file.write_text("".join(f"log line {n:03d}\n" for n in range(80)), encoding="utf-8")
    report = build_report(
        failing_call(), log_file=log_file, thread_name="decoder-3", now=lambda: datetime(2024, 3, 4, 9, 30)
    )
    assert "Time: 2024-03-04T09:30:00" in report
    assert "Thread: decoder-3" in report
    assert "PySide6" in report
    assert "Traceback (most recent call last):" in report
    assert "in open_camera" in report
    assert "ConnectionError: cannot open rtsp://admin:***@10.1.2.3/live" in report
    assert "log line 079" in report
    assert "log line 030" in report
    assert "log line 029" not in report  # only the last 50 lines
    assert SECRET not in report


def test_log_lines_are_masked_too(tmp_path: Path) -> None:
    log_file = tmp_path / "console.log"
    log_file.write_text(f"platform call with token={SECRET}\n", encoding="utf-8")
    report = build_report(failing_call(), log_file=log_file)
    assert "token=***" in report
    assert SECRET not in report


def test_missing_log_file_still_gives_a_report(tmp_path: Path) -> None:
    report = build_report(failing_call(), log_file=tmp_path / "absent.log")
    assert "ConnectionError" in report
    assert "(log file empty or unreadable)" in report


def test_tail_reads_only_whole_lines_from_a_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    big.write_text("".join(f"{n:06d} " + "y" * 90 + "\n" for n in range(5000)), encoding="utf-8")
    lines = tail_lines(big, 3)
    assert [line[:6] for line in lines] == ["004997", "004998", "004999"]
    assert all(len(line) == 97 for line in tail_lines(big, 1000))  # no torn first line
    assert tail_lines(big, 0) == []
