"""The workspace_meta key/value table: small facts about the workspace (demo seed, created_at...)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.orm import WorkspaceMetaRow


class MetaRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        row = self._session.get(WorkspaceMetaRow, key)
        return None if row is None else row.value

    def set(self, key: str, value: str) -> None:
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, str]) -> None:
        for key, value in values.items():
            self._session.merge(WorkspaceMetaRow(key=key, value=value))

    def all(self) -> dict[str, str]:
        return {
            row.key: row.value
            for row in self._session.scalars(select(WorkspaceMetaRow).order_by(WorkspaceMetaRow.key))
        }
