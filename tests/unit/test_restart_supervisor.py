"""The restart supervisor on injected clocks: backoff 1 s → 5 min, gaps opened and closed, no sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.coverage_gaps import Subsystem
from app.gap_recorder import GapRecorder
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories.coverage_gap_repository import CoverageGapRepository
from app.restart_supervisor import Backoff, Health, RestartSupervisor

T0 = datetime(2026, 12, 7, 9, 0, 0)


class Clocks:
    def __init__(self) -> None:
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return T0 + timedelta(seconds=self.seconds)


class FlakyUnit:
    """A subsystem that is down until `restart()` has been called `fails_left + 1` times."""

    def __init__(self, fails_left: int) -> None:
        self.up = True
        self.fails_left = fails_left
        self.restart_times: list[float] = []
        self.clocks: Clocks | None = None

    def health(self) -> Health:
        return Health(True) if self.up else Health(False, "worker died (exit code -9)", (3, 5))

    def restart(self) -> None:
        assert self.clocks is not None
        self.restart_times.append(self.clocks.seconds)
        if self.fails_left > 0:
            self.fails_left -= 1
            raise OSError(28, "No space left on device")
        self.up = True


def run(supervisor: RestartSupervisor, clocks: Clocks, seconds: float, tick: float = 0.5) -> None:
    end = clocks.seconds + seconds
    while clocks.seconds < end:
        clocks.seconds += tick
        supervisor.step()


def test_backoff_doubles_from_one_second_up_to_five_minutes() -> None:
    backoff = Backoff()
    delays = [backoff.next_delay() for _ in range(12)]
    assert delays == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
    backoff.reset()
    assert backoff.next_delay() == 1
    with pytest.raises(ValueError):
        Backoff(first=0)


def test_a_unit_is_restarted_with_backoff_until_it_runs_and_its_gap_is_closed() -> None:
    clocks = Clocks()
    gaps = GapRecorder(None, "ws-1")
    supervisor = RestartSupervisor(gaps, monotonic=clocks.monotonic, clock=clocks.wall)
    unit = FlakyUnit(fails_left=4)
    unit.clocks = clocks
    supervisor.add("photo scoring", Subsystem.PHOTO_SCORING, unit)
    run(supervisor, clocks, 5)
    assert unit.restart_times == [] and gaps.open_gaps() == []
    unit.up = False  # it dies at t=5
    run(supervisor, clocks, 60)
    # Found down at 5.5; attempts 1, 2, 4, 8, 16 s apart; the fifth succeeds.
    assert unit.restart_times == [6.5, 8.5, 12.5, 20.5, 36.5]
    assert unit.up
    [gap] = gaps.gaps()
    assert gap.subsystem is Subsystem.PHOTO_SCORING and gap.camera_ids == (3, 5)
    assert gap.started_at == T0 + timedelta(seconds=5.5)
    assert gap.ended_at == T0 + timedelta(seconds=37)  # healthy at the next check after the restart
    assert gap.end_basis == "recovered" and "exit code -9" in gap.reason


def test_the_delay_resets_only_after_the_unit_ran_for_a_while() -> None:
    clocks = Clocks()
    supervisor = RestartSupervisor(None, monotonic=clocks.monotonic, clock=clocks.wall, stable_s=60)
    unit = FlakyUnit(fails_left=0)
    unit.clocks = clocks
    supervisor.add("recorder", Subsystem.RECORDING, unit)
    for _ in range(4):  # dies again 3 s after each restart: the delays keep growing
        unit.up = False
        run(supervisor, clocks, 40)
        assert unit.up
    state = supervisor.units()[0]
    assert state.delays[:4] == [1, 2, 4, 8]
    run(supervisor, clocks, 61)  # ran for a minute: the next crash starts at 1 s again
    unit.up = False
    run(supervisor, clocks, 5)
    assert state.delays == [1, 2, 4, 8, 1]


def test_a_unit_down_for_a_reason_not_ours_is_a_gap_but_is_not_restarted() -> None:
    clocks = Clocks()
    gaps = GapRecorder(None, "ws-1")
    supervisor = RestartSupervisor(gaps, monotonic=clocks.monotonic, clock=clocks.wall)

    class SwitchedOff:
        def health(self) -> Health:
            return Health(False, "switched off", restartable=False)

        def restart(self) -> None:
            raise AssertionError("must not be restarted")

    supervisor.add("face analysis", Subsystem.FACE_ANALYSIS, SwitchedOff())
    run(supervisor, clocks, 700)
    assert [g.reason for g in gaps.open_gaps()] == ["switched off"]


def test_gaps_are_stored_when_the_database_takes_them_and_a_crash_leaves_them_to_close(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'gaps.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    try:
        clocks = Clocks()
        gaps = GapRecorder(database, "ws-1", heartbeat_s=15)
        supervisor = RestartSupervisor(gaps, monotonic=clocks.monotonic, clock=clocks.wall)
        unit = FlakyUnit(fails_left=1000)  # never comes back
        unit.clocks = clocks
        supervisor.add("enrolment", Subsystem.FACE_ANALYSIS, unit)
        unit.up = False
        run(supervisor, clocks, 100)
        # The console is killed here: nothing closes the gap. The next start closes it at the last
        # heartbeat that was stored (written every 15 s while it was open).
        with database.reading() as session:
            [stored] = CoverageGapRepository(session).touching(T0, T0 + timedelta(hours=1))
        assert stored.ended_at is None and stored.started_at == T0 + timedelta(seconds=0.5)
        next_run = GapRecorder(database, "ws-1")
        [closed] = next_run.settle_previous_run()
        assert closed.end_basis == "last-heartbeat"
        assert T0 + timedelta(seconds=85) <= closed.ended_at <= T0 + timedelta(seconds=100)  # type: ignore[operator]
        assert GapRecorder(database, "ws-2").settle_previous_run() == []  # another workstation's are its own
    finally:
        database.dispose()


def test_a_worker_gap_reported_when_over_is_merged_with_the_one_the_supervisor_saw() -> None:
    gaps = GapRecorder(None, "ws-1")
    seen = gaps.open(
        Subsystem.ANALYSIS_WORKER, "analysis worker restarting", (3, 5), T0 + timedelta(seconds=2)
    )
    # The coordinator's report: the first lost frame was captured at T0, the worker was back at T0+9.
    gaps.record_span(
        Subsystem.ANALYSIS_WORKER, (3,), T0, T0 + timedelta(seconds=9), "analysis worker crashed"
    )
    gaps.close(seen, T0 + timedelta(seconds=10))
    # Reported just after the supervisor closed it: still the same gap.
    gaps.record_span(
        Subsystem.ANALYSIS_WORKER, (5,), T0 + timedelta(seconds=1), T0 + timedelta(seconds=9), "x"
    )
    [gap] = gaps.gaps()
    assert (gap.started_at, gap.ended_at) == (T0, T0 + timedelta(seconds=10))
    # A restart too quick for the supervisor to see is stored closed as reported.
    later = T0 + timedelta(minutes=5)
    gaps.record_span(
        Subsystem.ANALYSIS_WORKER, (3,), later, later + timedelta(seconds=1), "analysis worker hung"
    )
    assert [(g.started_at, g.ended_at, g.reason) for g in gaps.gaps()][1] == (
        later,
        later + timedelta(seconds=1),
        "analysis worker hung",
    )
