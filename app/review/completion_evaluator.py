"""Turn a learner's study facts into counted days/hours and a verdict under the study rules.

Pure: `evaluate_facts` runs on whatever thread loaded the facts. Where the stored data is thinner
than the rules: attendance is a summary (first/last seen, longest stretch, times left), so lateness
and early leaving come from first/last seen and leaving too often from `times_left` over the day; a
single over-long absence is an event, and an open event keeps the candidate out of the "clean" set.
A counted session contributes its longest continuous stretch, clipped to the class. Blockers come
from app.domain.completion_blockers: `clean` means none, `approvable` none that refuses an approval.
Self-study days and the 审验 accident-case warning cannot be observed; the platform asserts them with
the completion request, so they are taken as done (self-study up to the maximum) and the evidence says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.completion_blockers import Blocker, BlockerEffect, approval_blockers, completion_blockers
from app.domain.enums import Programme
from app.domain.rules import Evaluation, Interval, Shortfall, total_duration
from app.domain.rules_full_score import count_study_days, evaluate_full_score, required_days
from app.domain.rules_review import evaluate_review
from app.review.study_facts import LearnerFacts, OnsiteVisit


@dataclass(frozen=True, slots=True)
class CompletionEvidence:
    """What an officer sees before deciding: the figures and everything that argues against."""

    learner_id: int
    programme: Programme
    required_days: int  # 满分: total days required; 0 for 审验 (hours-based)
    onsite_days: int
    online_days: int
    self_study_days: int  # platform-asserted (see module docstring)
    onsite_hours: float  # counted on-site presence
    online_hours: float  # union of online study
    sessions_attended: int
    sessions_cancelled: int  # classroom rules cancelled these
    shortfalls: tuple[Shortfall, ...]
    open_events: int
    confirmed_events: int
    substitution: bool  # 替学 confirmed by an event or a failed spot-check
    spot_passed: int
    spot_failed: int
    spot_pending: int
    flagged_photos: int
    blockers: tuple[Blocker, ...] = ()  # heaviest first (app.domain.completion_blockers)

    @property
    def met(self) -> bool:
        """The study requirement is met (no shortfall, no 替学)."""
        return not self.shortfalls

    @property
    def clean(self) -> bool:
        """Nothing is waiting for or argues against approval: safe for batch approval."""
        return self.met and not self.blockers

    @property
    def approvable(self) -> bool:
        """No blocker refuses a single approval (REVIEW ones ask the officer to look first)."""
        return self.met and not approval_blockers(self.blockers)

    @property
    def void(self) -> bool:
        """The record is void (替学): only a rejection fits."""
        return any(b.effect is BlockerEffect.VOID for b in self.blockers)

    def summary(self) -> str:
        """A compact, language-neutral line stored with the decision (the pane words its own)."""
        parts = [
            f"onsite={self.onsite_days}d/{self.onsite_hours:.1f}h",
            f"online={self.online_days}d/{self.online_hours:.1f}h",
            f"self={self.self_study_days}d",
            f"events open={self.open_events} confirmed={self.confirmed_events}",
            f"spot pass={self.spot_passed} fail={self.spot_failed} pending={self.spot_pending}",
        ]
        if self.shortfalls:
            parts.append("short=" + ",".join(item.kind.value for item in self.shortfalls))
        if self.blockers:
            parts.append("blockers=" + " ".join(b.code() for b in self.blockers))
        return "; ".join(parts)


def _visit_counts(visit: OnsiteVisit, rules: ClassroomRules, leaves_before: int) -> Interval | None:
    """The on-site interval a visit earns, or None when the classroom rules cancel it."""
    if visit.first_seen is None or visit.last_seen is None or visit.longest_continuous_minutes <= 0:
        return None
    late = visit.first_seen - visit.start
    early = visit.end - visit.last_seen
    inclusive = rules.late_early_inclusive
    if (late >= rules.max_late) if inclusive else (late > rules.max_late):
        return None
    if (early >= rules.max_early_leave) if inclusive else (early > rules.max_early_leave):
        return None
    if leaves_before + visit.times_left > rules.max_leaves_per_day:
        return None
    start = max(visit.first_seen, visit.start)
    end = min(start + timedelta(minutes=visit.longest_continuous_minutes), visit.end)
    return Interval(start, end) if end > start else None


def onsite_intervals(facts: LearnerFacts, rules: ClassroomRules) -> tuple[list[Interval], int]:
    """Counted on-site intervals, and how many visits the classroom rules cancelled."""
    leaves_today: dict[date, int] = {}
    counted: list[Interval] = []
    cancelled = 0
    for visit in facts.visits:  # in start order, so "more than twice a day" sees earlier sessions
        day = visit.start.date()
        before = leaves_today.get(day, 0)
        interval = _visit_counts(visit, rules, before)
        leaves_today[day] = before + visit.times_left
        if interval is None:
            cancelled += 1
        else:
            counted.append(interval)
    return counted, cancelled


def _hours(intervals: list[Interval] | list[tuple[datetime, datetime]]) -> float:
    return total_duration(intervals).total_seconds() / 3600


def evaluate_facts(
    facts: LearnerFacts, rules: ClassroomRules = DEFAULT_CLASSROOM_RULES
) -> CompletionEvidence:
    onsite, cancelled = onsite_intervals(facts, rules)
    substitution = facts.confirmed_mismatch or facts.spot_impersonation
    evaluation: Evaluation
    if facts.programme is Programme.FULL_SCORE:
        required = required_days(facts.licence_class, max(1, facts.full_score_count))
        counts = count_study_days(onsite, facts.online)
        self_study = required.max_self_study
        evaluation = evaluate_full_score(required, counts, self_study, substitution_detected=substitution)
        required_total, onsite_days, online_days = required.total, counts.onsite_days, counts.online_days
    else:
        self_study = 0
        evaluation = evaluate_review(
            [*onsite, *facts.online], accident_warning_done=True, substitution_detected=substitution
        )
        required_total, onsite_days, online_days = 0, 0, 0
    return CompletionEvidence(
        learner_id=facts.learner_id,
        programme=facts.programme,
        required_days=required_total,
        onsite_days=onsite_days,
        online_days=online_days,
        self_study_days=self_study,
        onsite_hours=_hours(onsite),
        online_hours=_hours(facts.online),
        sessions_attended=len(facts.visits) - cancelled,
        sessions_cancelled=cancelled,
        shortfalls=evaluation.shortfalls,
        open_events=facts.open_events,
        confirmed_events=facts.confirmed_events,
        substitution=substitution,
        spot_passed=facts.spot_passed,
        spot_failed=facts.spot_failed,
        spot_pending=facts.spot_pending,
        flagged_photos=facts.flagged_photos,
        blockers=completion_blockers(
            facts.events, facts.spot_checks, facts.flagged_photo_ids, evaluation.shortfalls
        ),
    )
