"""Adaptive decoding: shed decode work tile by tile when the machine cannot keep up, and recover.

Pure (no Qt, threads or clock), so unit tests drive it with scripted statistics: the wall feeds one
`LoadSample` a second and applies what `AdaptiveDecoder.update` returns. Overload is any of: the GUI
thread late (the heartbeat fired late; it starves first), display frames overwritten before painted,
a tile decoding every frame well below its source rate. Each tile steps ALL → SKIP_NONREF →
KEYFRAMES, one tile per decision, least important first, after `degrade_after` overloaded samples;
`recover_after` calm samples undo the latest step. Separate thresholds and a cooldown after every
change keep the wall from oscillating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from app.video.stream_state import DecodeMode

_ORDER = (DecodeMode.ALL, DecodeMode.SKIP_NONREF, DecodeMode.KEYFRAMES)


class Load(Enum):
    OVERLOADED = "overloaded"
    BUSY = "busy"  # between the thresholds: hold still
    CALM = "calm"


@dataclass(frozen=True, slots=True)
class TileSample:
    key: str  # the stream id
    mode: DecodeMode  # what the tile decodes now
    playing: bool
    decoded_fps: float
    expected_fps: float  # the source's rate (estimated by the wall from what it decoded at full rate)
    dropped: int  # frames overwritten before display since the previous sample
    priority: int = 0  # higher is more important (the maximised or a large tile); degraded last
    index: int = 0  # tile position, to break ties: later tiles are degraded first


@dataclass(frozen=True, slots=True)
class LoadSample:
    tiles: tuple[TileSample, ...]
    interval: float = 1.0  # seconds since the previous sample
    gui_lateness: float = 0.0  # worst lateness of the GUI heartbeat timer over the interval, seconds


@dataclass(frozen=True, slots=True)
class AdaptiveConfig:
    overload_lateness: float = 0.080
    calm_lateness: float = 0.030
    overload_drop_ratio: float = 0.15  # dropped / decoded over the interval
    calm_drop_ratio: float = 0.04
    starved_fps_ratio: float = 0.75  # decoded/expected below this at full decode = starved
    calm_fps_ratio: float = 0.92
    degrade_after: int = 2  # consecutive overloaded samples before a step down
    recover_after: int = 6  # consecutive calm samples before a step back up
    cooldown: int = 2  # samples to wait after any change


@dataclass(slots=True)
class AdaptiveDecoder:
    """Keeps the decision state between samples. Runs on the GUI thread (one call per second)."""

    config: AdaptiveConfig = field(default_factory=AdaptiveConfig)
    _overloaded_for: int = 0
    _calm_for: int = 0
    _cooldown: int = 0
    _stack: list[str] = field(default_factory=list)  # degraded tiles, most recent last
    _modes: dict[str, DecodeMode] = field(default_factory=dict)
    last_load: Load = Load.CALM

    def mode_of(self, key: str) -> DecodeMode:
        return self._modes.get(key, DecodeMode.ALL)

    def forget(self, key: str) -> None:
        """The tile's stream was closed or replaced: start it again at full decode."""
        self._modes.pop(key, None)
        self._stack = [k for k in self._stack if k != key]

    def reset(self) -> None:
        self._modes.clear()
        self._stack.clear()
        self._overloaded_for = self._calm_for = self._cooldown = 0

    def classify(self, sample: LoadSample) -> Load:
        cfg = self.config
        playing = [t for t in sample.tiles if t.playing]
        decoded = sum(t.decoded_fps for t in playing) * sample.interval
        dropped = sum(t.dropped for t in playing)
        drop_ratio = dropped / decoded if decoded > 0 else 0.0
        full = [t for t in playing if t.mode is DecodeMode.ALL and t.expected_fps > 0]
        worst_fps = min((t.decoded_fps / t.expected_fps for t in full), default=1.0)
        if (
            sample.gui_lateness > cfg.overload_lateness
            or drop_ratio > cfg.overload_drop_ratio
            or worst_fps < cfg.starved_fps_ratio
        ):
            return Load.OVERLOADED
        if (
            sample.gui_lateness < cfg.calm_lateness
            and drop_ratio < cfg.calm_drop_ratio
            and worst_fps >= cfg.calm_fps_ratio
        ):
            return Load.CALM
        return Load.BUSY

    def update(self, sample: LoadSample) -> dict[str, DecodeMode]:
        """Decide on one sample; returns {stream id: new mode} for the tiles to change (often empty)."""
        present = {t.key for t in sample.tiles}
        for key in [k for k in self._modes if k not in present]:
            self.forget(key)
        load = self.last_load = self.classify(sample)
        if load is Load.OVERLOADED:
            self._overloaded_for, self._calm_for = self._overloaded_for + 1, 0
        elif load is Load.CALM:
            self._overloaded_for, self._calm_for = 0, self._calm_for + 1
        else:
            self._overloaded_for = self._calm_for = 0
        if self._cooldown > 0:
            self._cooldown -= 1
            return {}
        if self._overloaded_for >= self.config.degrade_after:
            return self._degrade(sample)
        if self._calm_for >= self.config.recover_after:
            return self._recover()
        return {}

    def _degrade(self, sample: LoadSample) -> dict[str, DecodeMode]:
        candidates = [
            t for t in sample.tiles if t.playing and self.mode_of(t.key) is not DecodeMode.KEYFRAMES
        ]
        if not candidates:
            return {}
        tile = min(candidates, key=lambda t: (_ORDER.index(self.mode_of(t.key)), t.priority, -t.index))
        mode = _ORDER[_ORDER.index(self.mode_of(tile.key)) + 1]
        self._modes[tile.key] = mode
        self._stack.append(tile.key)
        self._changed()
        return {tile.key: mode}

    def _recover(self) -> dict[str, DecodeMode]:
        if not self._stack:
            return {}
        key = self._stack.pop()
        mode = _ORDER[_ORDER.index(self.mode_of(key)) - 1]
        if mode is DecodeMode.ALL:
            self._modes.pop(key, None)
        else:
            self._modes[key] = mode
        self._changed()
        self._calm_for = 0
        return {key: mode}

    def _changed(self) -> None:
        self._cooldown = self.config.cooldown
        self._overloaded_for = 0
