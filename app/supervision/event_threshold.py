"""Which face-distance threshold an event's distance is to be read against, and where it came from.

Events do not store the threshold they were judged with, so the detail shows the workspace's
calibrated threshold (what live analysis loads at start: app.vision.calibration, workspace_meta
`vision.calibration.<embedding id>`) and says so, with the calibration's date when it recorded one.
Reading the stored JSON here rather than through app.vision keeps the Events pane's worker free of
numpy and OpenCV imports; tests/unit/supervision/test_event_threshold.py writes a calibration with
app.vision's own `save_calibration` and reads it back with this, so the two cannot drift apart.

Blocking (one short read transaction); runs on a TaskRunner worker with the event's detail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.persistence.repositories import MetaRepository

CALIBRATION_PREFIX = "vision.calibration."  # app.vision.calibration's workspace_meta key, before the id
# Keys a calibration may carry its date under (older calibrations carry none).
DATE_KEYS = ("calibrated_at", "calibrated_on", "saved_at", "date")


@dataclass(frozen=True, slots=True)
class EventThreshold:
    value: float
    source: str  # "calibrated": the workspace's calibration (the only source events have today)
    embedding_id: str = ""
    calibrated_on: str = ""  # ISO date (or date and time) when recorded, else ""
    target_fmr: float | None = None

    def separates(self, distance: float) -> bool:
        """True when `distance` lies beyond the threshold: not the same person."""
        return distance > self.value


def _calibrations(session: Session) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for key, text in MetaRepository(session).all().items():
        if not key.startswith(CALIBRATION_PREFIX):
            continue
        try:
            figures = json.loads(text)
            float(figures["threshold"])
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(figures, dict):
            found[key.removeprefix(CALIBRATION_PREFIX)] = figures
    return found


def _date(figures: dict[str, object]) -> str:
    return next((str(figures[k]) for k in DATE_KEYS if figures.get(k)), "")


def event_threshold(session: Session, engine: str) -> EventThreshold | None:
    """The calibrated threshold for an event raised by `engine` (its engine id); None when the
    workspace was never calibrated. With several calibrations, the one made with the same engine,
    else the newest (as app.vision's calibration store chooses)."""
    calibrations = _calibrations(session)
    if not calibrations:
        return None
    same_engine = sorted(k for k, f in calibrations.items() if engine and f.get("engine_id") == engine)
    # Otherwise the newest (undated last; the stable sort keeps the ids' order among equals).
    newest = sorted(sorted(calibrations), key=lambda k: _date(calibrations[k]), reverse=True)
    embedding_id = same_engine[0] if same_engine else newest[0]
    figures = calibrations[embedding_id]
    when = _date(figures)
    fmr = figures.get("target_fmr")
    return EventThreshold(
        value=float(figures["threshold"]),  # type: ignore[arg-type]
        source="calibrated",
        embedding_id=embedding_id,
        calibrated_on=when,
        target_fmr=float(fmr) if isinstance(fmr, int | float) else None,
    )
