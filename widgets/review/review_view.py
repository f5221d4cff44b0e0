"""The spot-check review view: enrolment photo beside the capture, the distance against the threshold,
the learner's other captures, and verdicts by keyboard.

The distance is judged with the threshold the photo scorer used for that photo (stored with its
score: value, calibration date, detector), and the faces drawn are the ones the scorer found, so the
view never contradicts the scorer's flag; when the workspace's threshold has moved since, the gauge
marks today's too and the text says what it would say (widgets/review/verdict_text.py).

Keys: P pass · F fail, then 1–5 for the reason (Esc cancels) · S skip · U undo the last verdict.

Speed (about one photo a second): the view keeps PREFETCH items claimed and decoded ahead (claims and
decoding run on the TaskRunner's workers). A verdict shows the next decoded item at once and commits
in the background; if the commit fails, the item comes back to the front with the error shown, so
nothing is lost silently. GUI thread only.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.enums import PhotoFlag, SpotCheckVerdict
from app.domain.face_verdict import judge_photo
from app.domain.people import Scope, User
from app.review.review_images import DecodedItem, decode_item
from app.review.review_ports import SpotCheckDesk
from app.review.spot_check_values import FAIL_REASONS, ClaimLostError, ReviewItem
from app.tasks import TaskRunner
from widgets.error_texts import error_text
from widgets.labels import photo_flag_label
from widgets.review.photo_views import CaptureStrip, DistanceGauge, PhotoView
from widgets.review.verdict_text import capture_caption, capture_missing_text, verdict_shown

log = logging.getLogger(__name__)
PREFETCH = 6
CLAIM_BATCH = 4


@dataclass(slots=True)
class _Done:
    decoded: DecodedItem
    verdict: SpotCheckVerdict


class ReviewView(QWidget):
    item_shown = Signal(int)  # spot-check id now on screen (0: queue empty)

    def __init__(
        self,
        queue: SpotCheckDesk,
        tasks: TaskRunner,
        user: User,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._queue, self._tasks, self._user = queue, tasks, user
        self._scope = Scope.city()
        self._ready: deque[DecodedItem] = deque()
        self._in_flight = 0  # items claimed or decoding, not yet in _ready
        self._claiming = False
        self._resuming = False
        self._exhausted = False
        self._started = False
        self._current: DecodedItem | None = None
        self._done: list[_Done] = []  # verdicts this session, newest last (for U)
        self._choosing_reason = False
        self.reviewed = 0

        self.enrolment_view = PhotoView(self)
        self.capture_view = PhotoView(self)
        self.gauge = DistanceGauge(self)
        self.strip = CaptureStrip(self)
        self.title = QLabel(self)
        self.title.setObjectName("reviewTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("reviewHint")
        self.message = QLabel(self)
        self.message.setObjectName("reviewMessage")
        self.message.setStyleSheet("color: #e53935")
        photos = QHBoxLayout()
        photos.addWidget(self.enrolment_view, 1)
        photos.addWidget(self.capture_view, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(photos, 1)
        layout.addWidget(self.gauge)
        layout.addWidget(self.strip)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self.retranslate()

    # -- public API

    @property
    def started(self) -> bool:
        return self._started

    @property
    def current(self) -> ReviewItem | None:
        return None if self._current is None else self._current.item

    def start(self, scope: Scope) -> None:
        """Begin (or restart after a scope change): resume own claims, then claim ahead."""
        self.stop()
        self._scope, self._exhausted, self._started = scope, False, True
        queue, user = self._queue, self._user
        self._claiming = self._resuming = True
        self._tasks.run(lambda: queue.held_by(user), self._claimed, self._claim_failed)

    def stop(self) -> None:
        """Give back every claimed item not yet decided, so colleagues can take them."""
        held = [d.item.check.id for d in self._ready]
        if self._current is not None:
            held.append(self._current.item.check.id)
        self._ready.clear()
        self._current = None
        self._started = False
        if held:
            queue, user = self._queue, self._user
            self._tasks.run(lambda: queue.release(user, held), lambda _none: None)

    def verdict(self, verdict: SpotCheckVerdict, reason: str = "") -> None:
        decoded = self._current
        if decoded is None:
            return
        queue, user, check_id = self._queue, self._user, decoded.item.check.id
        self._done.append(_Done(decoded, verdict))
        self.reviewed += 1
        self.message.clear()
        self._tasks.run(
            lambda: queue.record_verdict(user, check_id, verdict, reason),
            lambda _check: None,
            lambda error: self._verdict_failed(decoded, error),
        )
        self._show_next()

    def undo(self) -> None:
        if not self._done:
            return
        done = self._done.pop()
        self.reviewed -= 1
        if self._current is not None:
            self._ready.appendleft(self._current)
        self._current = None
        queue, user, check_id = self._queue, self._user, done.decoded.item.check.id
        self._tasks.run(
            lambda: queue.undo(user, check_id),
            lambda _check: None,
            lambda error: self._undo_failed(done.decoded, error),
        )
        self._show(done.decoded)

    # -- keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._choosing_reason:
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                self._choosing_reason = False
                self.verdict(SpotCheckVerdict.FAIL, FAIL_REASONS[key - Qt.Key.Key_1])
            elif key == Qt.Key.Key_Escape:
                self._choosing_reason = False
            self._update_hint()
            return
        if key == Qt.Key.Key_P:
            self.verdict(SpotCheckVerdict.PASS)
        elif key == Qt.Key.Key_F and self._current is not None:
            self._choosing_reason = True
            self._update_hint()
        elif key == Qt.Key.Key_S:
            self.verdict(SpotCheckVerdict.SKIPPED)
        elif key == Qt.Key.Key_U:
            self.undo()
        else:
            super().keyPressEvent(event)

    # -- prefetching (GUI thread; the work itself runs on workers)

    def _top_up(self) -> None:
        if not self._started or self._claiming or self._exhausted:
            return
        if len(self._ready) + self._in_flight >= PREFETCH:
            return
        queue, user, scope = self._queue, self._user, self._scope
        self._claiming = True
        self._tasks.run(lambda: queue.claim(user, scope, CLAIM_BATCH), self._claimed, self._claim_failed)

    def _claimed(self, items: list[ReviewItem]) -> None:
        self._claiming = False
        if not self._started:  # stopped while claiming: give them straight back
            queue, user = self._queue, self._user
            held = [item.check.id for item in items]
            self._tasks.run(lambda: queue.release(user, held), lambda _none: None)
            return
        if not items and not self._resuming:  # held_by() may be empty while unclaimed items wait
            self._exhausted = True
        self._resuming = False
        for item in items:
            self._in_flight += 1
            self._tasks.run(partial(decode_item, item), self._decoded, self._decode_failed)
        if self._current is None and not self._ready and not self._in_flight and self._exhausted:
            self._show(None)
        self._top_up()

    def _claim_failed(self, error: BaseException) -> None:
        self._claiming = False
        log.error("claiming spot-checks failed", exc_info=error)
        self.message.setText(self.tr("Could not claim photos: %1").replace("%1", error_text(error)))

    def _decoded(self, decoded: DecodedItem) -> None:
        self._in_flight -= 1
        if not self._started:
            return
        if self._current is None:
            self._show(decoded)
        else:
            self._ready.append(decoded)
        self._top_up()

    def _decode_failed(self, error: BaseException) -> None:
        self._in_flight -= 1
        log.error("decoding a spot-check photo failed", exc_info=error)
        self._top_up()

    def _verdict_failed(self, decoded: DecodedItem, error: BaseException) -> None:
        self._done = [d for d in self._done if d.decoded is not decoded]
        self.reviewed -= 1
        if isinstance(error, ClaimLostError):
            self.message.setText(self.tr("That photo was taken over elsewhere; its verdict was not saved."))
            return
        log.error("saving a verdict failed", exc_info=error)
        self.message.setText(
            self.tr("The verdict was NOT saved (%1); the photo is shown again.").replace(
                "%1", error_text(error)
            )
        )
        if self._current is not None:
            self._ready.appendleft(self._current)
        self._show(decoded)

    def _undo_failed(self, decoded: DecodedItem, error: BaseException) -> None:
        log.error("undoing a verdict failed", exc_info=error)
        self.message.setText(self.tr("Could not undo: %1").replace("%1", error_text(error)))
        if self._current is decoded:
            self._show_next()

    # -- showing

    def _show_next(self) -> None:
        self._show(self._ready.popleft() if self._ready else None)
        self._top_up()

    def _show(self, decoded: DecodedItem | None) -> None:
        self._current = decoded
        self._choosing_reason = False
        if decoded is None:
            waiting = self._in_flight > 0 or self._claiming
            text = (
                self.tr("Loading the next photo…")
                if waiting
                else self.tr("No photos are waiting for review.")
            )
            self.title.setText(text)
            self.enrolment_view.set_photo(QImage(), [], "", "")
            self.capture_view.set_photo(QImage(), [], "", text)
            self.gauge.set_judgement(None, None, None, None, "")
            self.strip.set_images([])
            self.item_shown.emit(0)
            self._update_hint()
            return
        item = decoded.item
        self.title.setText(
            self.tr("%1 · captured %2 · %3")
            .replace("%1", item.learner_name)
            .replace("%2", item.photo.captured_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%3", self._reason_text(item.check.reason))
        )
        missing = self.tr("Photo file missing")
        self.enrolment_view.set_photo(decoded.enrolment, [], self.tr("Enrolment photo"), missing)
        problem = decoded.capture_problem
        self.capture_view.set_photo(
            decoded.capture,
            decoded.capture_boxes,
            capture_caption(item.photo, problem),
            capture_missing_text(problem),
        )
        judgement = judge_photo(item.photo, item.today)
        shown = verdict_shown(item.photo, judgement)
        self.gauge.set_judgement(
            judgement.distance, judgement.same_person, shown.mark, shown.today, shown.text
        )
        self.strip.set_images(decoded.strip)
        self._update_hint()
        self.item_shown.emit(item.check.id)

    def _reason_text(self, reason: str) -> str:
        if reason == "random":
            return self.tr("random sample")
        code = reason.split(":", 1)[-1]
        try:
            flag = photo_flag_label(PhotoFlag(code))
        except ValueError:  # a code this version does not know: show it as stored
            flag = code
        return self.tr("flagged: %1").replace("%1", flag)

    def fail_reason_labels(self) -> list[str]:
        return [
            self.tr("Not the learner"),  # 不是本人
            self.tr("No face"),  # 无人脸
            self.tr("Several people"),  # 多人
            self.tr("Not studying"),  # 非学习状态
            self.tr("Photo of a photo"),  # 翻拍照片
        ]

    def _update_hint(self) -> None:
        if self._choosing_reason:
            options = "  ".join(f"{n}·{label}" for n, label in enumerate(self.fail_reason_labels(), start=1))
            self.hint.setText(self.tr("Fail because: %1   (Esc cancels)").replace("%1", options))
        else:
            self.hint.setText(
                self.tr("P pass · F fail · S skip · U undo — %1 reviewed").replace("%1", str(self.reviewed))
            )

    def retranslate(self) -> None:
        self._update_hint()
        if self._current is not None:
            self._show(self._current)
