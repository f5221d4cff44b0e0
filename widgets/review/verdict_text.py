"""Words for a photo's face verdict: the distance, the threshold it was judged with (its value and
where it came from: calibrated on which date, dlib's default, or fixed), the detector that found the
faces, and today's threshold when the line has moved since the photo was scored.

The verdict itself comes from app.domain.face_verdict.judge_photo — the scorer's own, never
recomputed here with another threshold — so the words can never contradict the scorer's flag.
GUI thread (translations); no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import DetectorSetting, PhotoJudgement, ThresholdSource, VerdictParameters
from app.domain.study import CapturedPhoto
from app.review.photo_readability import Unreadable
from widgets.review.photo_views import ThresholdMark


def threshold_words(parameters: VerdictParameters) -> str:
    """ "0.398 (calibrated 2026-11-20)", "0.600 (dlib's default: not calibrated)", …"""
    value = f"{parameters.threshold:.3f}"
    if parameters.source is ThresholdSource.CALIBRATION:
        if parameters.calibrated_at is None:
            return QCoreApplication.translate("VerdictText", "%1 (calibrated; date not recorded)").replace(
                "%1", value
            )
        return (
            QCoreApplication.translate("VerdictText", "%1 (calibrated %2)")
            .replace("%1", value)
            .replace("%2", parameters.calibrated_at.strftime("%Y-%m-%d"))
        )
    if parameters.source is ThresholdSource.DEFAULT:
        return QCoreApplication.translate(
            "VerdictText", "%1 (dlib's default: workspace not calibrated)"
        ).replace("%1", value)
    return QCoreApplication.translate("VerdictText", "%1 (fixed by an operator)").replace("%1", value)


def mark_words(parameters: VerdictParameters) -> str:
    """The short label under the gauge's marker: "0.398 · 2026-11-20", "0.600 · default"."""
    value = f"{parameters.threshold:.3f}"
    if parameters.source is ThresholdSource.CALIBRATION and parameters.calibrated_at is not None:
        return f"{value} · {parameters.calibrated_at:%Y-%m-%d}"
    if parameters.source is ThresholdSource.DEFAULT:
        return QCoreApplication.translate("VerdictText", "%1 · default").replace("%1", value)
    return value


def detector_words(detector: DetectorSetting) -> str:
    """ "dlib HOG, upsample 1, photos ≤ 800 px" """
    return (
        QCoreApplication.translate("VerdictText", "Faces found by %1, upsample %2, photos ≤ %3 px")
        .replace("%1", f"dlib {detector.detector.upper()}")
        .replace("%2", str(detector.upsample))
        .replace("%3", str(detector.max_side))
    )


def _person(same: bool) -> str:
    return (
        QCoreApplication.translate("VerdictText", "same person")
        if same
        else QCoreApplication.translate("VerdictText", "different person")
    )


def unreadable_words(problem: Unreadable) -> str:
    """Why a photo file cannot be shown or scored, in a few words."""
    words = {
        Unreadable.MISSING: QCoreApplication.translate("VerdictText", "the photo file is missing"),
        Unreadable.EMPTY: QCoreApplication.translate("VerdictText", "the photo file is empty (0 bytes)"),
        Unreadable.NOT_AN_IMAGE: QCoreApplication.translate("VerdictText", "the file is not an image"),
        Unreadable.DAMAGED: QCoreApplication.translate("VerdictText", "the image is damaged or cut short"),
        Unreadable.TOO_LARGE: QCoreApplication.translate(
            "VerdictText", "the image is larger than a photo may be and was not opened"
        ),
    }
    return words[problem]


def capture_missing_text(problem: Unreadable | None) -> str:
    """What the capture pane says instead of a picture."""
    if problem is None:
        return QCoreApplication.translate("VerdictText", "Photo file missing")
    return QCoreApplication.translate(
        "VerdictText", "The captured photo cannot be shown: %1.\nJudge from the learner's other captures."
    ).replace("%1", unreadable_words(problem))


@dataclass(frozen=True, slots=True)
class VerdictShown:
    text: str
    mark: ThresholdMark | None  # the threshold the verdict was drawn with
    today: ThresholdMark | None  # today's, only when it is another line


