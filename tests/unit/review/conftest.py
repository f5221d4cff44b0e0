"""A small demo workspace in a migrated database, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from app.demo.workspace_seed import DemoSize, DemoWorkspace, build_demo_workspace, save_demo_workspace
from app.domain.enums import Post
from app.domain.people import User
from app.persistence import Database, upgrade_to_head

TODAY = date(2025, 3, 14)
SIZE = DemoSize(learners=120, pending_completions=10, decided_completions=4)


@pytest.fixture
def demo(tmp_path: Path) -> DemoWorkspace:
    return build_demo_workspace(7, TODAY, tmp_path / "media", SIZE)


@pytest.fixture
def review_db(database_url: str, demo: DemoWorkspace) -> Iterator[Database]:
    upgrade_to_head(database_url)
    database = Database(database_url)
    save_demo_workspace(database, demo)
    yield database
    database.dispose()


@pytest.fixture
def user_of(demo: DemoWorkspace) -> Callable[..., User]:
    """user_of(post, county_id=None) -> the first demo user of that post (and county)."""

    def find(post: Post, county_id: int | None = None) -> User:
        return next(
            u for u in demo.users if u.post is post and (county_id is None or u.scope.county_id == county_id)
        )

    return find
