"""The GUI tests' small city without a database: its users, fixed dashboard figures, and a dashboard
source that records which scope it was asked for and on which thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.domain.dashboard import DashboardCounts
from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope, User

COUNTS = DashboardCounts(
    counties=2,
    sites=3,
    classrooms=5,
    cameras=7,
    learners=128,
    sessions_today=4,
    learners_rostered_today=61,
    online_records=1843,
    captured_photos=5210,
    completions_pending=9,
    events_open=3,
    classrooms_in_session=3,
    classrooms_watched=2,
    classrooms_recorded=3,
    events_new=2,
    high_unclaimed=1,
    spot_checks_pending=14,
)


USERS = [
    User(1, "wangjg", "王建国", Post.SUPERVISOR, Scope.city()),
    User(2, "limin", "李敏", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, 11)),
    User(3, "zhangwei", "张伟", Post.ACCEPTANCE, Scope(ScopeLevel.SITE, 12, 103)),
    User(4, "chenjing", "陈静", Post.DUTY_MANAGER, Scope.city()),
]


@dataclass
class RecordingDashboard:
    """The dashboard source: fixed figures; remembers each call's scope and thread."""

    counts: DashboardCounts = COUNTS
    calls: list[tuple[Scope, int]] = field(default_factory=list)
    fail_with: Exception | None = None
    gate: threading.Event | None = None  # when set, calls block until the test opens it

    def __call__(self, scope: Scope) -> DashboardCounts:
        self.calls.append((scope, threading.get_ident()))
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail_with is not None:
            raise self.fail_with
        return self.counts

    @property
    def scopes(self) -> list[Scope]:
        return [scope for scope, _thread in self.calls]


def user(post: Post) -> User:
    return next(u for u in USERS if u.post is post)
