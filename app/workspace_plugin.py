"""What a workspace may add to the console at start-up, and the production default that adds nothing.

`app.bootstrap` obtains one `WorkspacePlugin` (the demo, app/demo/plugin.py, or this default) and
calls its hooks at fixed points of the start: prepare the database, seed rows and prepare the
workspace before it is loaded, restrict face analysis, name calibration sources, add snapshot roots,
and render media in the background while the wall says which clips are still being prepared.
Hooks that cross into a spawned process are `NamedCall`s, so production never imports the plug-in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app import paths
from app.domain.classroom_rules import ClassroomRules
from app.domain.geography import Workspace
from app.domain.named_call import NamedCall
from app.startup_steps import StepReport

if TYPE_CHECKING:
    from app.persistence import Database


class MediaInPreparation(Protocol):
    """Media still being made in the background: the wall says "preparing video" for a tile whose
    file is among it instead of counting a faulty stream. Thread-safe, no I/O."""

    @property
    def pending(self) -> int: ...

    def preparing(self, path: Path) -> bool: ...


class MediaPreparation(Protocol):
    """Media a workspace renders after the window is up, on a thread of its own."""

    @property
    def progress(self) -> MediaInPreparation: ...

    def run(self, cancelled: Callable[[], bool]) -> None:
        """Blocking; never raises. Returns early once `cancelled()` is true."""
        ...


@dataclass(frozen=True, slots=True)
class AnalysisExtras:
    rules: ClassroomRules | None = None  # instead of the settings' rules
    only_sessions: Mapping[int, int] | None = None  # camera → the one session it is analysed in
    # Enrolment process hooks: photos before embedding (database, embedding_id, learner_ids);
    # calibration if never done (engine).
    enrolment_photos: NamedCall | None = None
    calibration: NamedCall | None = None


class WorkspacePlugin:
    """A real deployment's workspace: its configured database, nothing seeded, nothing rendered."""

    is_demo = False

    def data_dir(self) -> Path:
        """Where recordings, snapshots, the journal and the audit witness live."""
        return paths.data_dir()

    def prepare_database(self, report: StepReport) -> str | None:
        """Create or refresh the workspace's own database and return its URL. Blocking.
        None: open the configured database (keyring password, migrations)."""
        return None

    def journal_path(self) -> Path | None:
        """The event journal's file; None: the workstation's journal for the database URL."""
        return None

    def witness_path(self) -> Path | None:
        """The audit witness's file; None: the workstation's witness for the database URL."""
        return None

    def prepare_workspace(
        self, database: Database, workspace: Workspace, report: StepReport, analysis: bool
    ) -> bool:
        """Seed rows once the journal is attached; True when the workspace changed and must be
        loaded again. `analysis`: face analysis will run. Blocking, never raises."""
        return False

    def analysis_extras(self) -> AnalysisExtras | None:
        """What face analysis is restricted to; None: it cannot run (the preparation failed)."""
        return AnalysisExtras()

    def calibration_source(self) -> NamedCall | None:
        """The calibration dialog's own faces, called in its child with (engine, target_fmr,
        progress=...); None: only a folder of labelled photos."""
        return None

    def photo_scoring_calibration(self) -> NamedCall | None:
        """Photo scoring calibrates on this, called with (engine, cancelled=...), when the workspace
        is still uncalibrated after waiting for enrolment; None: the engine's default threshold."""
        return None

    def prepare_recordings(self, database: Database, workspace: Workspace, root: Path) -> None:
        """Add what the recordings folder `root` should hold (made by `media_preparation`)."""

    def snapshot_roots(self) -> list[Path]:
        """Folders searched for event snapshots before the workstation's."""
        return []

    def media_preparation(self) -> MediaPreparation | None:
        """Media to render after the window is up; call once every other hook has run."""
        return None
