"""Typed user preferences on top of QSettings (QtCore only, so app/ stays free of widgets).

What lives here: language, the database URL, the last login, classroom rule thresholds, face
analysis preferences, window layout, notification toggles and each officer's muted or snoozed
camera alarms. What never lives here: secrets.
QSettings writes a plain-text file (or registry key), so tokens and passwords belong in the system
keyring; `_check_key` refuses any key that looks like a secret and `database_url` refuses URLs
that carry a password.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from PySide6.QtCore import QByteArray, QSettings

from app.domain.classroom_rules import ClassroomRules as DomainClassroomRules

ORGANISATION: Final = "Liangjiao"
APPLICATION: Final = "liangjiao-console"
LANGUAGES: Final = ("system", "zh_CN", "en")

_SECRET_WORDS: Final = ("password", "passwd", "token", "secret")


@dataclass(frozen=True, slots=True)
class ClassroomRules:
    """Local classroom rules (Xiamen practice, docs/context.md); breaking one cancels the session."""

    absence_minutes: int = 15  # leaving mid-class for longer than this
    max_leaves_per_day: int = 2  # leaving more often than this
    late_early_minutes: int = 30  # arriving late / leaving early by more than this

    # Inclusive bounds the settings dialog offers and `Settings` enforces.
    ABSENCE_RANGE = (1, 240)
    LEAVES_RANGE = (0, 20)
    LATE_EARLY_RANGE = (1, 240)

    def to_domain(self) -> DomainClassroomRules:
        """The thresholds as the rules engine takes them (app.domain.classroom_rules)."""
        return DomainClassroomRules(
            max_late=timedelta(minutes=self.late_early_minutes),
            max_early_leave=timedelta(minutes=self.late_early_minutes),
            max_absence=timedelta(minutes=self.absence_minutes),
            max_leaves_per_day=self.max_leaves_per_day,
            # Tracking dropouts must stay shorter than an absence, or a short threshold could never fire.
            dropout_tolerance=min(timedelta(minutes=1), timedelta(minutes=self.absence_minutes) / 2),
        )

    def validate(self) -> None:
        for value, (low, high), name in (
            (self.absence_minutes, self.ABSENCE_RANGE, "absence_minutes"),
            (self.max_leaves_per_day, self.LEAVES_RANGE, "max_leaves_per_day"),
            (self.late_early_minutes, self.LATE_EARLY_RANGE, "late_early_minutes"),
        ):
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, got {value}")


@dataclass(frozen=True, slots=True)
class AnalysisPreferences:
    """Face analysis on the wall's cameras (app/vision/live_analysis.py), as the settings dialog edits it."""

    enabled: bool = True
    max_cameras: int = 16  # analysed at once: the wall's page, cameras with a session running now
    sample_fps: float = 1.0  # analysed frames per second per camera
    detector: str = "hog"  # "hog" (fast, frontal) or "cnn" (more poses, far slower on a CPU)
    upsample: int = 0  # HOG upsampling: 1 finds faces half as big at ~4× the CPU

    CAMERAS_RANGE = (1, 36)
    FPS_RANGE = (0.2, 5.0)
    DETECTORS = ("hog", "cnn")
    UPSAMPLE_RANGE = (0, 2)

    def validate(self) -> None:
        low, high = self.CAMERAS_RANGE
        if not low <= self.max_cameras <= high:
            raise ValueError(f"max_cameras must be between {low} and {high}, got {self.max_cameras}")
        low_fps, high_fps = self.FPS_RANGE
        if not low_fps <= self.sample_fps <= high_fps:
            raise ValueError(f"sample_fps must be between {low_fps} and {high_fps}, got {self.sample_fps}")
        if self.detector not in self.DETECTORS:
            raise ValueError(f"detector must be one of {self.DETECTORS}, got {self.detector!r}")
        low, high = self.UPSAMPLE_RANGE
        if not low <= self.upsample <= high:
            raise ValueError(f"upsample must be between {low} and {high}, got {self.upsample}")


@dataclass(frozen=True, slots=True)
class RetentionPreferences:
    """How long recordings are kept and how much disk they may use (app/video/retention.py).

    0 switches the age limit or the size quota off; the emergency floor always applies."""

    max_age_days: float | None = 30.0
    quota_gb: float | None = None
    quota_percent: float | None = 80.0
    floor_free_mb: float = 1000.0


class UrlProblem(StrEnum):
    """Why a database URL cannot be stored; the settings dialog words each one for the user."""

    MALFORMED = "malformed URL"
    SCHEME = "unsupported scheme (use sqlite:/// or postgresql+psycopg://)"
    PASSWORD = "contains a password (keep passwords in the system keyring)"
    NO_HOST = "PostgreSQL URL without a host"
    NO_PATH = "SQLite URL without a file path"


