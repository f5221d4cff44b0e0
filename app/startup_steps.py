"""The steps of start-up that the splash screen names while the bootstrap thread works.

`app.bootstrap.load_console` reports each step as it begins through a plain callback, on the
bootstrap thread; the splash (widgets/console_startup.py) shows the step's words, translated, on
the GUI thread. The steps that can take long on a first start are the demo's creation, migrations
and the recordings' recovery after a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum


class StartupStep(Enum):
    DATABASE = "database"  # opening the database (checking its schema)
    MIGRATIONS = "migrations"  # bringing the schema up to date
    DEMO = "demo"  # creating or reopening the demo workspace
    WORKSPACE = "workspace"  # reading the counties, sites, classrooms and users
    EVENTS = "events"  # today's demo events
    RECORDINGS = "recordings"  # settling segments a crash left open
    ANALYSIS = "analysis"  # face analysis and, in the demo, its live script


StepReport = Callable[[StartupStep], None]  # called on the bootstrap thread; must not block
