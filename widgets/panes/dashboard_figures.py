"""The Dashboard's row of figures: what each counts, what a click on it opens, and its words.

A click anywhere on the Dashboard becomes a DrillDown for the main window: the pane to show and,
for the Events pane, the filter. The words keep the "DashboardPane" translation context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from app.domain.enums import EventKind, EventState, Severity
from app.domain.people import Scope


@dataclass(frozen=True, slots=True)
class DrillDown:
    """What a click on the Dashboard asks the window to show: a pane, and for the Events pane the
    filter (`scope`: narrow the whole window to a county or site first; `hour`: of today)."""

    pane: str
    scope: Scope | None = None
    kind: EventKind | None = None
    state: EventState | str | None = None
    period: str = "all"
    hour: int | None = None
    severities: frozenset[Severity] = field(default_factory=frozenset)


# (field, needs attention when non-zero, what a click opens): happening now, then waiting.
FIGURES: tuple[tuple[str, bool, DrillDown], ...] = (
    ("classrooms_in_session", False, DrillDown("video_wall")),
    ("classrooms_watched", False, DrillDown("video_wall")),
    ("classrooms_recorded", False, DrillDown("recordings")),
    ("events_new", True, DrillDown("events", state=EventState.NEW)),
    (
        "high_unclaimed",
        True,
        DrillDown("events", state=EventState.NEW, severities=frozenset({Severity.HIGH})),
    ),
    ("completions_pending", True, DrillDown("completions")),
    ("spot_checks_pending", True, DrillDown("spot_check")),
)


def figure_texts() -> dict[str, tuple[str, str, str]]:
    """Each figure's (caption, short caption, tooltip) in the current language. The short one is
    used when the full captions do not fit on one line, and on the collapsed pane."""

    return {
        "classrooms_in_session": (
            QCoreApplication.translate("DashboardPane", "Classes in session"),
            QCoreApplication.translate("DashboardPane", "In session"),
            QCoreApplication.translate(
                "DashboardPane", "Classrooms with a class in session now: open the video wall"
            ),
        ),
        "classrooms_watched": (
            QCoreApplication.translate("DashboardPane", "Watched by analysis"),
            QCoreApplication.translate("DashboardPane", "Watched"),
            QCoreApplication.translate(
                "DashboardPane", "Classrooms in session whose camera face analysis is watching now"
            ),
        ),
        "classrooms_recorded": (
            QCoreApplication.translate("DashboardPane", "Being recorded"),
            QCoreApplication.translate("DashboardPane", "Recorded"),
            QCoreApplication.translate(
                "DashboardPane", "Classrooms in session being recorded now: open the recordings"
            ),
        ),
        "events_new": (
            QCoreApplication.translate("DashboardPane", "New events"),
            QCoreApplication.translate("DashboardPane", "New"),
            QCoreApplication.translate(
                "DashboardPane", "Events nobody has claimed yet: open them in the Events pane"
            ),
        ),
        "high_unclaimed": (
            QCoreApplication.translate("DashboardPane", "High severity, unclaimed"),
            QCoreApplication.translate("DashboardPane", "High"),
            QCoreApplication.translate(
                "DashboardPane", "High-severity events nobody has claimed: open them in the Events pane"
            ),
        ),
        "completions_pending": (
            QCoreApplication.translate("DashboardPane", "Completions to review"),
            QCoreApplication.translate("DashboardPane", "Completions"),
            QCoreApplication.translate(
                "DashboardPane", "Completions waiting for a decision: open the Completions pane"
            ),
        ),
        "spot_checks_pending": (
            QCoreApplication.translate("DashboardPane", "Spot-checks waiting"),
            QCoreApplication.translate("DashboardPane", "Spot-checks"),
            QCoreApplication.translate(
                "DashboardPane", "Sampled study photos waiting for a verdict: open the Spot-check pane"
            ),
        ),
    }
