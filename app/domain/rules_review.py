"""审验教育 rules: at least three hours of study plus accident-case warning education.

Relied on 《机动车驾驶证申领和使用规定》(公安部令第162号, in force 2022-04-01), Art. 72–73 as
recalled (not checked against the gazette text here): drivers of 大中型客货车 with points in the
scoring cycle, and drivers of other classes who bore equal or greater liability for a fatal accident
without losing the licence, "应当参加不少于三小时的道路交通安全法律法规、交通安全文明驾驶、应急处置等
知识学习，并接受交通事故案例警示教育" at review.

Decisions where the text is silent:
- "不少于三小时" is inclusive: exactly 3:00 suffices (unlike the 满分 study day's "超过三小时").
- The three hours need not fall on one day or in one mode: the article sets a total, so on-site and
  online time are pooled, with overlapping time counted once.
- Whether a driver needs review education at all is decided by the platform and not re-derived here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from app.domain.rules import Evaluation, IntervalLike, Shortfall, ShortfallKind, total_duration

REVIEW_MIN_STUDY = timedelta(hours=3)


def evaluate_review(
    study_intervals: Iterable[IntervalLike],
    accident_warning_done: bool,
    *,
    substitution_detected: bool = False,
) -> Evaluation:
    """Check a 审验教育 record: study time (all modes pooled) and the accident-case warning flag."""
    studied = total_duration(study_intervals)
    shortfalls: list[Shortfall] = []
    if substitution_detected:
        shortfalls.append(Shortfall(ShortfallKind.SUBSTITUTION, 0, 1))
    # Short only when strictly below: "不少于三小时" is met by exactly three hours.
    if studied < REVIEW_MIN_STUDY:
        shortfalls.append(Shortfall(ShortfallKind.STUDY_TIME, REVIEW_MIN_STUDY, studied))
    if not accident_warning_done:
        shortfalls.append(Shortfall(ShortfallKind.ACCIDENT_WARNING, 1, 0))
    return Evaluation(tuple(shortfalls))
