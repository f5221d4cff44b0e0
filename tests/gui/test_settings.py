"""Settings: typed defaults, round trips through the ini file, and no secrets ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from app.settings import AnalysisPreferences, ClassroomRules, Settings, UrlProblem, database_url_problem
from app.url_masking import mask_url


def test_defaults(settings: Settings) -> None:
    assert settings.language == "system"
    assert settings.database_url == ""
    assert settings.last_user_login == ""
    assert settings.classroom_rules == ClassroomRules(15, 2, 30)
    assert settings.desktop_notifications is True
    assert settings.sound is True  # high-severity alarms are heard unless switched off
    assert settings.window_geometry is None and settings.window_state is None


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "console.ini"
    first = Settings(path)
    first.language = "zh_CN"
    first.database_url = "postgresql+psycopg://console@db.example:5432/liangjiao"
    first.last_user_login = "limin"
    first.classroom_rules = ClassroomRules(absence_minutes=10, max_leaves_per_day=3, late_early_minutes=20)
    first.desktop_notifications = False
    first.sound = False
    first.window_geometry = QByteArray(b"\x01\x02geometry")
    first.sync()

    second = Settings(path)
    assert second.language == "zh_CN"
    assert second.database_url == "postgresql+psycopg://console@db.example:5432/liangjiao"
    assert second.last_user_login == "limin"
    assert second.classroom_rules == ClassroomRules(10, 3, 20)
    assert second.desktop_notifications is False and second.sound is False
    assert second.window_geometry == QByteArray(b"\x01\x02geometry")


@pytest.mark.parametrize("key", ["platform/token", "camera/Password", "api_secret", "db/passwd"])
def test_secret_keys_are_refused(settings: Settings, key: str) -> None:
    with pytest.raises(ValueError, match="keyring"):
        settings._set(key, "hunter2")
    with pytest.raises(ValueError):
        settings._get(key, "", str)


def test_database_url_with_password_is_refused(settings: Settings) -> None:
    settings.language = "en"  # so that the file exists
    with pytest.raises(ValueError, match="password"):
        settings.database_url = "postgresql+psycopg://console:hunter2@db/liangjiao"
    settings.sync()
    assert settings.database_url == ""
    assert "hunter2" not in Path(settings.file_name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", None),
        ("sqlite:////var/lib/liangjiao/console.db", None),
        ("postgresql+psycopg://console@10.0.0.5/liangjiao", None),
        ("mysql://x@y/z", UrlProblem.SCHEME),
        ("postgresql+psycopg:///liangjiao", UrlProblem.NO_HOST),
        ("sqlite://", UrlProblem.NO_PATH),
        ("postgresql://u@h:notaport/db", UrlProblem.MALFORMED),
        ("postgresql://u:p@h/db", UrlProblem.PASSWORD),
    ],
)
def test_database_url_checks(url: str, problem: UrlProblem | None) -> None:
    assert database_url_problem(url) is problem


def test_bad_values_are_refused_and_bad_files_fall_back(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(ValueError):
        settings.language = "fr"
    with pytest.raises(ValueError):
        settings.classroom_rules = ClassroomRules(absence_minutes=0)
    path = tmp_path / "hand-edited.ini"
    path.write_text("[rules]\nabsence_minutes=lots\n[general]\nlanguage=klingon\n", encoding="utf-8")
    edited = Settings(path)
    assert edited.classroom_rules == ClassroomRules()
    assert edited.language == "system"


def test_masked_url() -> None:
    assert mask_url("postgresql+psycopg://u:pw@h:5432/db") == "postgresql+psycopg://u:***@h:5432/db"
    assert mask_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_classroom_thresholds_become_the_domain_rules() -> None:
    from datetime import timedelta

    rules = ClassroomRules(absence_minutes=10, max_leaves_per_day=3, late_early_minutes=20).to_domain()
    assert rules.max_absence == timedelta(minutes=10)
    assert rules.max_late == rules.max_early_leave == timedelta(minutes=20)
    assert rules.max_leaves_per_day == 3


def test_the_shortest_absence_threshold_still_makes_valid_rules() -> None:
    rules = ClassroomRules(absence_minutes=1).to_domain()
    assert rules.dropout_tolerance < rules.max_absence


def test_analysis_preferences_round_trip_and_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "console.ini"
    first = Settings(path)
    assert first.analysis == AnalysisPreferences()
    first.analysis = AnalysisPreferences(
        enabled=False, max_cameras=9, sample_fps=0.5, detector="cnn", upsample=1
    )
    first.sync()
    second = Settings(path)
    assert second.analysis == AnalysisPreferences(False, 9, 0.5, "cnn", 1)
    assert (second.analysis_max_cameras, second.analysis_sample_fps) == (9, 0.5)  # what start-up reads
    for bad in (
        AnalysisPreferences(max_cameras=0),
        AnalysisPreferences(sample_fps=9.0),
        AnalysisPreferences(detector="sift"),
        AnalysisPreferences(upsample=3),
    ):
        with pytest.raises(ValueError):
            second.analysis = bad
    assert second.analysis == AnalysisPreferences(False, 9, 0.5, "cnn", 1)
    edited = tmp_path / "hand-edited.ini"
    edited.write_text("[analysis]\ndetector=sift\nupsample=7\nmax_cameras=99\n", encoding="utf-8")
    assert Settings(edited).analysis == AnalysisPreferences(max_cameras=36)  # clamped / defaults


def test_muted_and_snoozed_alarms_are_remembered_per_officer(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "console.ini"
    first = Settings(path)
    assert first.muted_cameras("wangjg") == set() and first.snoozed_cameras("wangjg") == {}
    first.set_muted_cameras("wangjg", {7, 3})
    first.set_snoozed_cameras("wangjg", {5: datetime(2025, 3, 14, 9, 10, 30)})
    first.sync()
    second = Settings(path)
    assert second.muted_cameras("wangjg") == {3, 7}
    assert second.snoozed_cameras("wangjg") == {5: datetime(2025, 3, 14, 9, 10, 30)}
    assert second.muted_cameras("limin") == set()  # the next shift's officer hears them
