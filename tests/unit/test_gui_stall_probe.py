"""The GUI stall probe's arithmetic: windows, worst, 99th percentile, the longest stalls (no Qt loop)."""

from __future__ import annotations

from app.gui_stall_probe import STALL_MS, LatenessLog, LatenessWindow, trace_threshold


def test_an_empty_window_reports_zeros() -> None:
    figures = LatenessWindow().figures()
    assert (figures.beats, figures.worst_ms, figures.p99_ms, figures.over_stall_ms) == (0, 0.0, 0.0, 0)


def test_the_99th_percentile_ignores_the_one_percent_worst_beats() -> None:
    window = LatenessWindow()
    for index in range(990):
        window.add(index * 0.02, 2.4)  # 99 %: within 3 ms
    for index in range(10):
        window.add(20 + index, 700.0)  # 1 %: long stalls
    figures = window.figures()
    assert figures.beats == 1000
    assert figures.p99_ms == 3.0  # whole-ms bound: 2.4 ms falls in [2, 3)
    assert figures.worst_ms == 700.0
    assert figures.over_stall_ms == 10


def test_the_99th_percentile_sees_stalls_above_one_percent() -> None:
    window = LatenessWindow()
    for _ in range(95):
        window.add(1.0, 1.0)
    for _ in range(5):
        window.add(1.0, 120.5)
    assert window.figures().p99_ms == 120.5  # the bucket [120, 121) bound, capped at the worst


def test_percentile_never_exceeds_the_worst_beat_and_long_stalls_are_kept_exactly() -> None:
    window = LatenessWindow()
    window.add(0.5, 0.3)
    assert window.figures().p99_ms == 0.3
    window.add(0.6, 5000.0)  # beyond the histogram's last bucket
    figures = window.figures()
    assert figures.worst_ms == 5000.0
    assert figures.p99_ms == 5000.0


def test_an_early_beat_counts_as_on_time() -> None:
    window = LatenessWindow()
    window.add(1.0, -4.0)  # a precise timer catching up fires a little early
    figures = window.figures()
    assert figures.worst_ms == 0.0 and figures.beats == 1


def test_windows_take_only_their_own_seconds() -> None:
    log = LatenessLog()
    log.add(2.0, 800.0)  # the window first showing
    log.add(12.0, 70.0)
    log.add(40.0, 60.0)
    summary = log.summary()
    assert summary.whole_run.worst_ms == 800.0 and summary.whole_run.beats == 3
    assert summary.after_10_s.worst_ms == 70.0 and summary.after_10_s.beats == 2
    assert summary.first_30_s.worst_ms == 800.0 and summary.first_30_s.beats == 2
    assert summary.whole_run.over_stall_ms == 3


def test_the_longest_stalls_are_the_ten_worst_in_time_order() -> None:
    log = LatenessLog()
    for index in range(30):
        log.add(float(index), STALL_MS + index)  # every beat a stall, each longer than the last
    log.add(100.0, STALL_MS)  # exactly at the target is not a stall
    longest = log.summary().longest
    assert [at for at, _ms in longest] == [float(i) for i in range(20, 30)]
    assert longest[-1][1] == STALL_MS + 29


def test_the_summary_serialises_with_the_field_names_stats_readers_use() -> None:
    log = LatenessLog()
    log.add(11.0, 63.26)
    data = log.summary().to_dict()
    assert data["heartbeat_ms"] == 20
    assert data["after_10_s"] == {"beats": 1, "worst_ms": 63.3, "p99_ms": 63.3, "over_50_ms": 1}
    assert data["longest"] == [{"at_s": 11.0, "ms": 63.3}]


def test_trace_threshold_from_the_flag_or_the_environment() -> None:
    assert trace_threshold(False, {}) is None
    assert trace_threshold(True, {}) == STALL_MS
    assert trace_threshold(False, {"LIANGJIAO_TRACE_STALLS": "30"}) == 30.0
    assert trace_threshold(False, {"LIANGJIAO_TRACE_STALLS": "yes"}) == STALL_MS
