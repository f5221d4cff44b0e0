"""A snapshot saved from a tile is evidence: written off the GUI thread and audited like an export
(camera, moment, full path, SHA-256), and refused, with nothing written, to a post that may not
export."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import select

from app.context import AppContext
from app.domain.enums import Post
from app.persistence import Database, upgrade_to_head
from app.persistence.orm import AuditEntryRow
from app.persistence.repositories import WorkspaceRepository
from app.playback.review_service import RecordingReviewService
from app.review.audit_chain import verify_chain
from app.tasks import TaskRunner
from app.video import StreamState
from tests.helpers.small_city import USERS
from tests.helpers.workspaces import file_workspace


@pytest.fixture
def audited_context(context: AppContext, wall_clip: Path, tmp_path: Path) -> Iterator[AppContext]:
    """The GUI tests' context with a real database and the recordings review's services."""
    url = f"sqlite:///{tmp_path / 'wall.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    workspace = file_workspace(wall_clip, count=3)
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
        WorkspaceRepository(session).save_users(list(USERS))
    yield dataclasses.replace(
        context, workspace=workspace, playback=RecordingReviewService(database, tmp_path / "recordings")
    )
    database.dispose()


def _entries(database: Database) -> list[tuple[str, str, int | None, dict[str, object]]]:
    with database.reading() as session:
        rows = session.execute(
            select(AuditEntryRow.action, AuditEntryRow.subject, AuditEntryRow.actor_id, AuditEntryRow.detail)
        )
        return [(str(a), str(s), actor, json.loads(d)) for a, s, actor, d in rows]


def _playing(pane) -> bool:
    tile = pane.tiles[0]
    return tile.stats is not None and tile.stats.state is StreamState.PLAYING and tile.frame is not None


def test_a_tile_snapshot_is_written_off_the_gui_thread_and_audited(
    qtbot,
    make_wall,
    audited_context: AppContext,
    threaded_tasks: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[int] = []
    write = Path.write_bytes

    def noting_write(path: Path, data: bytes) -> int:  # the real write, noting its thread
        threads.append(threading.get_ident())
        return write(path, data)

    monkeypatch.setattr(Path, "write_bytes", noting_write)
    pane = make_wall(audited_context.workspace, "2x2", tasks=threaded_tasks, given=audited_context)
    qtbot.waitUntil(lambda: _playing(pane), timeout=10_000)
    assert pane.may_snapshot
    target = tmp_path / "snaps" / "snap.png"
    frame = pane.tiles[0].frame  # what the tile shows now (the GUI thread moves it on later)
    with qtbot.waitSignal(pane.message, timeout=5000) as said:
        pane.snapshot(0, target)
    assert "snap.png" in said.args[0]
    assert threads and threading.get_ident() not in threads
    image = QImage(str(target))
    assert not image.isNull() and (image.width(), image.height()) == (frame.width, frame.height)
    database = playback_database(audited_context)
    ((action, subject, actor, detail),) = _entries(database)
    assert (action, subject, actor) == ("camera.snapshot", "camera:1", USERS[0].id)
    assert detail["file"] == str(target.absolute())
    assert detail["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert isinstance(detail["at"], str) and detail["at"][:4].isdigit()
    with database.reading() as session:
        assert verify_chain(session).ok
    assert [p.name for p in target.parent.iterdir()] == ["snap.png"]  # no partial file left
    # A second snapshot never replaces the first: each is its own piece of evidence.
    with qtbot.waitSignal(pane.message, timeout=5000) as said:
        pane.snapshot(0, target)
    assert "failed" in said.args[0] and len(_entries(database)) == 1


def test_a_post_that_may_not_export_gets_no_snapshot(
    qtbot, make_wall, audited_context: AppContext, tmp_path: Path
) -> None:
    acceptance = next(u for u in USERS if u.post is Post.ACCEPTANCE)
    pane = make_wall(audited_context.workspace, "2x2", user=acceptance, given=audited_context)
    qtbot.waitUntil(lambda: _playing(pane), timeout=10_000)
    assert not pane.may_snapshot  # the menu greys it out …
    target = tmp_path / "refused.png"
    with qtbot.waitSignal(pane.message, timeout=5000) as said:
        pane.snapshot(0, target)  # … and the service refuses it should anything ask anyway
    assert "refused" in said.args[0]
    assert not target.exists() and not list(tmp_path.glob("refused*"))
    assert _entries(playback_database(audited_context)) == []


def playback_database(context: AppContext) -> Database:
    assert isinstance(context.playback, RecordingReviewService)  # the real review, over its database
    return context.playback.database
