"""The demo plug-in's hooks: what production gets from it, and what crosses into child processes."""

from __future__ import annotations

import importlib
import pickle
from datetime import date
from pathlib import Path

import pytest

from app.demo.media_jobs import ClipJob, EnrolmentPhotoJob
from app.demo.plugin import DemoPlugin
from app.domain.named_call import NamedCall
from app.persistence import Database
from app.persistence.repositories.workspace_repository import WorkspaceRepository
from app.startup_steps import StartupStep
from app.workspace_plugin import AnalysisExtras, WorkspacePlugin

TODAY = date(2025, 3, 14)


def _join(*parts: object) -> str:
    return "/".join(str(p) for p in parts)


def test_a_named_call_pickles_and_calls_its_function_with_its_arguments_first() -> None:
    call = pickle.loads(pickle.dumps(NamedCall("tests.unit.demo.test_plugin:_join", ("a", 1))))
    assert call("b", 2) == "a/1/b/2"
    with pytest.raises(ValueError, match="module:function"):
        NamedCall("tests.unit.demo.test_plugin._join")()


def test_the_production_default_adds_nothing(tmp_path: Path) -> None:
    plugin = WorkspacePlugin()
    steps: list[StartupStep] = []
    assert plugin.prepare_database(steps.append) is None and steps == []
    assert plugin.journal_path() is None and plugin.witness_path() is None
    assert plugin.analysis_extras() == AnalysisExtras()
    assert plugin.calibration_source() is None and plugin.photo_scoring_calibration() is None
    assert plugin.snapshot_roots() == [] and plugin.media_preparation() is None
    assert not plugin.is_demo


def _resolves(call: NamedCall) -> bool:
    module, _, name = call.function.partition(":")
    return callable(getattr(importlib.import_module(module), name))


def test_the_demo_prepares_its_workspace_before_the_console_loads_it(tmp_path: Path) -> None:
    media = tmp_path / "media"
    plugin = DemoPlugin(TODAY, media)
    steps: list[StartupStep] = []
    url = plugin.prepare_database(steps.append)
    database = Database(url)
    try:
        with database.reading() as session:
            before = WorkspaceRepository(session).load_workspace()
        assert before is not None
        assert plugin.analysis_extras() is None  # no live script yet: analysis would flag every face
        assert plugin.prepare_workspace(database, before, steps.append, analysis=True)
        with database.reading() as session:
            after = WorkspaceRepository(session).load_workspace()
    finally:
        database.dispose()
    assert steps == [StartupStep.DEMO, StartupStep.EVENTS]
    assert after is not None
    extras = plugin.analysis_extras()
    assert extras is not None and extras.rules is not None and extras.only_sessions
    # The loaded workspace already has the live script's playlists: nothing is patched afterwards.
    playlists = {c.id for c in after.cameras if c.main_url.endswith(".playlist")}
    assert playlists and playlists <= set(extras.only_sessions)
    hooks = [extras.enrolment_photos, extras.calibration, plugin.photo_scoring_calibration()]
    for hook in hooks:
        assert hook is not None and _resolves(hook)
        assert pickle.loads(pickle.dumps(hook)) == hook  # it crosses into a spawned process
    assert extras.calibration == plugin.calibration_source()
    assert extras.enrolment_photos is not None
    assert all(isinstance(job, EnrolmentPhotoJob) for job in extras.enrolment_photos.args[0])
    assert plugin.snapshot_roots() == [media]
    preparation = plugin.media_preparation()
    assert preparation is not None
    scripted = next(p for p in (tmp_path / "media" / "videos" / "live").glob("*.playlist"))
    assert preparation.progress.preparing(scripted)  # the wall says "preparing", not "faulty"


def test_without_analysis_the_demo_writes_no_live_script(tmp_path: Path) -> None:
    plugin = DemoPlugin(TODAY, tmp_path / "media")
    database = Database(plugin.prepare_database(lambda _step: None))
    try:
        with database.reading() as session:
            workspace = WorkspaceRepository(session).load_workspace()
        assert workspace is not None
        assert not plugin.prepare_workspace(database, workspace, lambda _step: None, analysis=False)
    finally:
        database.dispose()
    assert not (tmp_path / "media" / "videos" / "live").exists()
    preparation = plugin.media_preparation()
    assert preparation is not None and preparation.progress.pending > 0  # the shared clips
    clips = [job for job in preparation.jobs if isinstance(job, ClipJob)]
    assert clips and all(job.path.parent.name == "videos" for job in clips)  # the shared ones only


def test_the_demo_journal_and_witness_are_per_day_and_yesterdays_go(tmp_path: Path) -> None:
    plugin = DemoPlugin(TODAY)
    folder = plugin.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old_journal = folder / "event-journal-2025-03-13.sqlite3"
    old_witness = folder / "audit-witness-2025-03-13.log"
    for path in (old_journal, old_witness):
        path.write_text("yesterday")
    assert plugin.journal_path() == folder / "event-journal-2025-03-14.sqlite3"
    assert plugin.witness_path() == folder / "audit-witness-2025-03-14.log"
    assert not old_journal.exists() and not old_witness.exists()
