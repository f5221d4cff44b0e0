"""Where playback starts when a day has loaded: pure rules on the loaded CameraDays (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from app.playback.review_model import CameraDay

RECENT_LOOK_BACK = timedelta(minutes=1)  # today's recordings open this long before their end
LEAD_IN_SNAP = timedelta(seconds=10)  # a jump this close before a recording starts lands on its start


def recorded_soon_after(camera_day: CameraDay | None, at: datetime | None) -> datetime | None:
    """`at`, or where the camera's recording begins when that is only a few seconds later (an
    event's lead-in reaching back before the recording started)."""
    if at is None or camera_day is None or _covered(camera_day, at):
        return at
    later = [a for a, _b in camera_day.coverage if at < a <= at + LEAD_IN_SNAP]
    return later[0] if later else at


def start_position(
    days: Mapping[int, CameraDay],
    cameras: Sequence[int | None],
    day: date,
    today: bool,
    position: datetime | None,
) -> datetime | None:
    """Where a freshly loaded day starts: the current time of day if recorded; else, today, the last
    recorded minute (what just happened), another day its first recorded moment. `cameras` in the
    order they are asked (the selected one first)."""
    loaded = [days[c] for c in cameras if c is not None and c in days]
    if position is not None:
        moment = datetime.combine(day, position.time())
        if any(_covered(camera_day, moment) for camera_day in loaded):
            return moment
    for camera_day in loaded:
        if camera_day.coverage:
            if not today:
                return camera_day.coverage[0][0]
            first, last = camera_day.coverage[-1]
            return max(first, last - RECENT_LOOK_BACK)
    return None


def _covered(camera_day: CameraDay, at: datetime) -> bool:
    return any(a <= at < b for a, b in camera_day.coverage)
