"""Tables of the review work (revision 0004): the lease behind each spot-check claim.

`spot_checks.claimed_by` says who holds an item; `spot_check_claims` says since when, so a claim left
behind by a workstation that crashed or was switched off can be taken over after a lease expires
instead of locking the photo away for good. One row per claimed item; deleted with the claim.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.column_types import NaiveDateTime
from app.persistence.orm.base import Base


class SpotCheckClaimRow(Base):
    __tablename__ = "spot_check_claims"

    spot_check_id: Mapped[int] = mapped_column(
        ForeignKey("spot_checks.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(Integer)  # no FK: like the audit log, outlives a removed user
    claimed_at: Mapped[datetime] = mapped_column(NaiveDateTime, index=True)
