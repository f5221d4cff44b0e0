"""Coverage gaps (revision 0009): upsert by key, close what a crash left open, list a day's.

Never commits: the caller owns the transaction (app/gap_recorder.py writes from the supervisor's
thread; the Dashboard reads on the TaskRunner).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.domain.coverage_gaps import CoverageGap, Subsystem
from app.persistence.orm.coverage_gaps import CoverageGapRow


def _domain(row: CoverageGapRow) -> CoverageGap:
    return CoverageGap(
        key=row.key,
        subsystem=Subsystem(row.subsystem),
        started_at=row.started_at,
        ended_at=row.ended_at,
        reason=row.reason,
        camera_ids=tuple(int(c) for c in json.loads(row.camera_ids or "[]")),
        workstation=row.workstation,
        end_basis=row.end_basis,
    )


class CoverageGapRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, gap: CoverageGap, heartbeat_at: datetime | None = None) -> None:
        """Insert the gap, or update the row with its key (a retried write, or the gap's end)."""
        row = self._session.scalars(select(CoverageGapRow).where(CoverageGapRow.key == gap.key)).first()
        if row is None:
            row = CoverageGapRow(key=gap.key)
            self._session.add(row)
        row.subsystem = gap.subsystem.value
        row.workstation = gap.workstation
        row.camera_ids = json.dumps(sorted(gap.camera_ids))
        row.started_at = gap.started_at
        row.ended_at = gap.ended_at
        row.end_basis = gap.end_basis
        row.reason = gap.reason
        if heartbeat_at is not None:
            row.heartbeat_at = heartbeat_at
        self._session.flush()

    def heartbeat(self, workstation: str, at: datetime) -> int:
        """Say this workstation's open gaps are still open at `at`; how many rows."""
        result = self._session.execute(
            update(CoverageGapRow)
            .where(CoverageGapRow.workstation == workstation, CoverageGapRow.ended_at.is_(None))
            .values(heartbeat_at=at)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def close_left_open(self, workstation: str) -> list[CoverageGap]:
        """At start-up: gaps this workstation left open when it stopped without closing them (a crash,
        a kill). Each ends at its last heartbeat — the last moment the console was known to be up
        with the gap open — or at its start when none was written. The time the console itself was
        not running is not claimed as a gap of its subsystems."""
        rows = self._session.scalars(
            select(CoverageGapRow).where(
                CoverageGapRow.workstation == workstation, CoverageGapRow.ended_at.is_(None)
            )
        ).all()
        for row in rows:
            row.ended_at = max(row.heartbeat_at or row.started_at, row.started_at)
            row.end_basis = "last-heartbeat"
        self._session.flush()
        return [_domain(row) for row in rows]

    def touching(self, start: datetime, end: datetime, workstation: str | None = None) -> list[CoverageGap]:
        """Gaps that overlap [start, end] (open ones included), oldest first."""
        query = select(CoverageGapRow).where(
            CoverageGapRow.started_at <= end,
            or_(CoverageGapRow.ended_at.is_(None), CoverageGapRow.ended_at >= start),
        )
        if workstation is not None:
            query = query.where(CoverageGapRow.workstation == workstation)
        rows = self._session.scalars(query.order_by(CoverageGapRow.started_at, CoverageGapRow.id)).all()
        return [_domain(row) for row in rows]
