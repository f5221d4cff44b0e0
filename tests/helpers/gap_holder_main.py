"""A stand-in console process for the crash test: a real RestartSupervisor and GapRecorder on a
database, one subsystem down for good, heartbeats every 0.2 s — until the test kills it (-9).

    python -m tests.helpers.gap_holder_main DATABASE_URL
"""

from __future__ import annotations

import sys
import time

from app.domain.coverage_gaps import Subsystem
from app.gap_recorder import GapRecorder
from app.restart_supervisor import Backoff, Health, RestartSupervisor


class NeverStarts:
    def health(self) -> Health:
        return Health(False, "enrolment failed: database or disk is full", (1,))

    def restart(self) -> None:
        raise OSError(28, "No space left on device")


def main() -> None:
    from app.persistence import Database

    database = Database(sys.argv[1])
    gaps = GapRecorder(database, heartbeat_s=0.2)  # this machine, like the console
    supervisor = RestartSupervisor(gaps, tick_s=0.05)
    supervisor.add("face analysis", Subsystem.FACE_ANALYSIS, NeverStarts(), Backoff(0.1, 2.0, 0.5))
    supervisor.start()
    print("supervising", flush=True)
    while True:  # hold the gap until the test kills this process
        time.sleep(1)


if __name__ == "__main__":
    main()
