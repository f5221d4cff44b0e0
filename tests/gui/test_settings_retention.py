"""Retention settings: small-disk defaults, round trip through the file, 0 switches a limit off."""

from __future__ import annotations

from pathlib import Path

from app.domain.dashboard import DatabaseInfo
from app.settings import RetentionPreferences, Settings
from app.switched_off import AnalysisOff
from widgets.settings_dialog import SettingsDialog


def test_retention_defaults_suit_a_small_disk(settings: Settings) -> None:
    assert settings.retention == RetentionPreferences(
        max_age_days=30.0, quota_gb=None, quota_percent=80.0, floor_free_mb=1000.0
    )


def test_retention_round_trips_and_zero_switches_a_limit_off(tmp_path: Path) -> None:
    path = tmp_path / "console.ini"
    Settings(path).retention = RetentionPreferences(
        max_age_days=None, quota_gb=50.0, quota_percent=None, floor_free_mb=200.0
    )
    again = Settings(path)
    assert again.retention == RetentionPreferences(
        max_age_days=None, quota_gb=50.0, quota_percent=None, floor_free_mb=200.0
    )


def test_hand_edited_nonsense_falls_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "console.ini"
    path.write_text(
        "[recording]\nmax_age_days=soon\nquota_percent=250\nquota_gb=-3\nfloor_free_mb=-1\n", encoding="utf-8"
    )
    retention = Settings(path).retention
    assert retention.max_age_days == 30.0 and retention.quota_gb is None
    assert retention.quota_percent == 100.0 and retention.floor_free_mb == 1000.0


def test_the_dialog_edits_retention(qtbot, settings: Settings) -> None:
    dialog = SettingsDialog(
        settings, DatabaseInfo(backend="sqlite", display_url="sqlite:///x.sqlite"), analysis=AnalysisOff()
    )
    qtbot.addWidget(dialog)
    group = dialog.retention_group
    assert group.age_spin.value() == 30 and group.quota_percent_spin.value() == 80
    assert group.quota_gb_spin.text() == group.quota_gb_spin.specialValueText()  # "no limit"
    group.age_spin.setValue(0)
    group.floor_spin.setValue(300)
    dialog.accept()
    assert "retention" in dialog.changed
    assert settings.retention == RetentionPreferences(
        max_age_days=None, quota_gb=None, quota_percent=80.0, floor_free_mb=300.0
    )
