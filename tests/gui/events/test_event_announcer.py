"""The announcer's decisions without a widget, a tray or a speaker: a recording notifier stands in."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState, Severity
from app.settings import Settings
from app.supervision.event_service import NewEvents
from widgets.events.event_alarms import EventAlarms
from widgets.events.event_announcer import EventAnnouncer

NOW = datetime(2025, 3, 14, 15, 0)
LOGIN = "wangjg"


class RecordingNotifier:
    """The Notifier interface, writing down what it was asked to do."""

    def __init__(self, tray: bool = True) -> None:
        self.tray = tray
        self.messages: list[tuple[str, str]] = []
        self.rings = 0

    def desktop_available(self) -> bool:
        return self.tray

    def show_message(self, title: str, text: str) -> None:
        self.messages.append((title, text))

    def ring(self) -> None:
        self.rings += 1


def high(event_id: int, camera_id: int | None, kind: EventKind = EventKind.FACE_MISMATCH) -> Event:
    return Event(
        id=event_id,
        kind=kind,
        severity=Severity.HIGH,
        state=EventState.NEW,
        started_at=NOW - timedelta(minutes=event_id),
        ended_at=None,
        camera_id=camera_id,
        classroom_id=1001,
        engine="test",
    )


def announcer(settings: Settings, notifier: RecordingNotifier) -> EventAnnouncer:
    return EventAnnouncer(settings, LOGIN, lambda: NOW, notifier)


def test_nothing_fresh_announces_nothing(qapp, settings: Settings) -> None:
    notifier = RecordingNotifier()
    assert announcer(settings, notifier).announce([]) is None
    assert notifier.messages == [] and notifier.rings == 0


def test_the_message_names_the_first_three_kinds_on_every_allowed_channel(qapp, settings: Settings) -> None:
    notifier = RecordingNotifier()
    speaker = announcer(settings, notifier)
    events = [high(n, n, kind) for n, kind in enumerate([*EventKind][:4], start=1)]
    announcement = speaker.announce(events)
    assert announcement is not None and announcement.desktop and announcement.sound
    [(title, text)] = notifier.messages
    assert title == "4 new high-severity event(s)" and text.count("、") == 2  # three kinds named
    assert announcement.text == f"{title}: {text}" and notifier.rings == 1
    assert speaker.notifications == [announcement]


def test_the_settings_and_the_tray_decide_the_channels(qapp, settings: Settings) -> None:
    settings.desktop_notifications = False
    notifier = RecordingNotifier()
    first = announcer(settings, notifier).announce([high(1, 7)])
    assert first is not None and not first.desktop and first.sound and notifier.messages == []
    settings.desktop_notifications, settings.sound = True, False
    no_tray = RecordingNotifier(tray=False)
    second = announcer(settings, no_tray).announce([high(1, 7)])
    assert second is not None and not second.desktop and not second.sound
    assert no_tray.messages == [] and no_tray.rings == 0


def test_muted_and_snoozed_cameras_stay_silent_unless_another_camera_calls(qapp, settings: Settings) -> None:
    settings.set_muted_cameras(LOGIN, {7})
    settings.set_snoozed_cameras(LOGIN, {8: NOW + timedelta(minutes=10), 9: NOW - timedelta(minutes=1)})
    notifier = RecordingNotifier()
    speaker = announcer(settings, notifier)
    quiet = speaker.announce([high(1, 7), high(2, 8)])
    assert quiet is not None and not quiet.sound and quiet.desktop and notifier.rings == 0
    loud = speaker.announce([high(3, 7), high(4, 9)])  # camera 9's snooze is over
    assert loud is not None and loud.sound and notifier.rings == 1
    no_camera = speaker.announce([high(5, None)])  # nothing to mute it by
    assert no_camera is not None and no_camera.sound and notifier.rings == 2


def test_alarms_go_up_for_fresh_events_and_down_when_claimed_anywhere(qtbot) -> None:
    alarms = EventAlarms()
    boards: list[dict[int, list[object]]] = []
    alarms.changed.connect(boards.append)
    fresh = [high(1, 7), high(2, 8)]
    alarms.take_news(NewEvents(2, 2, fresh, frozenset({1, 2})), fresh)
    assert sorted(boards[-1]) == [7, 8]
    alarms.take_news(NewEvents(2, 0, [], frozenset({1, 2})), [])
    assert len(boards) == 1  # nothing changed: the wall is not redrawn
    alarms.take_news(NewEvents(2, 0, [], frozenset({1})), [])  # event 2 claimed on another console
    assert sorted(boards[-1]) == [7]
    claimed = high(1, 7)
    alarms.settle(claimed)  # still New here: stays
    assert len(boards) == 2
    alarms.settle(replace(claimed, state=EventState.IN_PROGRESS))  # this officer claimed it
    assert boards[-1] == {}
