"""One event in full: what, where, who, the snapshots, the triage buttons, history and comments.

A view only (GUI thread): the pane loads the EventDetail on a worker and hands it over with
`show_detail`; buttons and the comment box emit signals the pane turns into service calls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import EventState
from app.domain.geography import Workspace
from app.domain.people import User
from app.domain.permissions import Action
from app.supervision.event_service import EventDetail
from app.supervision.triage import triage_action
from app.tasks import TaskRunner
from widgets.events.event_table_model import SEVERITY_COLOURS, place_names
from widgets.events.thumbnails import ThumbnailCache
from widgets.labels import event_kind_label, event_state_label, severity_label

SNAPSHOT_SIZE = QSize(240, 180)


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
        self._images = ThumbnailCache(tasks, SNAPSHOT_SIZE, capacity=40, parent=self)
        self._images.ready.connect(lambda _path: self._show_images())

        self.title = QLabel(self)
        self.title.setObjectName("paneHeading")
        self.facts = QFormLayout()
        self._fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("state", "owner", "time", "place", "learners", "distance", "engine"):
            caption, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[key] = (caption, value)
            self.facts.addRow(caption, value)
        self.face_image = QLabel(self)
        self.frame_image = QLabel(self)
        images = QHBoxLayout()
        for label in (self.face_image, self.frame_image):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumSize(QSize(120, 90))
            images.addWidget(label)

        self.buttons: dict[EventState, QPushButton] = {}
        # Two rows of buttons: the pane docks beside the wall and must fit in about 420 px.
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

        self.history_heading = QLabel(self)
        self.history_heading.setObjectName("sectionHeading")
        self.history = QListWidget(self)
        self.comments_heading = QLabel(self)
        self.comments_heading.setObjectName("sectionHeading")
        self.comments = QListWidget(self)
        self.comment_edit = QLineEdit(self)
        self.comment_edit.returnPressed.connect(self._submit_comment)
        self.comment_button = QPushButton(self)
        self.comment_button.clicked.connect(self._submit_comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_edit, 1)
        comment_row.addWidget(self.comment_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addLayout(images)
        layout.addLayout(row)
        layout.addWidget(self.history_heading)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.comments_heading)
        layout.addWidget(self.comments, 1)
        layout.addLayout(comment_row)
        self.retranslate()
        self.show_detail(None)

    @property
    def detail(self) -> EventDetail | None:
        return self._detail

    def show_detail(self, detail: EventDetail | None) -> None:
        self._detail = detail
        enabled = detail is not None
        for button in self.buttons.values():
            button.setEnabled(enabled)
        may_comment = detail is not None and Action.COMMENT in detail.allowed
        for widget in (self.comment_edit, self.comment_button):
            widget.setEnabled(may_comment)
        self.history.clear()
        self.comments.clear()
        if detail is None:
            self.title.setText(self.tr("No event selected"))
            for _caption, value in self._fact_labels.values():
                value.setText("")
            self._show_images()
            return
        event = detail.event
        self.title.setText(f"{event_kind_label(event.kind)} · {severity_label(event.severity)}")
        self.title.setStyleSheet(f"color: {SEVERITY_COLOURS[event.severity]};")
        ended = f"{event.ended_at:%H:%M:%S}" if event.ended_at else self.tr("ongoing")
        camera = self._cameras.get(event.camera_id or -1, "")
        place = self._places.get(event.classroom_id or -1, "")
        distance = "" if event.distance is None else f"{event.distance:.3f}"
        values = {
            "state": event_state_label(event.state),
            "owner": self._users.get(event.owner_id or -1, ""),
            "time": f"{event.started_at:%Y-%m-%d %H:%M:%S} – {ended}",
            "place": f"{place} · {camera}" if camera else place,
            "learners": "、".join(detail.learner_names.get(i, f"#{i}") for i in event.learner_ids),
            "distance": distance,
            "engine": event.engine,
        }
        for key, (_caption, value) in self._fact_labels.items():
            value.setText(values[key])
        for entry in event.history:
            who = self._users.get(entry.actor_id, "") if entry.actor_id is not None else self.tr("System")
            change = event_state_label(entry.to_state)
            if entry.from_state is not None and entry.from_state is not entry.to_state:
                change = f"{event_state_label(entry.from_state)} → {change}"
            note = f" — {entry.note}" if entry.note else ""
            self.history.addItem(f"{entry.at:%m-%d %H:%M:%S}  {who}: {change}{note}")
        for comment in event.comments:
            self.comments.addItem(
                f"{comment.at:%m-%d %H:%M}  {self._users.get(comment.author_id, '')}: {comment.text}"
            )
        state = event.state
        self.buttons[EventState.IN_PROGRESS].setEnabled(state is not EventState.IN_PROGRESS)
        self.buttons[EventState.NEW].setEnabled(state is EventState.IN_PROGRESS)
        for verdict in (EventState.CONFIRMED, EventState.DISMISSED, EventState.ESCALATED):
            self.buttons[verdict].setEnabled(not state.is_closed and state is not verdict)
        # And only what the permission matrix lets this officer do to this event (the service judged
        # it with the detail, and enforces it again when asked).
        for to_state, button in self.buttons.items():
            if triage_action(state, to_state) not in detail.allowed:
                button.setEnabled(False)
        self._show_images()

    def _show_images(self) -> None:
        event = None if self._detail is None else self._detail.event
        for label, path in (
            (self.face_image, event.snapshot_path if event else ""),
            (self.frame_image, event.frame_path if event else ""),
        ):
            pixmap = self._images.get(path)
            if pixmap is None:
                label.clear()
                label.setText(self.tr("No picture") if event is not None and not path else "")
            else:
                label.setPixmap(pixmap)

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
            "distance": self.tr("Face distance"),
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
        self.show_detail(self._detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
