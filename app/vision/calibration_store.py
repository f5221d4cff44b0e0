"""The workspace's verification threshold per embedding model, and the verdict parameters built on it.

A calibration (app/vision/calibration.py) is stored in workspace_meta `vision.calibration.<embedding
id>` as a JSON object of its figures plus `calibrated_at`, the naive local time it was saved
(calibrations saved before that field existed read as "date not recorded"). `verdict_parameters`
is the one answer to "which threshold judges a face of this embedding model": an operator's fixed
value, else the calibration, else dlib's customary 0.6 — with where it came from. The photo scorer
judges with it and records it per photo; the review view reads today's with
`workspace_parameters` to say when a photo was scored under another line.

No dlib, no OpenCV: the review queue calls this on a TaskRunner worker in the console's process.
Every function takes an open SQLAlchemy session (the caller's transaction).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.face_verdict import DetectorSetting, ThresholdSource, VerdictParameters, parse_time
from app.persistence.orm import WorkspaceMetaRow
from app.persistence.repositories import MetaRepository
from app.vision.face_engine import DEFAULT_THRESHOLD

META_PREFIX = "vision.calibration."


@dataclass(frozen=True, slots=True)
class StoredCalibration:
    embedding_id: str
    threshold: float
    calibrated_at: datetime | None  # None: saved before the date was recorded
    target_fmr: float | None = None


def meta_key(embedding_id: str) -> str:
    return f"{META_PREFIX}{embedding_id}"


def save_figures(session: Session, embedding_id: str, figures: Mapping[str, Any], at: datetime) -> None:
    """Store a calibration's figures (with "threshold") and the time it was saved."""
    record = {**figures, "calibrated_at": at.replace(microsecond=0, tzinfo=None).isoformat()}
    MetaRepository(session).set(meta_key(embedding_id), json.dumps(record, ensure_ascii=False))


def _parse(embedding_id: str, text: str | None) -> StoredCalibration | None:
    if not text:
        return None
    try:
        figures = json.loads(text)
        threshold = float(figures["threshold"])
    except (ValueError, KeyError, TypeError):
        return None
    fmr = figures.get("target_fmr")
    return StoredCalibration(
        embedding_id,
        threshold,
        parse_time(figures.get("calibrated_at")),
        float(fmr) if isinstance(fmr, int | float) else None,
    )


def stored_calibration(session: Session, embedding_id: str) -> StoredCalibration | None:
    """The workspace's calibration for this embedding model, or None when never calibrated."""
    return _parse(embedding_id, MetaRepository(session).get(meta_key(embedding_id)))


def stored_calibrations(session: Session) -> list[StoredCalibration]:
    """Every embedding model's calibration, the most recently calibrated first (undated last)."""
    rows = session.execute(
        select(WorkspaceMetaRow.key, WorkspaceMetaRow.value).where(
            WorkspaceMetaRow.key.startswith(META_PREFIX)
        )
    )
    found = [
        calibration
        for key, value in rows
        if (calibration := _parse(key.removeprefix(META_PREFIX), value)) is not None
    ]
    return sorted(found, key=lambda c: (c.calibrated_at or datetime.min, c.embedding_id), reverse=True)


def verdict_parameters(
    session: Session,
    embedding_id: str,
    detector: DetectorSetting | None = None,
    given: float | None = None,
) -> VerdictParameters:
    """The threshold that judges faces of `embedding_id`: `given`, else the calibration, else 0.6."""
    if given is not None:
        return VerdictParameters(given, ThresholdSource.GIVEN, None, embedding_id, detector)
    stored = stored_calibration(session, embedding_id)
    if stored is not None:
        return VerdictParameters(
            stored.threshold, ThresholdSource.CALIBRATION, stored.calibrated_at, embedding_id, detector
        )
    return VerdictParameters(DEFAULT_THRESHOLD, ThresholdSource.DEFAULT, None, embedding_id, detector)


def workspace_parameters(session: Session, embedding_id: str | None) -> VerdictParameters:
    """Today's parameters for `embedding_id`; when it is not known (a photo scored before the
    parameters were recorded, or not scored yet), the workspace's most recent calibration; dlib's
    default when the workspace was never calibrated."""
    if embedding_id:
        return verdict_parameters(session, embedding_id)
    calibrations = stored_calibrations(session)
    if calibrations:
        return verdict_parameters(session, calibrations[0].embedding_id)
    return VerdictParameters(DEFAULT_THRESHOLD, ThresholdSource.DEFAULT)
