"""One event in full: what, where, who, the enrolment photo beside the flagged frame, the face
distance against its threshold, the triage buttons, history and comments.

A view only (GUI thread). It follows the list's selection in two steps: `show_summary` at once with
what the list row already knows (kind, time, place, learners, snapshot, distance), then
`show_detail` when the pane's worker has loaded the event's history, comments, the learners'
enrolment photos and the threshold. The content scrolls; the triage buttons stay below it, always
visible (a 1366×768 laptop leaves the docked pane about 300 px of height). Buttons and the comment
box emit signals the pane turns into service calls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import EventState
from app.domain.geography import Workspace
from app.domain.people import User
from app.domain.permissions import Action
from app.supervision.event_service import EventDetail, EventListItem
from app.supervision.event_threshold import EventThreshold
from app.supervision.triage import triage_action
from app.tasks import TaskRunner
from widgets.events.event_table_model import SEVERITY_COLOURS, place_names
from widgets.events.thumbnails import ThumbnailCache
from widgets.labels import engine_label, event_kind_label, event_state_label, severity_label

SNAPSHOT_SIZE = QSize(240, 180)
PICTURE_MIN = QSize(120, 120)


class EventDetailPanel(QWidget):
    action_requested = Signal(object)  # the EventState the officer chose
    comment_submitted = Signal(str)

    def __init__(
        self, workspace: Workspace, users: list[User], tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventDetail")
        self._places = place_names(workspace)
        self._cameras = {c.id: c.name for c in workspace.cameras}
        self._users = {u.id: u.display_name for u in users}
        self._detail: EventDetail | None = None
        self._item: EventListItem | None = None  # the row shown while its detail loads
        self._shown: EventDetail | None = None  # what is on show: the full detail or the row's part
        self._images = ThumbnailCache(tasks, SNAPSHOT_SIZE, capacity=60, parent=self)
        self._images.ready.connect(lambda _path: self._show_images())

        self.title = QLabel(self)
        self.title.setObjectName("paneHeading")
        self.title.setWordWrap(True)
        content = QWidget(self)
        content.setObjectName("eventDetailContent")
        self.facts = QFormLayout()
        self._fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("state", "owner", "time", "place", "learners", "engine"):
            caption, value = QLabel(content), QLabel(content)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[key] = (caption, value)
            self.facts.addRow(caption, value)
        # The enrolment photo beside the flagged face: the comparison the officer decides on.
        self.enrolment_image, self.face_image, self.frame_image = (
            QLabel(content),
            QLabel(content),
            QLabel(content),
        )
        self.enrolment_caption, self.face_caption = QLabel(content), QLabel(content)
        pictures = QGridLayout()
        for column, (image, caption) in enumerate(
            ((self.enrolment_image, self.enrolment_caption), (self.face_image, self.face_caption))
        ):
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setMinimumSize(PICTURE_MIN)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("mutedNote")
            caption.setWordWrap(True)
            pictures.addWidget(image, 0, column)
            pictures.addWidget(caption, 1, column)
        # Under the two pictures, what the system measured between them and against which line.
        self.distance_note = QLabel(content)
        self.distance_note.setObjectName("faceDistance")
        self.distance_note.setWordWrap(True)
        self.distance_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pictures.addWidget(self.distance_note, 2, 0, 1, 2)
        self.frame_image.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.history_heading = QLabel(content)
        self.history_heading.setObjectName("sectionHeading")
        self.history = QListWidget(content)
        self.comments_heading = QLabel(content)
        self.comments_heading.setObjectName("sectionHeading")
        self.comments = QListWidget(content)
        for listing in (self.history, self.comments):
            listing.setMinimumHeight(84)  # inside a scroll area: a few rows, not the lists' whim
        self.comment_edit = QLineEdit(content)
        self.comment_edit.returnPressed.connect(self._submit_comment)
        self.comment_button = QPushButton(content)
        self.comment_button.clicked.connect(self._submit_comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_edit, 1)
        comment_row.addWidget(self.comment_button)

        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 4, 0)
        inner.addLayout(pictures)  # first: the comparison is what the verdict rests on
        inner.addLayout(self.facts)
        inner.addWidget(self.frame_image)
        inner.addWidget(self.history_heading)
        inner.addWidget(self.history, 1)
        inner.addWidget(self.comments_heading)
        inner.addWidget(self.comments, 1)
        inner.addLayout(comment_row)
        self.content_scroll = QScrollArea(self)
        self.content_scroll.setObjectName("eventDetailScroll")
        self.content_scroll.setWidget(content)
        self.content_scroll.setWidgetResizable(True)
        self.content_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.content_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons: dict[EventState, QPushButton] = {}
        # Two rows of buttons outside the scrolling content: fits ~420 px, verdicts never scroll away.
        row = QGridLayout()
        for index, state in enumerate(
            (
                EventState.IN_PROGRESS,
                EventState.CONFIRMED,
                EventState.DISMISSED,
                EventState.ESCALATED,
                EventState.NEW,
            )
        ):
            button = QPushButton(self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the table (J/K/C/D/E)
            button.clicked.connect(lambda _checked=False, s=state: self.action_requested.emit(s))
            self.buttons[state] = button
            row.addWidget(button, index // 3, index % 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.content_scroll, 1)
        layout.addLayout(row)
        self.retranslate()
        self.show_detail(None)

    @property
    def detail(self) -> EventDetail | None:
        return self._detail

    @property
    def shown_event_id(self) -> int | None:
        """The event on show (its summary or its full detail)."""
        if self._detail is not None:
            return self._detail.event.id
        return None if self._item is None else self._item.event.id

    def show_summary(self, item: EventListItem | None) -> None:
        """Show at once what the list row knows; the full detail follows (`show_detail`)."""
        if item is not None and self._detail is not None and self._detail.event.id == item.event.id:
            return  # already in full
        self._item = item
        self._detail = None
        names = {} if item is None else dict(zip(item.event.learner_ids, item.learner_names, strict=False))
        self._show(None if item is None else EventDetail(item.event, names), loaded=False)

    def show_detail(self, detail: EventDetail | None) -> None:
        self._detail = detail
        self._item = None
        self._show(detail, loaded=detail is not None)

    def _show(self, detail: EventDetail | None, *, loaded: bool) -> None:
        enabled = detail is not None
        for button in self.buttons.values():
            button.setEnabled(enabled)
        may_comment = detail is not None and Action.COMMENT in detail.allowed
        for widget in (self.comment_edit, self.comment_button):
            widget.setEnabled(may_comment)
        self.history.clear()
        self.comments.clear()
        self._shown = detail
        if detail is None:
            self.title.setText(self.tr("No event selected"))
            self.title.setStyleSheet("")
            for _caption, value in self._fact_labels.values():
                value.setText("")
            self.distance_note.hide()
            self._show_images()
            return
        event = detail.event
        self.title.setText(f"{event_kind_label(event.kind)} · {severity_label(event.severity)}")
        self.title.setStyleSheet(f"color: {SEVERITY_COLOURS[event.severity]};")
        ended = f"{event.ended_at:%H:%M:%S}" if event.ended_at else self.tr("ongoing")
        camera = self._cameras.get(event.camera_id or -1, "")
        place = self._places.get(event.classroom_id or -1, "")
        values = {
            "state": event_state_label(event.state),
            "owner": self._users.get(event.owner_id or -1, ""),
            "time": f"{event.started_at:%Y-%m-%d %H:%M:%S} – {ended}",
            "place": f"{place} · {camera}" if camera else place,
            "learners": "、".join(detail.learner_names.get(i, f"#{i}") for i in event.learner_ids),
            "engine": engine_label(event.engine),
        }
        for key, (_caption, value) in self._fact_labels.items():
            value.setText(values[key])
        distance = self._distance_text(event.distance, detail.threshold, loaded)
        self.distance_note.setText(self.tr("Face distance: %1").replace("%1", distance) if distance else "")
        self.distance_note.setVisible(bool(distance))
        for entry in event.history if loaded else ():
            who = self._users.get(entry.actor_id, "") if entry.actor_id is not None else self.tr("System")
            change = event_state_label(entry.to_state)
            if entry.from_state is not None and entry.from_state is not entry.to_state:
                change = f"{event_state_label(entry.from_state)} → {change}"
            note = f" — {entry.note}" if entry.note else ""
            self.history.addItem(f"{entry.at:%m-%d %H:%M:%S}  {who}: {change}{note}")
        for comment in event.comments if loaded else ():
            self.comments.addItem(
                f"{comment.at:%m-%d %H:%M}  {self._users.get(comment.author_id, '')}: {comment.text}"
            )
        if not loaded:
            self.history.addItem(self.tr("Loading…"))
        state = event.state
        self.buttons[EventState.IN_PROGRESS].setEnabled(state is not EventState.IN_PROGRESS)
        self.buttons[EventState.NEW].setEnabled(state is EventState.IN_PROGRESS)
        for verdict in (EventState.CONFIRMED, EventState.DISMISSED, EventState.ESCALATED):
            self.buttons[verdict].setEnabled(not state.is_closed and state is not verdict)
        # Only what the matrix allows on this event; the service enforces it again.
        for to_state, button in self.buttons.items():
            if triage_action(state, to_state) not in detail.allowed:
                button.setEnabled(False)
        self._show_images()

    def _distance_text(self, distance: float | None, threshold: EventThreshold | None, loaded: bool) -> str:
        if distance is None:
            return ""
        text = f"{distance:.3f}"
        if not loaded:
            return text
        if threshold is None:
            return self.tr("%1 (no calibrated threshold: the workspace was never calibrated)").replace(
                "%1", text
            )
        verdict = (
            self.tr("beyond the threshold: not the same person")
            if threshold.separates(distance)
            else self.tr("within the threshold: the same person")
        )
        source = (
            self.tr("workspace calibration of %1").replace("%1", threshold.calibrated_on[:10])
            if threshold.calibrated_on
            else self.tr("workspace calibration, date not recorded")
        )
        return (
            self.tr("%1 · threshold %2 (%3): %4")
            .replace("%1", text)
            .replace("%2", f"{threshold.value:.3f}")
            .replace("%3", source)
            .replace("%4", verdict)
        )

    def _show_images(self) -> None:
        detail = self._shown
        event = None if detail is None else detail.event
        first = event.learner_ids[0] if event is not None and event.learner_ids else None
        enrolment = detail.enrolment_photos.get(first, "") if detail is not None and first is not None else ""
        loaded = self._detail is not None
        for label, path, missing in (
            (self.enrolment_image, enrolment, self.tr("No enrolment photo") if loaded else ""),
            (self.face_image, event.snapshot_path if event else "", self.tr("No picture")),
            (self.frame_image, event.frame_path if event else "", ""),
        ):
            pixmap = self._images.get(path)
            if pixmap is None:
                label.clear()
                label.setText(missing if event is not None and not path else "")
            else:
                label.setPixmap(pixmap)
        self.frame_image.setVisible(event is not None and bool(event.frame_path))
        name = "" if detail is None or first is None else detail.learner_names.get(first, "")
        self.enrolment_caption.setText(
            self.tr("Enrolment photo · %1").replace("%1", name) if name else self.tr("Enrolment photo")
        )
        when = f"{event.started_at:%H:%M:%S}" if event is not None else ""
        self.face_caption.setText(self.tr("Flagged frame · %1").replace("%1", when) if when else "")

    def _submit_comment(self) -> None:
        text = self.comment_edit.text().strip()
        if text and self._detail is not None:
            self.comment_submitted.emit(text)
            self.comment_edit.clear()

    def retranslate(self) -> None:
        captions = {
            "state": self.tr("State"),
            "owner": self.tr("Handled by"),
            "time": self.tr("Time"),
            "place": self.tr("Where"),
            "learners": self.tr("Learners"),
            "engine": self.tr("Raised by"),
        }
        for key, (caption, _value) in self._fact_labels.items():
            caption.setText(captions[key])
        texts = {
            EventState.IN_PROGRESS: self.tr("Claim"),
            EventState.CONFIRMED: self.tr("Confirm (C)"),
            EventState.DISMISSED: self.tr("Dismiss (D)"),
            EventState.ESCALATED: self.tr("Escalate (E)"),
            EventState.NEW: self.tr("Release"),
        }
        for state, button in self.buttons.items():
            button.setText(texts[state])
        self.buttons[EventState.CONFIRMED].setToolTip(self.tr("Confirm the violation"))
        self.buttons[EventState.DISMISSED].setToolTip(self.tr("Dismiss as a false alarm"))
        self.buttons[EventState.ESCALATED].setToolTip(self.tr("Hand up to the supervisory post"))
        self.history_heading.setText(self.tr("History"))
        self.comments_heading.setText(self.tr("Comments"))
        self.comment_edit.setPlaceholderText(self.tr("Add a comment and press Enter"))
        self.comment_button.setText(self.tr("Add"))
        if self._detail is not None:
            self.show_detail(self._detail)
        else:
            self.show_summary(self._item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
