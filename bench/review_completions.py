#!/usr/bin/env python3
"""Evaluate completions for N learners on SQLite: the bulk loader beside a naive per-learner loader.

    .venv/bin/python bench/review_completions.py [--learners 10000] [--naive-sample 1000]

The database is the demo workspace generated at N learners (built once into a temp folder). The
bulk path is CompletionService.evaluate_scope(city): one query per table, grouped in Python.
The baseline asks the database ~6 questions per learner, the way a straightforward repository loop
would; it runs on `--naive-sample` learners and is extrapolated to N. Target: bulk ≤ 2 s at 10,000.
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.demo.workspace_seed import DemoSize, build_demo_workspace, save_demo_workspace  # noqa: E402
from app.domain.enums import EventKind, EventState, SpotCheckVerdict  # noqa: E402
from app.persistence import Database, upgrade_to_head  # noqa: E402
from app.persistence.orm import (  # noqa: E402
    AttendanceRow,
    CapturedPhotoRow,
    ClassSessionRow,
    EventLearnerRow,
    EventRow,
    LearnerRow,
    OnlineStudyRecordRow,
    SpotCheckRow,
)
from app.review.completion_evaluator import evaluate_facts  # noqa: E402
from app.review.completion_service import CompletionService  # noqa: E402
from app.review.study_facts import LearnerFacts, OnsiteVisit  # noqa: E402


def naive_facts(session: Session, learner_id: int) -> LearnerFacts:
    """The baseline: one learner at a time, a query per kind of fact."""
    learner = session.get(LearnerRow, learner_id)
    assert learner is not None
    facts = LearnerFacts(
        learner.id,
        learner.name,
        learner.id_number_masked,
        learner.county_id,
        learner.programme,
        learner.licence_class,
        learner.full_score_count,
    )
    for attendance in session.scalars(select(AttendanceRow).where(AttendanceRow.learner_id == learner_id)):
        class_session = session.get(ClassSessionRow, attendance.session_id)
        assert class_session is not None
        facts.visits.append(
            OnsiteVisit(
                attendance.session_id,
                class_session.starts_at,
                class_session.ends_at,
                attendance.first_seen,
                attendance.last_seen,
                attendance.longest_continuous_minutes,
                attendance.times_left,
            )
        )
    facts.visits.sort(key=lambda v: v.start)
    for record in session.scalars(
        select(OnlineStudyRecordRow).where(OnlineStudyRecordRow.learner_id == learner_id)
    ):
        facts.online.append((record.starts_at, record.ends_at))
    events = select(EventRow).join(EventLearnerRow).where(EventLearnerRow.learner_id == learner_id)
    for event in session.scalars(events):
        if event.state is EventState.CONFIRMED:
            facts.confirmed_events += 1
            facts.confirmed_mismatch |= event.kind is EventKind.FACE_MISMATCH
        elif not event.state.is_closed:
            facts.open_events += 1
    for check in session.scalars(select(SpotCheckRow).where(SpotCheckRow.learner_id == learner_id)):
        if check.verdict is SpotCheckVerdict.PASS:
            facts.spot_passed += 1
        elif check.verdict is SpotCheckVerdict.FAIL:
            facts.spot_failed += 1
        elif check.verdict is SpotCheckVerdict.PENDING:
            facts.spot_pending += 1
    flagged = select(func.count(CapturedPhotoRow.id)).where(
        CapturedPhotoRow.learner_id == learner_id, CapturedPhotoRow.flags != "[]"
    )
    facts.flagged_photos = int(session.scalar(flagged) or 0)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="review-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        upgrade_to_head(url)
        database = Database(url)
        started = time.perf_counter()
        size = DemoSize(
            learners=args.learners, pending_completions=args.learners // 10, decided_completions=100
        )
        demo = build_demo_workspace(20220401, date(2025, 3, 14), Path(folder) / "media", size)
        save_demo_workspace(database, demo)
        photos = sum(len(r.photos) for r in demo.online_records)
        print(
            f"workspace: {len(demo.learners)} learners, {len(demo.class_sessions)} sessions, "
            f"{len(demo.attendance)} attendance rows, {len(demo.online_records)} online records, "
            f"{photos} photos (built in {time.perf_counter() - started:.1f} s)"
        )

        service = CompletionService(database)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            evidence = service.evaluate_scope(None)
            timings.append(time.perf_counter() - started)
        met = sum(1 for e in evidence.values() if e.met)
        print(
            f"bulk:  {len(evidence)} learners evaluated in median {statistics.median(timings):.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in timings)}); {met} meet the requirement; target ≤ 2 s"
        )
        started = time.perf_counter()
        pending = service.pending(None)
        print(f"pending requests with evidence: {len(pending)} in {time.perf_counter() - started:.2f} s")

        sample = sorted(evidence)[: args.naive_sample]
        started = time.perf_counter()
        with database.reading() as session:
            naive = {learner_id: evaluate_facts(naive_facts(session, learner_id)) for learner_id in sample}
        elapsed = time.perf_counter() - started
        per_learner = elapsed / max(1, len(sample))
        print(
            f"naive: {len(sample)} learners in {elapsed:.2f} s ({per_learner * 1000:.2f} ms each) → "
            f"≈ {per_learner * len(evidence):.1f} s for {len(evidence)}"
        )
        disagree = [learner_id for learner_id in sample if naive[learner_id] != evidence[learner_id]]
        print(f"naive and bulk agree on {len(sample) - len(disagree)} of {len(sample)} learners")
        database.dispose()


if __name__ == "__main__":
    main()
