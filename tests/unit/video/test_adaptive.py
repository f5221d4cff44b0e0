"""Adaptive decoding decisions on scripted statistics (no clock, no threads, no timings)."""

from __future__ import annotations

from app.video import DecodeMode
from app.video.adaptive import AdaptiveConfig, AdaptiveDecoder, Load, LoadSample, TileSample

CONFIG = AdaptiveConfig(degrade_after=2, recover_after=3, cooldown=1)


def sample(
    decoder: AdaptiveDecoder,
    *,
    lateness: float = 0.0,
    dropped: int = 0,
    fps: float = 25.0,
    tiles: int = 4,
    maximised: int | None = None,
) -> LoadSample:
    return LoadSample(
        tuple(
            TileSample(
                key=f"s{i}",
                mode=decoder.mode_of(f"s{i}"),
                playing=True,
                decoded_fps=fps if decoder.mode_of(f"s{i}") is DecodeMode.ALL else 1.0,
                expected_fps=25.0,
                dropped=dropped,
                priority=2 if i == maximised else 0,
                index=i,
            )
            for i in range(tiles)
        ),
        interval=1.0,
        gui_lateness=lateness,
    )


def run(decoder: AdaptiveDecoder, count: int, **kwargs: object) -> list[dict[str, DecodeMode]]:
    return [decoder.update(sample(decoder, **kwargs)) for _ in range(count)]  # type: ignore[arg-type]


def test_calm_machine_changes_nothing() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    assert run(decoder, 20) == [{}] * 20
    assert decoder.last_load is Load.CALM


def test_overload_sheds_one_tile_at_a_time_least_important_last() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    changes = [c for c in run(decoder, 30, lateness=0.2, maximised=0) if c]
    # Last tile first, each tile ALL → SKIP_NONREF → KEYFRAMES in turn, one change per decision.
    assert changes[:3] == [
        {"s3": DecodeMode.SKIP_NONREF},
        {"s2": DecodeMode.SKIP_NONREF},
        {"s1": DecodeMode.SKIP_NONREF},
    ]
    assert all(len(c) == 1 for c in changes)
    assert decoder.mode_of("s0") is DecodeMode.KEYFRAMES  # the maximised tile went last
    assert changes[-1] == {"s0": DecodeMode.KEYFRAMES}
    assert len(changes) == 8  # 4 tiles × 2 steps, then nothing left to shed


def test_needs_sustained_overload_and_ignores_a_single_spike() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    assert decoder.update(sample(decoder, lateness=0.5)) == {}
    assert decoder.update(sample(decoder)) == {}
    assert decoder.update(sample(decoder, lateness=0.5)) == {}


def test_dropped_frames_and_starved_decoders_count_as_overload() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    assert decoder.classify(sample(decoder, dropped=10)) is Load.OVERLOADED  # 40 of 100 dropped
    assert decoder.classify(sample(decoder, fps=15.0)) is Load.OVERLOADED  # 60 % of the source rate
    assert decoder.classify(sample(decoder, fps=21.0)) is Load.BUSY  # between the thresholds: hold
    assert decoder.classify(sample(decoder, lateness=0.05)) is Load.BUSY


def test_recovers_in_reverse_order_after_calm_with_hysteresis() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    run(decoder, 6, lateness=0.2)
    degraded = {k: decoder.mode_of(k) for k in ("s0", "s1", "s2", "s3")}
    assert degraded == {
        "s0": DecodeMode.ALL,
        "s1": DecodeMode.SKIP_NONREF,
        "s2": DecodeMode.SKIP_NONREF,
        "s3": DecodeMode.SKIP_NONREF,
    }
    # Busy (between thresholds) neither sheds nor recovers.
    assert run(decoder, 10, lateness=0.05) == [{}] * 10
    changes = [c for c in run(decoder, 20) if c]
    assert changes == [{"s1": DecodeMode.ALL}, {"s2": DecodeMode.ALL}, {"s3": DecodeMode.ALL}]
    assert decoder.mode_of("s3") is DecodeMode.ALL


def test_closed_streams_are_forgotten() -> None:
    decoder = AdaptiveDecoder(CONFIG)
    run(decoder, 3, lateness=0.2)
    assert decoder.mode_of("s3") is DecodeMode.SKIP_NONREF
    decoder.update(sample(decoder, tiles=3))
    assert decoder.mode_of("s3") is DecodeMode.ALL
