"""The Dashboard's line about face-analysis gaps today: how many, how long, and the current one.

Fed with the GapSummary that AppContext.dashboard computed on the TaskRunner
(app/dashboard_source.py); this widget only formats it (GUI thread, no I/O). Hidden on a day
without gaps; shown as an error while a gap is open (analysis is being restarted).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.coverage_gaps import SWITCHED_OFF, GapSummary


def clock_text(span: timedelta) -> str:
    """mm:ss, or h:mm:ss from an hour on."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class AnalysisGapLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneStatus")
        self._summary: GapSummary | None = None
        self.setVisible(False)

    def show_summary(self, summary: GapSummary | None) -> None:
        self._summary = summary
        self.retranslate()

    def retranslate(self) -> None:
        summary = self._summary
        if summary is None or summary.count == 0:
            self.setVisible(False)
            self.setText("")
            return
        text = (
            self.tr("Analysis gaps today: %1, total %2")
            .replace("%1", str(summary.count))
            .replace("%2", clock_text(summary.total))
        )
        current = summary.current
        tip = self.tr("Time in which face analysis did not run (a worker crash or hang, enrolment failing, "
                      "analysis switched off); it is not counted as watched time.")  # fmt: skip
        if current is not None and current.reason == SWITCHED_OFF:
            text += self.tr(" · switched off since %1").replace("%1", f"{current.started_at:%H:%M:%S}")
        elif current is not None:
            text += self.tr(" · paused since %1, restarting").replace("%1", f"{current.started_at:%H:%M:%S}")
            tip += "\n" + self.tr("Current gap: %1").replace("%1", current.reason)
        self.setText(text)
        self.setToolTip(tip)
        self.setProperty("error", current is not None)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setVisible(True)
