"""The demo workspace as a plug-in: what `--demo` (or no configured database) adds to a start.

`app.bootstrap` builds one DemoPlugin and calls its WorkspacePlugin hooks; nothing else in
production names the demo. The demo database, its journal and its audit witness are rebuilt every
day (yesterday's files are removed); events of earlier today are seeded, the live script rewrites
the first page's cameras before the workspace is loaded, and the clips, photos and earlier
recordings are rendered after the window is up.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from app import paths
from app.demo.media_jobs import EnrolmentPhotoJob, MediaJob
from app.demo.media_preparation import DemoMedia
from app.domain.geography import Workspace
from app.domain.named_call import NamedCall
from app.persistence import Database
from app.startup_steps import StartupStep, StepReport
from app.workspace_plugin import AnalysisExtras, WorkspacePlugin

log = logging.getLogger(__name__)

DEMO_SEED = 20220401  # the day the current rules came into force; any fixed number would do


def enrolment_photos_hook(photos: tuple[EnrolmentPhotoJob, ...]) -> NamedCall:
    """Render `photos`, then any missing demo photo, in the enrolment process before it embeds."""
    return NamedCall("app.demo.enrolment_photos:render_enrolment_photos", (photos,))


def classroom_calibration_hook(media_dir: Path) -> NamedCall:
    """Calibrate on synthetic classroom faces rendered under `media_dir` (in a child process)."""
    return NamedCall("app.demo.classroom_calibration:calibrate_demo_classroom", (media_dir,))


class DemoPlugin(WorkspacePlugin):
    is_demo = True

    def __init__(self, today: date, media_dir: Path | None = None, seed: int = DEMO_SEED) -> None:
        self._today = today
        self._seed = seed
        self._folder = paths.demo_dir()
        self._media_dir = media_dir or self._folder / "media"
        self._jobs: list[MediaJob] = []
        self._analysis: AnalysisExtras | None = None

    def data_dir(self) -> Path:
        return self._folder

    def prepare_database(self, report: StepReport) -> str:
        from app.demo.demo_database import prepare_demo

        report(StartupStep.DEMO)
        url = paths.demo_database_url()
        self._jobs = prepare_demo(url, self._media_dir, self._seed, self._today)
        return url

    def journal_path(self) -> Path:
        name = f"event-journal-{self._today.isoformat()}.sqlite3"
        for old in self._folder.glob("event-journal-*.sqlite3*"):
            if not old.name.startswith(name):  # its events belong to a database now gone
                old.unlink(missing_ok=True)
        return self._folder / name

    def witness_path(self) -> Path:
        name = f"audit-witness-{self._today.isoformat()}.log"
        for old in self._folder.glob("audit-witness-*.log"):
            if old.name != name:
                old.unlink(missing_ok=True)
        self._folder.mkdir(parents=True, exist_ok=True)
        return self._folder / name

    def prepare_workspace(
        self, database: Database, workspace: Workspace, report: StepReport, analysis: bool
    ) -> bool:
        """Today's events so far; with face analysis, the live script that gives it something to
        find (its clips go first in the render order). The live class cancels seeded ones, so
        the events are seeded first."""
        report(StartupStep.EVENTS)
        self._seed_events(database)
        if not analysis:
            return False
        from app.demo.live_script import demo_rules, prepare_live_script

        try:
            script = prepare_live_script(database, workspace, self._media_dir, self._seed)
        except Exception:
            log.exception("the demo's live script could not be prepared")
            return False
        photos = tuple(j for j in script.media_jobs if isinstance(j, EnrolmentPhotoJob))
        self._jobs[:0] = [j for j in script.media_jobs if not isinstance(j, EnrolmentPhotoJob)]
        self._analysis = AnalysisExtras(
            rules=demo_rules(),
            only_sessions={camera.camera_id: camera.session_id for camera in script.cameras},
            enrolment_photos=enrolment_photos_hook(photos),
            calibration=self.calibration_source(),
        )
        return True

    def _seed_events(self, database: Database) -> None:
        from app.demo.demo_events import seed_demo_events

        try:
            added = seed_demo_events(database, self._today, self._seed)
        except Exception:  # an empty Events pane is better than no console
            log.exception("seeding the demo events failed")
            return
        if added:
            log.info("demo events seeded: %d", added)

    def analysis_extras(self) -> AnalysisExtras | None:
        return self._analysis  # None: the live script failed, and analysis would flag every face

    def calibration_source(self) -> NamedCall:
        return classroom_calibration_hook(self._media_dir)

    def photo_scoring_calibration(self) -> NamedCall:
        return NamedCall("app.demo.portrait_calibration:calibrate_demo", (self._media_dir,))

    def prepare_recordings(self, database: Database, workspace: Workspace, root: Path) -> None:
        """Recordings and past events of earlier today for the Recordings pane, remuxed from the
        shared clips after they are rendered. Never fatal."""
        from app.demo.live_script import LIVE_TITLE
        from app.demo.recording_history import plan_recording_history
        from app.demo.seed_geography import CLIP_COUNT, clip_path

        media_dir = self._media_dir
        try:
            job = plan_recording_history(
                database,
                workspace,
                lambda camera_id: clip_path(media_dir, (camera_id - 1) % CLIP_COUNT),
                root,
                self._folder / "snapshots",
                self._seed,
                skip_titles=(LIVE_TITLE,),
            )
        except Exception:
            log.exception("the demo's recording history could not be planned")
            return
        if job is not None:
            self._jobs.append(job)

    def snapshot_roots(self) -> list[Path]:
        return [self._media_dir]  # the seeded events show enrolment photos

    def media_preparation(self) -> DemoMedia | None:
        return DemoMedia(self._jobs) if self._jobs else None
