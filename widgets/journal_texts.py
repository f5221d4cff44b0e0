"""The event journal's state in words: the status bar's figure, its tooltip, the alert and quitting.

The journal (app/journal_status.py) keeps what the console flagged on this workstation's disk until
the database takes it. Officers need three different sentences from it: a calm count while the
database is away (nothing is lost, it waits), an alarm when the workstation's own disk refuses
(events then live only in memory), and, when quitting, what happens to what still waits.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication

from app.journal_status import JournalStatus


class JournalLevel(Enum):
    STORED = "stored"  # everything is in the database
    WAITING = "waiting"  # entries wait on this workstation's disk: safe, not yet shared
    ENDANGERED = "endangered"  # the local disk refuses: entries live in memory only


def journal_level(status: JournalStatus) -> JournalLevel:
    if status.disk_problem is not None:
        return JournalLevel.ENDANGERED
    return JournalLevel.WAITING if status.waiting or status.stuck else JournalLevel.STORED


def journal_summary(status: JournalStatus) -> str:
    """The status bar's short text."""
    level = journal_level(status)
    if level is JournalLevel.ENDANGERED:
        held = max(status.held_in_memory, 1)
        return QCoreApplication.translate(
            "EventJournal", "%n event(s) not saved on this workstation", "", held
        )
    if level is JournalLevel.WAITING:
        waiting, stuck = status.waiting, status.stuck
        text = QCoreApplication.translate("EventJournal", "%n event(s) waiting for the database", "", waiting)
        if stuck:
            text += " · " + QCoreApplication.translate("EventJournal", "%n refused as faulty", "", stuck)
        return text
    return QCoreApplication.translate("EventJournal", "All events stored")


def journal_details(status: JournalStatus, now: datetime | None = None) -> str:
    """The tooltip: what waits since when, and why."""
    intro = QCoreApplication.translate(
        "EventJournal",
        "Flagged events, stream outages and recording index rows are kept on this workstation's disk "
        "until the database has stored them.",
    )
    lines = [intro]
    waiting = status.waiting  # lupdate misses a plural call whose count is an attribute
    if waiting:
        lines.append(QCoreApplication.translate("EventJournal", "%n entry(ies) waiting.", "", waiting))
    if status.oldest_at is not None:
        minutes = max(int(((now or datetime.now()) - status.oldest_at).total_seconds() // 60), 0)
        waited = QCoreApplication.translate(
            "EventJournal", "The oldest has waited since %1 (%n min).", "", minutes
        )
        lines.append(waited.replace("%1", status.oldest_at.strftime("%H:%M:%S")))
    stuck = status.stuck
    if stuck:
        kept = QCoreApplication.translate(
            "EventJournal",
            "%n entry(ies) the database refused as faulty: kept on this disk, tried again at the next "
            "start. Please report this to support.",
            "",
            stuck,
        )
        lines.append(kept)
    if status.database_problem:
        refuses = QCoreApplication.translate("EventJournal", "The database refuses: %1")
        lines.append(refuses.replace("%1", status.database_problem))
    if status.disk_problem:
        refuses = QCoreApplication.translate(
            "EventJournal", "This workstation's disk refuses the journal: %1"
        )
        lines.append(refuses.replace("%1", status.disk_problem))
    return "\n".join(lines)


def disk_alert(status: JournalStatus) -> str:
    """The red banner across the window while the local disk refuses the journal."""
    refuses = QCoreApplication.translate(
        "EventJournal", "This workstation's disk refuses to save the event journal (%1)."
    )
    n = status.held_in_memory
    held = QCoreApplication.translate(
        "EventJournal",
        "%n event(s) are held in memory only: quitting, a crash or a power cut now loses them.",
        "",
        n,
    )
    act = QCoreApplication.translate("EventJournal", "Free disk space now or call the administrator.")
    return " ".join((refuses.replace("%1", status.disk_problem or ""), held, act))


def quit_work(status: JournalStatus) -> str | None:
    """What quitting stops, as one item of the quit question's list; None when nothing waits."""
    held, waiting = status.held_in_memory, status.waiting
    if held:
        return QCoreApplication.translate(
            "EventJournal", "saving %n event(s) this workstation's disk refused", "", held
        )
    if waiting:
        return QCoreApplication.translate(
            "EventJournal", "delivering %n waiting event(s) to the database", "", waiting
        )
    return None


def quit_consequence(status: JournalStatus) -> str | None:
    """The quit question's warning about the journal; None when nothing waits."""
    held, waiting = status.held_in_memory, status.waiting
    if held:
        return QCoreApplication.translate(
            "EventJournal",
            "%n event(s) could not be written to this workstation's disk and are LOST if you quit now.",
            "",
            held,
        )
    if waiting:
        return QCoreApplication.translate(
            "EventJournal",
            "%n waiting event(s) stay on this workstation's disk and are delivered when the console "
            "runs here again.",
            "",
            waiting,
        )
    return None
