"""The workspace_meta key/value table."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm.base import Base


class WorkspaceMetaRow(Base):
    """Free-form facts about the workspace: demo seed and ground truth, creation time, and so on."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