def verdict_shown(photo: CapturedPhoto, judgement: PhotoJudgement) -> VerdictShown:
    today = judgement.today
    judged = judgement.judged_with
    lines: list[str] = []
    if PhotoFlag.UNREADABLE in photo.flags:
        lines.append(
            QCoreApplication.translate(
                "VerdictText", "The scorer could not read this photo's file: no face was compared"
            )
        )
    elif not judgement.scored:
        line = QCoreApplication.translate("VerdictText", "Not scored yet")
        if today is not None:
            line += " · " + QCoreApplication.translate("VerdictText", "threshold %1").replace(
                "%1", threshold_words(today)
            )
        lines.append(line)
    elif judgement.distance is None:
        line = (
            QCoreApplication.translate("VerdictText", "The scorer found no face")
            if photo.face_count == 0
            else QCoreApplication.translate(
                "VerdictText", "No distance: the learner has no usable enrolment photo"
            )
        )
        shown = judged or today
        if shown is not None:
            line += " · " + QCoreApplication.translate("VerdictText", "threshold %1").replace(
                "%1", threshold_words(shown)
            )
        lines.append(line)
    elif judged is not None and judgement.same_person is not None:
        lines.append(
            QCoreApplication.translate("VerdictText", "Face distance %1 · threshold %2: %3")
            .replace("%1", f"{judgement.distance:.3f}")
            .replace("%2", threshold_words(judged))
            .replace("%3", _person(judgement.same_person))
        )
    elif judgement.same_person is not None:  # scored before the threshold was recorded: the flag speaks
        lines.append(
            QCoreApplication.translate(
                "VerdictText", "Face distance %1 · the scorer's flag: %2 (its threshold was not recorded)"
            )
            .replace("%1", f"{judgement.distance:.3f}")
            .replace("%2", _person(judgement.same_person))
        )
    notes: list[str] = []
    if judged is not None and judged.detector is not None:
        notes.append(detector_words(judged.detector))
    if today is not None and judgement.today_same_person is not None:
        if judged is not None:
            notes.append(
                QCoreApplication.translate(
                    "VerdictText", "Scored under another threshold: today's %1 says %2"
                )
                .replace("%1", threshold_words(today))
                .replace("%2", _person(judgement.today_same_person))
            )
        else:
            notes.append(
                QCoreApplication.translate("VerdictText", "Today's threshold %1 says %2")
                .replace("%1", threshold_words(today))
                .replace("%2", _person(judgement.today_same_person))
            )
    if notes:
        lines.append(" · ".join(notes))
    mark = today_mark = None
    if PhotoFlag.UNREADABLE in photo.flags:  # nothing was measured: no line to draw it against
        return VerdictShown("\n".join(lines), None, None)
    if judged is not None:
        mark = ThresholdMark(judged.threshold, mark_words(judged))
        if today is not None and judgement.threshold_changed:
            today_mark = ThresholdMark(
                today.threshold,
                QCoreApplication.translate("VerdictText", "today %1").replace("%1", mark_words(today)),
            )
    elif today is not None and judgement.scored:  # scored under a line nobody recorded: only today's is known
        today_mark = ThresholdMark(
            today.threshold,
            QCoreApplication.translate("VerdictText", "today %1").replace("%1", mark_words(today)),
        )
    elif today is not None:  # not scored yet: today's is the line it will be judged with
        mark = ThresholdMark(today.threshold, mark_words(today))
    return VerdictShown("\n".join(lines), mark, today_mark)


def capture_caption(photo: CapturedPhoto, problem: Unreadable | None = None) -> str:
    """Under the captured photo: what the boxes on it are (or why the file is not a whole picture)."""
    base = QCoreApplication.translate("VerdictText", "Captured photo")
    if problem is not None:
        return QCoreApplication.translate("VerdictText", "Captured photo · %1").replace(
            "%1", unreadable_words(problem)
        )
    if PhotoFlag.UNREADABLE in photo.flags:
        return QCoreApplication.translate(
            "VerdictText", "Captured photo · unreadable when scored, readable now: not scored"
        )
    if photo.face_count is None:
        return base
    if photo.face_count == 0:
        return QCoreApplication.translate("VerdictText", "Captured photo · the scorer found no face")
    if photo.face_boxes is None:
        return QCoreApplication.translate(
            "VerdictText", "Captured photo · face boxes not recorded by the scorer"
        )
    if photo.face_count > 1:
        return QCoreApplication.translate(
            "VerdictText", "Captured photo · %1 faces found by the scorer"
        ).replace("%1", str(photo.face_count))
    return base
