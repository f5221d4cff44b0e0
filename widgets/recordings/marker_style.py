"""How events, bookmarks and locks look on the timeline: one colour per event kind, and tooltips.

The kind colours are chosen so that 替学 (face mismatch) reads as the alarm it is (the Events pane's
high-severity red) and a lost stream as a grey technical fault; the others are distinct hues that
stay readable on the dark timeline. Labels come from widgets.labels so both panes say the same words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.domain.enums import EventKind
from app.playback.review_model import Bookmark, EventMarker, EvidenceLock
from widgets.labels import EVENT_KIND_COLOURS, event_kind_label, event_state_label, severity_label

KIND_COLOURS = EVENT_KIND_COLOURS  # shared with the Dashboard's charts
COVERAGE = QColor("#2f8f5b")
GAP = QColor(120, 40, 40, 110)
BOOKMARK = QColor("#58a6ff")
LOCK = QColor("#e3b341")
PLAYHEAD = QColor("#ffffff")
SELECTION = QColor(88, 166, 255, 60)


def kind_colour(kind: EventKind) -> QColor:
    return QColor(KIND_COLOURS[kind])


def marker_tooltip(marker: EventMarker) -> str:
    """Kind, learner, state, severity and time of an event marker, one fact per line."""
    lines = [event_kind_label(marker.kind)]
    if marker.learner_name:
        lines.append(
            QCoreApplication.translate("RecordingLabels", "Learner: %1").replace("%1", marker.learner_name)
        )
    lines.append(
        QCoreApplication.translate("RecordingLabels", "State: %1 · severity %2")
        .replace("%1", event_state_label(marker.state))
        .replace("%2", severity_label(marker.severity))
    )
    started = marker.started_at.strftime("%H:%M:%S")
    if marker.ended_at is None:
        lines.append(
            QCoreApplication.translate("RecordingLabels", "From %1, still open").replace("%1", started)
        )
    else:
        ended = marker.ended_at.strftime("%H:%M:%S")
        lines.append(
            QCoreApplication.translate("RecordingLabels", "%1 – %2")
            .replace("%1", started)
            .replace("%2", ended)
        )
    lines.append(QCoreApplication.translate("RecordingLabels", "Click to play from here"))
    return "\n".join(lines)


def bookmark_tooltip(bookmark: Bookmark) -> str:
    note = bookmark.note or QCoreApplication.translate("RecordingLabels", "(no note)")
    return (
        QCoreApplication.translate("RecordingLabels", "Bookmark %1: %2")
        .replace("%1", bookmark.at.strftime("%H:%M:%S"))
        .replace("%2", note)
    )


def lock_text(lock: EvidenceLock) -> str:
    span = f"{lock.start:%H:%M:%S} – {lock.end:%H:%M:%S}"
    reason = lock.reason or QCoreApplication.translate("RecordingLabels", "(no reason given)")
    return (
        QCoreApplication.translate("RecordingLabels", "Evidence lock %1: %2")
        .replace("%1", span)
        .replace("%2", reason)
    )
