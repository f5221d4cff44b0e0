"""Quitting while the console supervises: say what stops, and let the officer change their mind.

Closing the window stops recording the wall's cameras and face analysis (nothing is watched or
recorded until the console runs again) and delivering the event journal's waiting entries (they
stay on this workstation's disk; entries its disk refused are lost), so File → Quit, Ctrl+Q and the
window's close button ask first when any of these is the case. The operating system shutting down
(SIGTERM) does not ask: it gets the same orderly close without the question
(widgets/console_startup.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.context import AppContext
from app.journal_status import JournalStatus
from widgets.journal_texts import quit_consequence, quit_work


def running_work(context: AppContext) -> list[str]:
    """What stops when the console closes, in words; [] when nothing runs. Reads only in-memory
    state (the recorders' list, the cameras analysis was planned on): safe on the GUI thread."""
    work = []
    cameras = len(context.recording.recording_cameras())
    if cameras:
        work.append(QCoreApplication.translate("QuitGuard", "recording of %n camera(s)", "", cameras))
    analysed = len(context.analysis.analysed)
    if analysed:
        work.append(QCoreApplication.translate("QuitGuard", "face analysis of %n camera(s)", "", analysed))
    waiting = quit_work(context.journal.status())
    if waiting:
        work.append(waiting)
    return work


def confirm_quit(parent: QWidget, work: list[str], journal: JournalStatus) -> bool:
    """True when the officer chooses to quit although `work` stops; "Keep running" is the default.
    `journal` adds what becomes of the events still waiting (a warning when some would be lost)."""
    consequence = quit_consequence(journal)
    losing = journal.held_in_memory > 0
    box = QMessageBox(
        QMessageBox.Icon.Warning if losing else QMessageBox.Icon.Question,
        QCoreApplication.translate("QuitGuard", "Quit Liangjiao Console"),
        QCoreApplication.translate("QuitGuard", "Quitting stops %1.").replace(
            "%1", QCoreApplication.translate("QuitGuard", " and ").join(work)
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("quitConfirmation")
    informative = QCoreApplication.translate(
        "QuitGuard", "Nothing is watched or recorded until the console runs again."
    )
    box.setInformativeText(f"{consequence}\n\n{informative}" if consequence else informative)
    quit_button = box.addButton(
        QCoreApplication.translate("QuitGuard", "Quit"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(
        box.addButton(
            QCoreApplication.translate("QuitGuard", "Keep running"), QMessageBox.ButtonRole.RejectRole
        )
    )
    box.exec()
    return box.clickedButton() is quit_button
