"""A stored scene for photo scoring: learners with enrolment photos and captured photos, some of
whose files are written later."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.demo.photos import write_capture_photo, write_enrolment_photo
from app.domain.enums import LicenceClass, Programme
from app.domain.geography import City, County, Workspace
from app.domain.people import EnrolmentPhoto, Learner
from app.domain.study import CapturedPhoto, OnlineStudyRecord
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import LearnerRepository, OnlineStudyRepository, WorkspaceRepository

DAY = date(2025, 3, 14)


@dataclass
class Scene:
    url: str
    database: Database
    media: Path
    learners: dict[str, Learner]
    photos: dict[str, CapturedPhoto]  # name → capture
    pending_files: dict[str, Callable[[], None]]  # name → writes that capture's file (not yet on disk)


def _learner(name: str, enrolment: Path) -> Learner:
    photo = EnrolmentPhoto(0, 0, str(enrolment), date(2025, 1, 2))
    return Learner(0, name, "520502********123X", LicenceClass.C1, Programme.FULL_SCORE, 1, photos=[photo])


def build_scene(tmp_path: Path, captures: list[tuple[str, str, int, str, bool]]) -> Scene:
    """captures: (name, learner, face seed shown, kind, written now). Learner X has face seed SEEDS[X]."""
    seeds = {"genuine": 101, "impostor": 202, "empty": 303, "late": 404}
    url = f"sqlite:///{tmp_path / 'scoring.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    media = tmp_path / "media"
    learners: dict[str, Learner] = {}
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(
            Workspace(City(1, "毕节市", "520500"), [County(1, 1, "七星关区", "520502")], [], [], [])
        )
        for name in sorted({learner for _, learner, *_ in captures}):
            enrolment = media / "enrol" / f"{name}.jpg"
            write_enrolment_photo(enrolment, seeds[name])
            learners[name] = LearnerRepository(session).add(_learner(name, enrolment))
    photos: dict[str, CapturedPhoto] = {}
    pending: dict[str, Callable[[], None]] = {}
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=20)
    for index, (name, learner, face_seed, kind, now) in enumerate(captures):
        path = media / "capture" / f"{name}.jpg"
        learner_id = learners[learner].id
        at = start + timedelta(minutes=5 * index)
        with database.writing() as session:
            capture = CapturedPhoto(0, 0, learner_id, at, str(path))
            record = OnlineStudyRepository(session).add_record(
                OnlineStudyRecord(0, learner_id, at, at + timedelta(hours=1), f"P-{index}", [capture])
            )
        photos[name] = record.photos[0]

        def write(
            path: Path = path, face_seed: int = face_seed, index: int = index, kind: str = kind
        ) -> None:
            write_capture_photo(path, face_seed, 1000 + index, "no_face" if kind == "no_face" else "genuine")

        if now:
            write()
        else:
            pending[name] = write
    return Scene(url, database, media, learners, photos, pending)
