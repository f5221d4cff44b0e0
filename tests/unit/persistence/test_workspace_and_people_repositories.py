"""Round trips of geography, users, learners and workspace_meta, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from app.domain.casework import Completion
from app.domain.enums import LicenceClass, Post, Programme, ScopeLevel
from app.domain.geography import Workspace
from app.domain.people import EnrolmentPhoto, Learner, Scope, User
from app.persistence import Database
from app.persistence.repositories import (
    CompletionRepository,
    LearnerRepository,
    MetaRepository,
    WorkspaceRepository,
)


def test_empty_database_has_no_workspace(database: Database) -> None:
    with database.reading() as session:
        repository = WorkspaceRepository(session)
        assert repository.is_empty()
        assert repository.load_workspace() is None
        assert repository.load_users() == []


def test_workspace_round_trip(database: Database, tiny_workspace: Workspace) -> None:
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(tiny_workspace)
    with database.reading() as session:
        repository = WorkspaceRepository(session)
        assert not repository.is_empty()
        assert repository.load_workspace() == tiny_workspace


def test_saving_again_updates_in_place(database: Database, tiny_workspace: Workspace) -> None:
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(tiny_workspace)
    tiny_workspace.sites[0].name = "毕节市车管所"
    tiny_workspace.cameras[2].enabled = True
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(tiny_workspace)
    with database.reading() as session:
        loaded = WorkspaceRepository(session).load_workspace()
    assert loaded is not None
    assert loaded.sites[0].name == "毕节市车管所"
    assert loaded.cameras[2].enabled is True
    assert len(loaded.sites) == 3


def test_a_failed_transaction_leaves_nothing_behind(database: Database, tiny_workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), database.writing() as session:
        WorkspaceRepository(session).save_workspace(tiny_workspace)
        raise RuntimeError("interrupted")
    with database.reading() as session:
        assert WorkspaceRepository(session).is_empty()


def test_users_round_trip_with_scope(
    database: Database, saved_workspace: Workspace, tiny_users: list[User]
) -> None:
    with database.reading() as session:
        repository = WorkspaceRepository(session)
        assert repository.load_users() == tiny_users
        assert [u.login for u in repository.load_users(active_only=True)] == ["jiandu01", "guanli01"]
        manager = repository.user_by_login("guanli01")
        assert manager is not None
        assert manager.post is Post.COUNTY_MANAGER
        assert manager.scope == Scope(ScopeLevel.COUNTY, county_id=1)
        assert repository.user_by_login("nobody") is None


def test_learner_round_trip_with_photos(database: Database, saved_workspace: Workspace) -> None:
    unsaved = Learner(
        id=0,
        name="龙小芳",
        id_number_masked="520526********402X",
        licence_class=LicenceClass.B2,
        programme=Programme.REVIEW,
        county_id=2,
        full_score_count=1,
        photos=[EnrolmentPhoto(0, 0, "photos/enrol/a.jpg", date(2024, 12, 1)), EnrolmentPhoto(0, 0, "b.jpg")],
    )
    with database.writing() as session:
        stored = LearnerRepository(session).add(unsaved)
    assert stored.id > 0
    assert [p.learner_id for p in stored.photos] == [stored.id, stored.id]
    assert all(p.id > 0 for p in stored.photos)
    with database.reading() as session:
        assert LearnerRepository(session).get(stored.id) == stored
        assert LearnerRepository(session).get(999_999) is None
    with database.writing() as session:
        extra = LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, stored.id, "c.jpg"))
    with database.reading() as session:
        reloaded = LearnerRepository(session).get(stored.id)
    assert reloaded is not None and reloaded.photos[-1] == extra


def test_learner_search_and_scope(database: Database, saved_learners: list[Learner]) -> None:
    with database.reading() as session:
        repository = LearnerRepository(session)
        assert repository.count() == 4
        assert repository.count(Scope(ScopeLevel.COUNTY, county_id=1)) == 3
        assert [x.name for x in repository.find(Scope(ScopeLevel.COUNTY, county_id=2))] == ["吴敏"]
        assert [x.name for x in repository.find(name_contains="陈")] == ["陈静"]
        assert len(repository.find(name_contains="123X")) == 4  # last digits of the masked ID
        assert [x.name for x in repository.find(limit=2, offset=1)] == ["陈静", "杨勇"]
        wanted = [saved_learners[3].id, saved_learners[0].id, 424242]
        assert repository.get_many(wanted) == [saved_learners[0], saved_learners[3]]
        # A site scope counts learners rostered at the site; nobody is rostered yet.
        assert repository.count(Scope(ScopeLevel.SITE, county_id=1, site_id=1)) == 0


def test_learner_add_ignores_given_id(database: Database, saved_learners: list[Learner]) -> None:
    clash = dataclasses.replace(saved_learners[0], photos=[])
    with database.writing() as session:
        stored = LearnerRepository(session).add(clash)
    assert stored.id not in {x.id for x in saved_learners}


def test_workspace_meta(database: Database) -> None:
    with database.writing() as session:
        meta = MetaRepository(session)
        assert meta.get("demo.seed") is None
        meta.set("demo.seed", "7")
        meta.set_many({"demo.seed": "8", "created_at": "2025-03-14T08:00:00"})
    with database.reading() as session:
        meta = MetaRepository(session)
        assert meta.get("demo.seed") == "8"
        assert meta.all() == {"created_at": "2025-03-14T08:00:00", "demo.seed": "8"}


def test_aware_datetimes_are_refused(database: Database, saved_learners: list[Learner]) -> None:
    aware = Completion(0, saved_learners[0].id, Programme.FULL_SCORE, datetime(2025, 3, 14, 9, tzinfo=UTC))
    with pytest.raises(Exception, match="naive local time"), database.writing() as session:
        CompletionRepository(session).add(aware)
