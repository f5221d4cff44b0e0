"""The shutdown list stops newest first, survives a failing stop, logs each step and runs once."""

from __future__ import annotations

import logging
import threading
from functools import partial

import pytest

from app.shutdown_list import ShutdownList


def test_runs_last_in_first_out() -> None:
    stopped: list[str] = []
    shutdown = ShutdownList()
    for name in ("database", "journal", "recording", "panes"):
        shutdown.register(name, partial(stopped.append, name))
    assert shutdown.names == ["panes", "recording", "journal", "database"]
    shutdown.run()
    assert stopped == ["panes", "recording", "journal", "database"]


def test_a_failing_stop_is_logged_and_the_rest_still_run(caplog: pytest.LogCaptureFixture) -> None:
    stopped: list[str] = []

    def broken() -> None:
        raise RuntimeError("disk gone")

    shutdown = ShutdownList()
    shutdown.register("database", lambda: stopped.append("database"))
    shutdown.register("recording", broken)
    shutdown.register("analysis", lambda: stopped.append("analysis"))
    with caplog.at_level(logging.INFO, logger="app.shutdown_list"):
        shutdown.run()
    assert stopped == ["analysis", "database"]
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1 and "recording" in failed[0].getMessage() and failed[0].exc_info is not None
    timed = [r.getMessage() for r in caplog.records if "stopped in" in r.getMessage()]
    assert [text.split(":")[1].split()[0] for text in timed] == ["analysis", "recording", "database"]


def test_runs_once_even_from_two_threads() -> None:
    calls: list[int] = []
    shutdown = ShutdownList()
    shutdown.register("writer", lambda: calls.append(threading.get_ident()))
    threads = [threading.Thread(target=shutdown.run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    shutdown.run()
    assert len(calls) == 1 and shutdown.ran


def test_registered_after_the_run_is_stopped_at_once() -> None:
    stopped: list[str] = []
    shutdown = ShutdownList()
    shutdown.run()
    shutdown.register("late worker", lambda: stopped.append("late worker"))
    assert stopped == ["late worker"]
    assert shutdown.names == []
