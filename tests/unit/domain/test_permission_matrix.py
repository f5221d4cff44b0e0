"""The permission matrix, cell by cell, against a table written out here (not read from MATRIX).

Every post × action is tried on four subjects — in the user's own site, elsewhere in the user's
county, in another county, and somewhere unknown (no county) — and once more with the user
deactivated. A cell that changes in app/domain/permissions.py must change in EXPECTED too, and
in docs/architecture.md ("Who may do what").
"""

from __future__ import annotations

import dataclasses

import pytest

from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope, User
from app.domain.permissions import (
    MATRIX,
    Action,
    Denial,
    PermissionDenied,
    Reach,
    denial,
    may_at_all,
    reach,
    require,
    within_reach,
)

# post columns: supervisor (监督岗), county manager (管理岗), acceptance (受理岗), duty manager (值班领导).
# city: anywhere; own: within the user's own scope (county or site); -: not at all.
EXPECTED_TABLE = """
action    supervisor  county_manager  acceptance  duty_manager
view      city        own             own         city
claim     city        own             -           -
confirm   city        own             -           -
dismiss   city        own             -           -
escalate  city        own             own         -
comment   city        own             own         city
approve   city        own             -           -
reverse   city        -               -           -
watch     city        own             -           city
export    city        own             -           city
lock      city        own             -           city
audit     city        -               -           city
"""


def _expected() -> dict[tuple[Post, Action], str]:
    header, *rows = [line.split() for line in EXPECTED_TABLE.strip().splitlines()]
    posts = [Post(name) for name in header[1:]]
    return {(post, Action(row[0])): cell for row in rows for post, cell in zip(posts, row[1:], strict=True)}


EXPECTED = _expected()

# The user of each post; the acceptance officer works at site 101 of county 11.
USERS = {
    Post.SUPERVISOR: User(1, "jiandu", "监督员", Post.SUPERVISOR, Scope.city()),
    Post.COUNTY_MANAGER: User(2, "guanli", "管理员", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, 11)),
    Post.ACCEPTANCE: User(3, "shouli", "受理员", Post.ACCEPTANCE, Scope(ScopeLevel.SITE, 11, 101)),
    Post.DUTY_MANAGER: User(4, "zhiban", "值班领导", Post.DUTY_MANAGER, Scope.city()),
}

# Where the subject lies: (county, site).
PLACES = {
    "own site": (11, 101),
    "own county, other site": (11, 102),
    "other county": (12, 103),
    "unknown place": (None, None),
}

# Which places an "own" reach covers, per post (a county manager's county; an acceptance officer's site).
OWN_COVERS = {
    Post.COUNTY_MANAGER: {"own site", "own county, other site"},
    Post.ACCEPTANCE: {"own site"},
}

CELLS = [(post, action) for post in Post for action in Action]


def _expected_denial(post: Post, action: Action, place: str) -> Denial | None:
    cell = EXPECTED[(post, action)]
    if cell == "-":
        return Denial.POST_CANNOT
    if cell == "city":
        return None
    return None if place in OWN_COVERS[post] else Denial.OUTSIDE_SCOPE


def test_the_table_names_every_post_and_action() -> None:
    assert set(EXPECTED) == set(CELLS)
    assert set(MATRIX) == set(Post)


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize(("post", "action"), CELLS, ids=[f"{p.value}-{a.value}" for p, a in CELLS])
def test_cell(post: Post, action: Action, place: str) -> None:
    county, site = PLACES[place]
    expected = _expected_denial(post, action, place)
    assert denial(USERS[post], action, county, site) is expected
    if expected is None:
        require(USERS[post], action, county, site)
    else:
        with pytest.raises(PermissionDenied) as refused:
            require(USERS[post], action, county, site)
        assert refused.value.action is action and refused.value.denial is expected


@pytest.mark.parametrize(("post", "action"), CELLS, ids=[f"{p.value}-{a.value}" for p, a in CELLS])
def test_cell_inactive(post: Post, action: Action) -> None:
    gone = dataclasses.replace(USERS[post], active=False)
    for county, site in PLACES.values():
        assert denial(gone, action, county, site) is Denial.INACTIVE
    assert not may_at_all(gone, action)
    assert within_reach(gone, action, None) is None


@pytest.mark.parametrize(("post", "action"), CELLS, ids=[f"{p.value}-{a.value}" for p, a in CELLS])
def test_cell_reach_and_may_at_all(post: Post, action: Action) -> None:
    cell = EXPECTED[(post, action)]
    assert reach(post, action) is {"city": Reach.CITY, "own": Reach.OWN_SCOPE, "-": None}[cell]
    assert may_at_all(USERS[post], action) is (cell != "-")


@pytest.mark.parametrize(("post", "action"), CELLS, ids=[f"{p.value}-{a.value}" for p, a in CELLS])
def test_cell_within_reach_of_the_whole_city(post: Post, action: Action) -> None:
    """What a listing of the whole city narrows to: the city, the user's own scope, or nothing."""
    cell = EXPECTED[(post, action)]
    user = USERS[post]
    expected = {"city": Scope.city(), "own": user.scope, "-": None}[cell]
    assert within_reach(user, action, None) == expected
    assert within_reach(user, action, Scope.city()) == expected


COUNTY_11, COUNTY_12 = Scope(ScopeLevel.COUNTY, 11), Scope(ScopeLevel.COUNTY, 12)
SITE_101, SITE_102 = Scope(ScopeLevel.SITE, 11, 101), Scope(ScopeLevel.SITE, 11, 102)
CLASSROOM_1001 = Scope(ScopeLevel.SITE, 11, 101, 1001)


@pytest.mark.parametrize(
    ("post", "asked", "expected"),
    [
        (Post.SUPERVISOR, COUNTY_12, COUNTY_12),
        (Post.COUNTY_MANAGER, COUNTY_11, COUNTY_11),
        (Post.COUNTY_MANAGER, SITE_102, SITE_102),
        (Post.COUNTY_MANAGER, CLASSROOM_1001, CLASSROOM_1001),
        (Post.COUNTY_MANAGER, COUNTY_12, None),
        (Post.ACCEPTANCE, COUNTY_11, SITE_101),  # the county narrows to the officer's site
        (Post.ACCEPTANCE, SITE_101, SITE_101),
        (Post.ACCEPTANCE, CLASSROOM_1001, CLASSROOM_1001),
        (Post.ACCEPTANCE, SITE_102, None),
        (Post.ACCEPTANCE, COUNTY_12, None),
    ],
)
def test_within_reach_narrows_a_pane_scope(post: Post, asked: Scope, expected: Scope | None) -> None:
    assert within_reach(USERS[post], Action.VIEW, asked) == expected