def database_url_problem(url: str) -> UrlProblem | None:
    """Why `url` cannot be stored as the database URL, or None if it can. "" means the default."""
    text = url.strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return UrlProblem.MALFORMED
    scheme = parts.scheme.split("+", 1)[0]
    if scheme not in ("sqlite", "postgresql"):
        return UrlProblem.SCHEME
    if parts.password:
        return UrlProblem.PASSWORD
    if scheme == "postgresql" and not parts.hostname:
        return UrlProblem.NO_HOST
    if scheme == "sqlite" and not parts.path.strip("/"):
        return UrlProblem.NO_PATH
    return None


class Settings:
    """The console's preferences. `Settings()` uses the user's config; `Settings(path)` an ini file."""

    STATE_VERSION: Final = 1  # bump when the dock set changes so stale layouts are ignored

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        """Flush to disk. QSettings also does this on its own; call it where a crash would lose state."""
        self._qs.sync()

    # -- low level: every read and write goes through these, so the secret guard holds

    def _get(self, key: str, default: object, kind: type) -> object:
        _check_key(key)
        return self._qs.value(key, default, type=kind)

    def _set(self, key: str, value: object) -> None:
        _check_key(key)
        self._qs.setValue(key, value)

    # -- general

    @property
    def language(self) -> str:
        value = str(self._get("general/language", "system", str))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {value!r}")
        self._set("general/language", value)

    @property
    def database_url(self) -> str:
        """The database URL, "" for the default local SQLite file. Never carries a password."""
        return str(self._get("database/url", "", str))

    @database_url.setter
    def database_url(self, value: str) -> None:
        problem = database_url_problem(value)
        if problem is not None:
            raise ValueError(f"database URL refused: {problem.value}")
        self._set("database/url", value.strip())

    @property
    def last_user_login(self) -> str:
        return str(self._get("general/last_user_login", "", str))

    @last_user_login.setter
    def last_user_login(self, value: str) -> None:
        self._set("general/last_user_login", value)

    # -- classroom rules

    @property
    def classroom_rules(self) -> ClassroomRules:
        defaults = ClassroomRules()
        rules = ClassroomRules(
            absence_minutes=_as_int(self._get("rules/absence_minutes", defaults.absence_minutes, int)),
            max_leaves_per_day=_as_int(
                self._get("rules/max_leaves_per_day", defaults.max_leaves_per_day, int)
            ),
            late_early_minutes=_as_int(
                self._get("rules/late_early_minutes", defaults.late_early_minutes, int)
            ),
        )
        try:
            rules.validate()
        except ValueError:
            return defaults  # a hand-edited file with nonsense must not break the rules engine
        return rules

    @classroom_rules.setter
    def classroom_rules(self, rules: ClassroomRules) -> None:
        rules.validate()
        self._set("rules/absence_minutes", rules.absence_minutes)
        self._set("rules/max_leaves_per_day", rules.max_leaves_per_day)
        self._set("rules/late_early_minutes", rules.late_early_minutes)

    # -- face analysis (the live wall's cameras; app/vision/live_analysis.py)

    ANALYSIS_CAMERAS_RANGE = AnalysisPreferences.CAMERAS_RANGE
    ANALYSIS_FPS_RANGE = AnalysisPreferences.FPS_RANGE

    @property
    def analysis(self) -> AnalysisPreferences:
        """All analysis preferences; a hand-edited value out of range falls back to its default."""
        defaults = AnalysisPreferences()
        detector = str(self._get("analysis/detector", defaults.detector, str))
        upsample = _as_int(self._get("analysis/upsample", defaults.upsample, int))
        low, high = AnalysisPreferences.UPSAMPLE_RANGE
        return AnalysisPreferences(
            enabled=bool(self._get("analysis/enabled", defaults.enabled, bool)),
            max_cameras=self.analysis_max_cameras,
            sample_fps=self.analysis_sample_fps,
            detector=detector if detector in AnalysisPreferences.DETECTORS else defaults.detector,
            upsample=upsample if low <= upsample <= high else defaults.upsample,
        )

    @analysis.setter
    def analysis(self, value: AnalysisPreferences) -> None:
        value.validate()
        self._set("analysis/enabled", bool(value.enabled))
        self.analysis_max_cameras = value.max_cameras
        self.analysis_sample_fps = value.sample_fps
        self._set("analysis/detector", value.detector)
        self._set("analysis/upsample", int(value.upsample))

    @property
    def analysis_max_cameras(self) -> int:
        value = _as_int(self._get("analysis/max_cameras", 16, int))
        low, high = self.ANALYSIS_CAMERAS_RANGE
        return min(max(value, low), high)

    @analysis_max_cameras.setter
    def analysis_max_cameras(self, value: int) -> None:
        self._set("analysis/max_cameras", int(value))

    @property
    def analysis_sample_fps(self) -> float:
        """Analysed frames per second per camera."""
        try:
            value = float(self._get("analysis/sample_fps", 1.0, float))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = 1.0
        low, high = self.ANALYSIS_FPS_RANGE
        return min(max(value, low), high)

    @analysis_sample_fps.setter
    def analysis_sample_fps(self, value: float) -> None:
        self._set("analysis/sample_fps", float(value))

    # -- notifications

    @property
    def desktop_notifications(self) -> bool:
        return bool(self._get("notifications/desktop", True, bool))

    @desktop_notifications.setter
    def desktop_notifications(self, value: bool) -> None:
        self._set("notifications/desktop", bool(value))

    @property
    def sound(self) -> bool:
        """Sound for new high-severity events: on unless switched off (an alarm nobody hears is late)."""
        return bool(self._get("notifications/sound", True, bool))

    @sound.setter
    def sound(self, value: bool) -> None:
        self._set("notifications/sound", bool(value))

    # -- alarm sound per camera and user (one officer's mute is not the next shift's)

    def muted_cameras(self, login: str) -> set[int]:
        """Cameras whose alarms `login` has muted (the tile still shows its alarm)."""
        data = self._json(f"alarms/{_login_key(login)}/muted", "[]")
        return {int(x) for x in data if isinstance(x, int)} if isinstance(data, list) else set()

    def set_muted_cameras(self, login: str, cameras: set[int]) -> None:
        self._set(f"alarms/{_login_key(login)}/muted", json.dumps(sorted(cameras)))

    def snoozed_cameras(self, login: str) -> dict[int, datetime]:
        """Camera → until when `login` snoozed its alarm sound (past entries may linger; callers compare)."""
        data = self._json(f"alarms/{_login_key(login)}/snoozed", "{}")
        snoozed: dict[int, datetime] = {}
        for key, value in data.items() if isinstance(data, dict) else ():
            try:
                snoozed[int(key)] = datetime.fromisoformat(str(value))
            except ValueError:
                continue
        return snoozed

    def set_snoozed_cameras(self, login: str, until: dict[int, datetime]) -> None:
        text = json.dumps({str(k): v.isoformat(timespec="seconds") for k, v in sorted(until.items())})
        self._set(f"alarms/{_login_key(login)}/snoozed", text)

    def _json(self, key: str, default: str) -> object:
        try:
            return json.loads(str(self._get(key, default, str)))
        except ValueError:
            return json.loads(default)

    # -- recordings retention

    @property
    def retention(self) -> RetentionPreferences:
        """A hand-edited value that is not a number, or negative, falls back to its default."""
        defaults = RetentionPreferences()

        def number(key: str, default: float | None, *, zero_is_off: bool = True) -> float | None:
            raw = self._get(key, "", str)  # read as text: QSettings turns "soon" into 0.0, i.e. "off"
            if raw in ("", None):
                return default
            try:
                value = float(str(raw))
            except ValueError:
                return default
            if not math.isfinite(value) or value < 0:
                return default
            return None if zero_is_off and value == 0 else value

        percent = number("recording/quota_percent", defaults.quota_percent)
        return RetentionPreferences(
            max_age_days=number("recording/max_age_days", defaults.max_age_days),
            quota_gb=number("recording/quota_gb", defaults.quota_gb),
            quota_percent=min(percent, 100.0) if percent is not None else None,
            floor_free_mb=number("recording/floor_free_mb", defaults.floor_free_mb, zero_is_off=False) or 0.0,
        )

    @retention.setter
    def retention(self, value: RetentionPreferences) -> None:
        self._set("recording/max_age_days", float(value.max_age_days or 0))
        self._set("recording/quota_gb", float(value.quota_gb or 0))
        self._set("recording/quota_percent", float(value.quota_percent or 0))
        self._set("recording/floor_free_mb", float(value.floor_free_mb))

    # -- window layout (QMainWindow.saveGeometry / saveState blobs)

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._blob("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._blob("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    # -- video wall (per user: each officer keeps their own named layouts)

    def wall_layouts(self, login: str) -> dict[str, str]:
        """Named wall layouts of `login`: name → WallArrangement JSON (app/video/wall_layout.py)."""
        raw = str(self._get(f"video_wall/{_login_key(login)}/named", "{}", str))
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def set_wall_layouts(self, login: str, layouts: dict[str, str]) -> None:
        # One JSON value: layout names (Chinese, "/") must not become QSettings keys.
        self._set(f"video_wall/{_login_key(login)}/named", json.dumps(layouts, ensure_ascii=False))

    def wall_state(self, login: str) -> dict[str, object]:
        """What the wall showed when `login` last closed the console: grid, named layout, tour."""
        raw = str(self._get(f"video_wall/{_login_key(login)}/state", "{}", str))
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def set_wall_state(self, login: str, state: dict[str, object]) -> None:
        self._set(f"video_wall/{_login_key(login)}/state", json.dumps(state, ensure_ascii=False))

    def _blob(self, key: str) -> QByteArray | None:
        value = self._get(key, QByteArray(), QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _check_key(key: str) -> None:
    lowered = key.lower()
    if any(word in lowered for word in _SECRET_WORDS):
        raise ValueError(f"refusing to keep {key!r} in settings: secrets belong in the system keyring")


def _login_key(login: str) -> str:
    """A login as a settings group name: logins are ASCII identifiers, but never trust that."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in login) or "_"


def _as_int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1  # fails validation, so the defaults are used
