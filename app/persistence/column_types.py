"""Column types that keep the stored form identical on SQLite and PostgreSQL.

Time convention: every datetime in the database is a *naive local wall-clock time* (the console
runs in China Standard Time, which has no daylight saving, so naive local times sort and subtract
correctly). It is stored as `TIMESTAMP WITHOUT TIME ZONE` on PostgreSQL and as ISO text on SQLite;
both give back exactly the value written. Aware datetimes are refused on write, because mixing the
two would silently shift times by eight hours on one backend and not the other.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app.domain.enums import PhotoFlag

E = TypeVar("E", bound=StrEnum)


class NaiveDateTime(TypeDecorator[datetime]):
    """A naive local datetime; raises ValueError for a timezone-aware value."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError(
                f"aware datetime {value.isoformat()} given; the database stores naive local time"
            )
        return value


class StrEnumColumn(TypeDecorator[E]):
    """A StrEnum stored as its ASCII value in a VARCHAR (no native enum: migrations stay simple)."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_type: type[E]) -> None:
        super().__init__()
        self.enum_type = enum_type

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # Validate plain strings too, so a typo cannot reach the database.
        return self.enum_type(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_type(value)


class PhotoFlagList(TypeDecorator[list[PhotoFlag]]):
    """A list of PhotoFlag stored as a JSON array of their codes, e.g. ["no_face"]."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[PhotoFlag] | None, dialect: Dialect) -> str:
        return json.dumps([PhotoFlag(flag).value for flag in value or []])

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[PhotoFlag]:
        return [PhotoFlag(code) for code in json.loads(value or "[]")]

    def coerce_compared_value(self, op: Any, value: Any) -> Any:
        # Comparisons (e.g. LIKE '%no_face%') are against the raw JSON text.
        return Text()
