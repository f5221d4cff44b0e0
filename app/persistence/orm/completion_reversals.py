"""Table of decisions taken back (revision 0006): each reversal keeps the decision it undid.

Reversing puts the completion back to PENDING; the row here is the only place the earlier
approval or rejection (state, officer, time, reason) survives, beside the audit chain, so it is
never updated or deleted. User ids carry no foreign key, like the audit log: history outlives a user.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.casework import CompletionReversal
from app.domain.enums import CompletionState
from app.persistence.column_types import NaiveDateTime, StrEnumColumn
from app.persistence.orm.base import Base


class CompletionReversalRow(Base):
    __tablename__ = "completion_reversals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    completion_id: Mapped[int] = mapped_column(ForeignKey("completions.id"), index=True)
    previous_state: Mapped[CompletionState] = mapped_column(StrEnumColumn(CompletionState))
    previous_decided_by: Mapped[int | None] = mapped_column(Integer)
    previous_decided_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    previous_reason: Mapped[str] = mapped_column(Text, default="")
    reversed_by: Mapped[int] = mapped_column(Integer)
    reversed_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    reason: Mapped[str] = mapped_column(Text)

    @staticmethod
    def values_from(reversal: CompletionReversal) -> dict[str, Any]:
        return {
            "id": reversal.id,
            "completion_id": reversal.completion_id,
            "previous_state": reversal.previous_state,
            "previous_decided_by": reversal.previous_decided_by,
            "previous_decided_at": reversal.previous_decided_at,
            "previous_reason": reversal.previous_reason,
            "reversed_by": reversal.reversed_by,
            "reversed_at": reversal.reversed_at,
            "reason": reversal.reason,
        }

    def to_domain(self) -> CompletionReversal:
        return CompletionReversal(
            id=self.id,
            completion_id=self.completion_id,
            previous_state=self.previous_state,
            previous_decided_by=self.previous_decided_by,
            previous_decided_at=self.previous_decided_at,
            previous_reason=self.previous_reason,
            reversed_by=self.reversed_by,
            reversed_at=self.reversed_at,
            reason=self.reason,
        )
