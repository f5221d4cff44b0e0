"""About: the name in both languages, the version, the components and the database in use.

Versions come from AppContext.versions (collected by the composition root, which may import PyAV and
dlib); only Qt, PySide6 and Python, which are loaded anyway, are filled in here when missing.
"""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.url_masking import mask_url
from app.versions import APP_NAME, APP_NAME_ZH
from widgets.resources import icon

# Keys under which the composition root may report the console's own version.
APP_VERSION_KEYS = ("app", "liangjiao console", "liangjiao-console")
# Shown in this order; any other component in AppContext.versions follows alphabetically.
COMPONENTS = ("Qt", "PySide6", "PyAV", "FFmpeg", "dlib", "SQLAlchemy", "Python")


def component_versions(reported: dict[str, str]) -> list[tuple[str, str]]:
    """(component, version) rows; None-free, case-insensitive on the reported names."""
    by_name = {k.lower(): v for k, v in reported.items()}
    local = {"qt": qVersion(), "pyside6": PySide6.__version__, "python": platform.python_version()}
    rows = [(name, by_name.get(name.lower()) or local.get(name.lower(), "")) for name in COMPONENTS]
    known = {n.lower() for n in COMPONENTS} | set(APP_VERSION_KEYS)
    rows += sorted((k, v) for k, v in reported.items() if k.lower() not in known)
    return rows


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self._context = context
        self._rows = component_versions(context.versions)

        logo = QLabel(self)
        logo.setPixmap(icon("app").pixmap(64, 64))
        names = QVBoxLayout()
        zh = QLabel(APP_NAME_ZH, self)
        zh.setObjectName("dialogTitle")
        en = QLabel(APP_NAME, self)
        en.setObjectName("dialogSubtitle")
        self._version = QLabel(self)
        for label in (zh, en, self._version):
            names.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(names, 1)

        self._form = QFormLayout()
        self._value_labels: list[QLabel] = []
        for name, version in self._rows:
            value = QLabel(version, self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._value_labels.append(value)
            self._form.addRow(name + ":", value)
        self._db_backend, self._db_url, self._db_revision = QLabel(self), QLabel(self), QLabel(self)
        self._db_url.setWordWrap(True)
        self._db_url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._db_row_labels = [QLabel(self), QLabel(self), QLabel(self)]
        for caption, value in zip(
            self._db_row_labels, (self._db_backend, self._db_url, self._db_revision), strict=True
        ):
            self._form.addRow(caption, value)

        self._copy = QPushButton(self)
        self._copy.clicked.connect(self._copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(self._form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def _app_version(self) -> str:
        return next((v for k, v in self._context.versions.items() if k.lower() in APP_VERSION_KEYS), "")

    def report(self) -> str:
        """Plain-text summary for support requests (copied with the Copy button)."""
        lines = [f"{APP_NAME_ZH} / {APP_NAME} {self._app_version()}".rstrip()]
        lines += [f"{name}: {version or '-'}" for name, version in self._rows]
        db = self._context.database
        lines.append(f"Database: {db.backend} {mask_url(db.display_url)} {db.schema_revision}".rstrip())
        return "\n".join(lines)

    def _copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Liangjiao Console"))
        version = self._app_version() or self.tr("development build")
        self._version.setText(self.tr("Version %1").replace("%1", version))
        not_reported = self.tr("not reported")
        for label, (_name, version) in zip(self._value_labels, self._rows, strict=True):
            label.setText(version or not_reported)
        db = self._context.database
        captions = (self.tr("Database:"), self.tr("Address:"), self.tr("Schema revision:"))
        for label, caption in zip(self._db_row_labels, captions, strict=True):
            label.setText(caption)
        self._db_backend.setText({"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(db.backend, db.backend))
        self._db_url.setText(mask_url(db.display_url))
        self._db_revision.setText(db.schema_revision or not_reported)
        self._copy.setText(self.tr("Copy details"))
        self._buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
