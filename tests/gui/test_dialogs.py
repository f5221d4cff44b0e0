"""Login, Settings and About dialogs."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.domain.dashboard import DatabaseInfo
from app.domain.enums import Post
from app.settings import ClassroomRules, Settings
from app.switched_off import AnalysisOff
from tests.helpers.dialogs import ok_button
from tests.helpers.small_city import USERS
from widgets.about_dialog import AboutDialog
from widgets.login_dialog import LoginDialog
from widgets.settings_dialog import SettingsDialog

# -- login


def test_login_groups_users_by_post_with_their_area(qtbot, context, settings: Settings) -> None:
    dialog = LoginDialog(context.users, settings, context.workspace)
    qtbot.addWidget(dialog)
    groups = {
        group.text(0): [
            (item.text(0), item.text(1)) for item in dialog._user_items() if item.parent() is group
        ]
        for group in dialog._groups()
    }
    assert groups == {
        "Supervisory post": [("王建国", "毕节市")],
        "County manager": [("李敏", "七星关区")],
        "Acceptance post": [("张伟", "大方县 · 大方县交警中队")],
        "Duty manager": [("陈静", "毕节市")],
    }
    assert not dialog._groups()[0].flags() & Qt.ItemFlag.ItemIsSelectable
    assert "platform connection" in dialog._note.text()
    assert ok_button(dialog).text() == "Sign in"


def test_login_returns_the_chosen_user_and_remembers_it(qtbot, context, settings: Settings) -> None:
    dialog = LoginDialog(context.users, settings, context.workspace)
    qtbot.addWidget(dialog)
    assert dialog.selected_user() == USERS[0]  # nothing remembered yet: the first user
    assert dialog.select_login("limin")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    chosen = dialog.selected_user()
    assert chosen is not None and chosen.post is Post.COUNTY_MANAGER
    assert settings.last_user_login == "limin"

    again = LoginDialog(context.users, settings, context.workspace)
    qtbot.addWidget(again)
    remembered = again.selected_user()
    assert remembered is not None and remembered.login == "limin"


def test_login_without_workspace_and_inactive_users(qtbot, settings: Settings) -> None:
    users = [USERS[0], replace(USERS[1], active=False)]
    dialog = LoginDialog(users, settings)
    qtbot.addWidget(dialog)
    assert [item.text(0) for item in dialog._user_items()] == ["王建国"]
    assert dialog._user_items()[0].text(1) == "City"
    dialog.user_list.clearSelection()
    assert not ok_button(dialog).isEnabled()


# -- settings


def test_settings_round_trip(qtbot, context, settings: Settings) -> None:
    dialog = SettingsDialog(settings, context.database, analysis=AnalysisOff())
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "system"
    assert (dialog.absence_spin.value(), dialog.leaves_spin.value(), dialog.late_early_spin.value()) == (
        15,
        2,
        30,
    )
    assert dialog.absence_spin.suffix() == " min"

    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.database_edit.setText("postgresql+psycopg://console@db.example/liangjiao")
    dialog.absence_spin.setValue(20)
    dialog.leaves_spin.setValue(3)
    dialog.late_early_spin.setValue(45)
    dialog.sound_check.setChecked(False)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changed == {"language", "database_url", "rules", "notifications"}

    reread = Settings(settings.file_name)
    assert reread.language == "en"
    assert reread.database_url == "postgresql+psycopg://console@db.example/liangjiao"
    assert reread.classroom_rules == ClassroomRules(20, 3, 45)
    assert reread.sound is False

    shown = SettingsDialog(reread, context.database, analysis=AnalysisOff())
    qtbot.addWidget(shown)
    assert shown.language_combo.currentData() == "en"
    assert shown.late_early_spin.value() == 45
    assert shown.database_edit.text() == "postgresql+psycopg://console@db.example/liangjiao"


def test_settings_refuse_bad_input(qtbot, context, settings: Settings) -> None:
    dialog = SettingsDialog(settings, context.database, analysis=AnalysisOff())
    qtbot.addWidget(dialog)
    dialog.show()
    for url, words in [
        ("postgresql+psycopg://console:hunter2@db/liangjiao", "keyring"),
        ("mysql://db/liangjiao", "sqlite:///"),
        ("postgresql+psycopg:///liangjiao", "host"),
    ]:
        dialog.database_edit.setText(url)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
        assert dialog.error_label.isVisible() and words in dialog.error_label.text()
    assert settings.database_url == ""
    dialog.database_edit.setText("")
    assert not dialog.error_label.isVisible()  # editing clears the message
    dialog.absence_spin.setValue(100_000)
    assert dialog.absence_spin.value() == ClassroomRules.ABSENCE_RANGE[1]


def test_settings_show_the_database_in_use_masked(qtbot, settings: Settings) -> None:
    database = DatabaseInfo("postgresql", "postgresql+psycopg://console:pw@db/liangjiao")
    dialog = SettingsDialog(settings, database, analysis=AnalysisOff())
    qtbot.addWidget(dialog)
    assert "console:***@db" in dialog._db_in_use.text() and ":pw@" not in dialog._db_in_use.text()
    assert "restart" in dialog._db_note.text()


# -- about


def test_about_lists_names_versions_and_database(qtbot, context) -> None:
    context = dataclasses.replace(
        context,
        database=DatabaseInfo("postgresql", "postgresql+psycopg://console:pw@db/liangjiao", "0003_events"),
    )
    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    report = dialog.report()
    texts = [label.text() for label in dialog.findChildren(type(dialog._version))]
    assert "两个教育监督台" in texts and "Liangjiao Console" in texts
    assert dialog._version.text() == "Version 0.1.0"
    for component in ("Qt", "PySide6", "PyAV", "FFmpeg", "dlib", "SQLAlchemy", "Python"):
        assert f"\n{component}: " in report
    assert "PyAV: 18.1.0" in report and "dlib: 20.0.1" in report
    assert "PostgreSQL" in texts and "0003_events" in texts
    assert ":pw@" not in report and ":pw@" not in " ".join(texts)
