"""What the demo workspace needs rendered: small, immutable job descriptions.

workspace_seed decides *what* exists (which learner, which seed, which file); the media modules
(faces.py, photos.py, classroom_video.py) decide *how it looks*. A job names its output file and
the seeds that make it deterministic, so rendering is idempotent: skip a job whose file exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

# genuine: the learner's face; impostor: face_seed's; no_face: nobody (face_seed kept for reproducibility).
CaptureKind = Literal["genuine", "impostor", "no_face"]


# The classroom clips' look, part of their file names: a new look renders new clips.
CLASSROOM_LOOK = 3


@dataclass(frozen=True, slots=True)
class EnrolmentPhotoJob:
    """The learner's registration photo (frontal, plain background)."""

    path: Path
    face_seed: int


@dataclass(frozen=True, slots=True)
class CapturePhotoJob:
    """A photo captured during online study: `variation_seed` varies pose, light and background."""

    path: Path
    face_seed: int
    variation_seed: int
    kind: CaptureKind


@dataclass(frozen=True, slots=True)
class ClipJob:
    """A looping classroom clip that demo cameras stream as `file://` URLs.

    `seats`: face seed (or None) per seat, front row first (the live script's learners); None lets
    the seed fill the room. `label`: the burned-in camera name (default: from the file name).
    `phase`: the live script's phase that first plays it (0: from the start; later ones can wait)."""

    path: Path
    seed: int
    seats: tuple[int | None, ...] | None = None
    label: str = ""
    phase: int = 0


@dataclass(frozen=True, slots=True)
class HistoryCamera:
    """One camera's recordings of earlier today (app/demo/recording_history.py makes them)."""

    camera_id: int
    classroom_id: int
    session_id: int | None
    roster: tuple[int, ...]
    clip: Path  # the looping classroom clip the camera streams (rendered before this job runs)
    segments: tuple[datetime, ...]  # starts of the 60 s segments
    gaps: tuple[tuple[datetime, datetime], ...]


@dataclass(frozen=True, slots=True)
class RecordingHistoryJob:
    """Recordings and past events of earlier today for the Recordings pane; `path` is its marker,
    written last, so a finished job is skipped like a rendered file. Runs after the shared classroom
    clips it remuxes and the scripted clips (app/bootstrap.py `urgency`), before the photos.

    `database_url` carries the password (the demo-media thread opens its own Database): it is kept
    out of repr, so a logged job never shows it."""

    path: Path
    database_url: str = field(repr=False)
    root: Path  # the recordings folder the RecordingService uses
    snapshot_dir: Path
    seed: int
    day: date
    cameras: tuple[HistoryCamera, ...]


MediaJob = EnrolmentPhotoJob | CapturePhotoJob | ClipJob | RecordingHistoryJob
