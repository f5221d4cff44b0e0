"""Leases behind spot-check claims: when each claim was taken, and taking back the abandoned ones.

A claim whose lease is older than DEFAULT_LEASE (the workstation crashed, the officer went home with
photos in the prefetch buffer) is handed back to the queue by the next officer who claims; the hand-
back is audited as `spot_check.claim_expired`. An officer who then gives a verdict on an expired item
gets ClaimLostError, as if a colleague had taken it.

PostgreSQL: only one workstation expires at a time (a transaction-scoped advisory *try* lock: the
others skip expiry rather than wait), so two expiring transactions never lock the same rows in
different orders. SQLite: writing() already serialises writers.

Threads: blocking; called from SpotCheckQueue on a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from app.domain.enums import SpotCheckVerdict
from app.persistence.orm import SpotCheckClaimRow, SpotCheckRow
from app.review.audit_chain import append_entry

DEFAULT_LEASE = timedelta(minutes=30)
_EXPIRY_LOCK_KEY = 0x4C4A434C41494D  # "LJCLAIM"


def start_leases(session: Session, check_ids: Sequence[int], user_id: int, now: datetime) -> None:
    if not check_ids:
        return
    session.execute(delete(SpotCheckClaimRow).where(SpotCheckClaimRow.spot_check_id.in_(list(check_ids))))
    session.execute(
        insert(SpotCheckClaimRow),
        [{"spot_check_id": check_id, "user_id": user_id, "claimed_at": now} for check_id in check_ids],
    )


def end_leases(session: Session, check_ids: Sequence[int]) -> None:
    if check_ids:
        session.execute(delete(SpotCheckClaimRow).where(SpotCheckClaimRow.spot_check_id.in_(list(check_ids))))


def expire_stale(session: Session, now: datetime, lease: timedelta = DEFAULT_LEASE) -> list[int]:
    """Hand back pending items whose claim is older than `lease`; returns their ids (audited)."""
    if session.get_bind().dialect.name == "postgresql":
        got = session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _EXPIRY_LOCK_KEY})
        if not got:
            return []  # another workstation is doing it right now
    cutoff = now - lease
    stale = session.execute(
        select(SpotCheckClaimRow.spot_check_id, SpotCheckClaimRow.user_id)
        .where(SpotCheckClaimRow.claimed_at < cutoff)
        .order_by(SpotCheckClaimRow.spot_check_id)
    ).all()
    if not stale:
        return []
    ids = [check_id for check_id, _user in stale]
    session.execute(
        update(SpotCheckRow)
        .where(SpotCheckRow.id.in_(ids), SpotCheckRow.verdict == SpotCheckVerdict.PENDING)
        .values(claimed_by=None)
    )
    end_leases(session, ids)
    holders = sorted({user for _check, user in stale})
    append_entry(
        session,
        None,
        "spot_check.claim_expired",
        f"spot_checks:{len(ids)}",
        {"ids": ids, "held_by": holders},
        at=now,
    )
    return ids
