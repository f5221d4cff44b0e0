#!/usr/bin/env python3
"""Verdict key → next spot-check photo painted, in the real review view with simulated key presses.

    .venv/bin/python bench/review_verdict_latency.py [--items 60] [--pace 0.3] [--xvfb]

Builds a small demo workspace in a temp SQLite file, renders the photos of one sampled day, starts
a ReviewView with the threaded TaskRunner (claims and decoding on workers, as in the console), then
presses P every `--pace` seconds and measures, on the GUI thread, the time from the key press to the
end of the capture panel's next paintEvent showing the new item. Target: median ≤ 50 ms.
Also reported: how often the next item was not decoded yet (the reviewer outran the prefetch) and
a baseline that decodes the next item on the GUI thread after the key (no prefetch).
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--pace", type=float, default=0.3, help="seconds between verdicts")
    parser.add_argument("--xvfb", action="store_true", help="use the current DISPLAY instead of offscreen")
    args = parser.parse_args()
    if not args.xvfb:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.demo.media import materialise
    from app.demo.media_jobs import CapturePhotoJob, EnrolmentPhotoJob
    from app.demo.workspace_seed import DemoSize, build_demo_workspace, save_demo_workspace
    from app.domain.enums import Post
    from app.domain.people import Scope
    from app.persistence import Database, upgrade_to_head
    from app.review.review_images import decode_item
    from app.review.services import ReviewServices
    from app.review.spot_check_sampling import SamplingPolicy
    from app.tasks import TaskRunner
    from widgets.review.review_view import ReviewView

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="review-latency-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        upgrade_to_head(url)
        database = Database(url)
        demo = build_demo_workspace(
            20220401, date(2025, 3, 14), Path(folder) / "media", DemoSize(400, 40, 10)
        )
        save_demo_workspace(database, demo)
        services = ReviewServices(database)
        supervisor = next(u for u in demo.users if u.post is Post.SUPERVISOR)
        days = Counter(p.captured_at.date() for r in demo.online_records for p in r.photos)
        chosen = []
        for day, _count in days.most_common():
            services.sample_day(day, SamplingPolicy(random_share=1.0, seed=1), supervisor)
            chosen.append(day)
            if sum(days[d] for d in chosen) >= args.items + 10:
                break
        learners = {
            p.learner_id for r in demo.online_records for p in r.photos if p.captured_at.date() in chosen
        }
        jobs = [job for job in demo.media_jobs if isinstance(job, EnrolmentPhotoJob | CapturePhotoJob)]
        wanted = {str(p.path) for x in demo.learners if x.id in learners for p in x.photos}
        wanted |= {p.path for r in demo.online_records for p in r.photos if p.learner_id in learners}
        started = time.perf_counter()
        made = materialise([job for job in jobs if str(job.path) in wanted])
        print(f"rendered {made} photos for {len(learners)} learners in {time.perf_counter() - started:.1f} s")

        tasks = TaskRunner(max_threads=2)
        view = ReviewView(services.spot_checks, tasks, supervisor)
        view.resize(1100, 760)
        view.show()
        view.start(Scope.city())
        deadline = time.perf_counter() + 10
        while view.current is None and time.perf_counter() < deadline:
            app.processEvents()
        time.sleep(1.0)  # let the prefetch fill, as it does while the reviewer looks at the first photo
        app.processEvents()

        latencies: list[float] = []
        not_ready = 0
        for _ in range(args.items):
            before = view.current
            if before is None:
                break
            painted = view.capture_view.paint_count
            t0 = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_P)
            if view.current is None:
                not_ready += 1
            limit = t0 + 5
            while time.perf_counter() < limit:
                app.processEvents()
                current = view.current
                if current is not None and current is not before and view.capture_view.paint_count > painted:
                    break
                time.sleep(0.0005)
            latencies.append((time.perf_counter() - t0) * 1000)
            end_of_pause = time.perf_counter() + args.pace
            while time.perf_counter() < end_of_pause:
                app.processEvents()
                time.sleep(0.002)
        view.stop()
        deadline = time.perf_counter() + 5
        while tasks.pending_count() and time.perf_counter() < deadline:
            app.processEvents()
        tasks.shutdown()

        print(
            f"verdict → next painted over {len(latencies)} verdicts (pace {args.pace:.2f} s): "
            f"median {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
            f"max {max(latencies):.1f} ms; next item not decoded yet {not_ready}×; target median ≤ 50 ms"
        )

        # Baseline: no prefetch; decode on the GUI thread after the key.
        items = services.spot_checks.claim(supervisor, None, 20) or services.spot_checks.held_by(supervisor)
        baseline = []
        for item in items[:20]:
            t0 = time.perf_counter()
            decode_item(item)
            baseline.append((time.perf_counter() - t0) * 1000)
        if baseline:
            print(
                "baseline (decode on the GUI thread after the key): "
                f"median {statistics.median(baseline):.1f} ms, "
                f"p95 {percentile(baseline, 0.95):.1f} ms before anything could be painted"
            )
        database.dispose()


if __name__ == "__main__":
    main()
