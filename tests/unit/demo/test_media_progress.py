"""Which demo clips are still being made: the wall's "preparing demo video" and nothing else."""

from __future__ import annotations

from pathlib import Path

from app.demo.media_jobs import ClipJob, EnrolmentPhotoJob, MediaJob
from app.demo.media_progress import JUST_MADE_S, DemoMediaProgress


def test_missing_clips_are_prepared_until_done_or_finished(tmp_path: Path) -> None:
    videos, live = tmp_path / "videos", tmp_path / "videos" / "live"
    live.mkdir(parents=True)
    made = videos / "classroom_0.mp4"
    made.write_bytes(b"x")
    shared, scripted = videos / "classroom_1.mp4", live / "camera_1_present.mp4"
    playlist = live / "camera_1.playlist"
    now = [100.0]
    jobs: list[MediaJob] = [
        ClipJob(made, 1),
        ClipJob(shared, 2),
        ClipJob(scripted, 3),
        EnrolmentPhotoJob(tmp_path / "p.jpg", 4),
    ]
    progress = DemoMediaProgress(jobs, clock=lambda: now[0])
    assert progress.pending == 2  # the rendered clip and the photo are not waited for
    assert progress.preparing(shared) and progress.preparing(scripted) and progress.preparing(playlist)
    assert not progress.preparing(made)
    assert not progress.preparing(tmp_path / "elsewhere.mp4")  # a missing file of no job is a fault

    progress.done(scripted)
    # Just made: the wall's stream has not opened it yet, nor the playlist that plays it.
    assert progress.preparing(scripted) and progress.preparing(playlist)
    now[0] += JUST_MADE_S + 1
    assert not progress.preparing(scripted) and not progress.preparing(playlist)
    assert progress.preparing(shared)
    progress.finish()  # the render thread stopped (or failed): what is missing now is missing
    assert progress.pending == 0 and not progress.preparing(shared)
