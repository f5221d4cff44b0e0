"""A small demo workspace in SQLite with the review services, for the review panes and view."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.demo.workspace_seed import DemoSize, DemoWorkspace, build_demo_workspace, save_demo_workspace
from app.domain.enums import Post
from app.domain.people import User
from app.persistence import Database, upgrade_to_head
from app.review.services import ReviewServices
from app.review.spot_check_sampling import SamplingPolicy

TODAY = date(2025, 3, 14)


@pytest.fixture
def demo(tmp_path: Path) -> DemoWorkspace:
    return build_demo_workspace(7, TODAY, tmp_path / "media", DemoSize(120, 10, 4))


@pytest.fixture
def review_services(tmp_path: Path, demo: DemoWorkspace) -> Iterator[ReviewServices]:
    url = f"sqlite:///{tmp_path / 'review.sqlite'}"
    upgrade_to_head(url)
    database = Database(url)
    save_demo_workspace(database, demo)
    yield ReviewServices(database)
    database.dispose()


@pytest.fixture
def review_context(context: AppContext, demo: DemoWorkspace, review_services: ReviewServices) -> AppContext:
    return dataclasses.replace(context, workspace=demo.workspace, users=demo.users, review=review_services)


@pytest.fixture
def supervisor(demo: DemoWorkspace) -> User:
    return next(u for u in demo.users if u.post is Post.SUPERVISOR)


@pytest.fixture
def sampled_day(demo: DemoWorkspace, review_services: ReviewServices, supervisor: User) -> date:
    """The busiest capture day, sampled completely (every photo is a spot-check)."""
    day = Counter(p.captured_at.date() for r in demo.online_records for p in r.photos).most_common(1)[0][0]
    review_services.sample_day(day, SamplingPolicy(random_share=1.0, seed=1), supervisor)
    return day
