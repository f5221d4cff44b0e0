"""From a QApplication to a shown main window, and back out: settings, language, loading, login,
window, and an orderly exit.

The blocking part (opening or creating the database, migrations, loading the workspace) runs on a
worker thread while a splash screen keeps painting and names the step under way; nothing here
touches the database itself. SIGTERM (the OS shutting down), SIGINT and SIGHUP close the window as
File → Quit does, without asking, so that recording segments are closed and face analysis' shared
memory is released exactly as after Ctrl+Q (app/shutdown_signals.py wakes Qt's loop for them).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSplashScreen

from app.bootstrap import BootstrapError, BootstrapOptions, LoadedConsole, load_console
from app.domain.enums import Post
from app.domain.people import User
from app.gui_stall_probe import GuiStallProbe
from app.i18n import Translators, resolve_language
from app.settings import Settings
from app.shutdown_signals import ShutdownSignals
from app.startup_steps import StartupStep
from app.tasks import TaskRunner
from widgets.theme import apply_theme

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

log = logging.getLogger(__name__)

SCREENSHOT_DEFAULT_DELAY_S = 4.0
# The garbage collector, off since main.py, resumes this long after the window shows.
GC_RESUME_AFTER_MS = 5_000
SCREENSHOT_SIZE = (1600, 1000)


def _splash() -> QSplashScreen:
    pixmap = QPixmap(520, 200)
    pixmap.fill(QColor("#1f2a36"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#e8eef4"))
    font = QFont()
    font.setPointSize(20)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, -30, 0, -30), Qt.AlignmentFlag.AlignCenter, "两个教育监督台")
    font.setPointSize(11)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, 40, 0, 40), Qt.AlignmentFlag.AlignCenter, "Liangjiao Console")
    painter.end()
    return QSplashScreen(pixmap)


def step_text(step: StartupStep | None) -> str:
    """What the splash says during `step` (None: the window is being built)."""
    texts = {
        StartupStep.DATABASE: QApplication.translate("Startup", "Opening the database…"),
        StartupStep.MIGRATIONS: QApplication.translate("Startup", "Updating the database schema…"),
        StartupStep.DEMO: QApplication.translate(
            "Startup", "Preparing the demo workspace (the first start takes a while)…"
        ),
        StartupStep.WORKSPACE: QApplication.translate("Startup", "Loading counties, sites and classrooms…"),
        StartupStep.EVENTS: QApplication.translate("Startup", "Loading today's events…"),
        StartupStep.RECORDINGS: QApplication.translate("Startup", "Checking the recordings…"),
        StartupStep.ANALYSIS: QApplication.translate("Startup", "Preparing face analysis…"),
    }
    return texts[step] if step is not None else QApplication.translate("Startup", "Opening the main window…")


def _load_and_import(options: BootstrapOptions, report: Callable[[StartupStep], None]) -> LoadedConsole:
    """The bootstrap thread's work: load the console, then import the window's modules (about a
    third of a second of importing every pane), so that the splash keeps painting through both."""
    loaded = load_console(options, report)
    importlib.import_module("widgets.main_window")  # only module and class definitions, no widgets
    return loaded


def _start_in_background(loaded: LoadedConsole) -> threading.Thread:
    """Start face analysis, photo scoring (process spawns) and the demo's media on a thread of
    their own: spawning on the GUI thread stalled it up to a quarter of a second as the window
    first showed. Join it before LoadedConsole.shutdown()."""
    starter = threading.Thread(target=loaded.start_background_work, name="background-start", daemon=True)
    starter.start()
    return starter


def _resume_garbage_collection() -> None:
    """Move every object alive now into the collector's permanent generation, then collect again:
    later collections walk only what the running console makes, a few ms instead of 100–300 ms."""
    gc.freeze()
    gc.enable()
    log.info("garbage collection resumed; %d start-up objects frozen", gc.get_freeze_count())


def _say(splash: QSplashScreen, text: str) -> None:
    splash.showMessage(text, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter, QColor("#c9d6e2"))


def _wait_for(
    future: Future[LoadedConsole], splash: QSplashScreen, app: QApplication, steps: list[StartupStep]
) -> LoadedConsole:
    """Keep the splash painting, and naming the step the worker reported last (`steps` grows on the
    worker thread), while it loads; re-raise the worker's error here."""
    shown = 0
    while not future.done():
        if len(steps) != shown:
            shown = len(steps)
            _say(splash, step_text(steps[-1]))
        app.processEvents()
        time.sleep(0.01)
    _say(splash, step_text(None))
    app.processEvents()
    return future.result()


def _choose_user(loaded: LoadedConsole, args: argparse.Namespace, settings: Settings) -> User | None:
    users = loaded.context.users
    if args.user:
        match = next((u for u in users if u.login == args.user), None)
        if match is None:
            raise BootstrapError(
                QApplication.translate("Startup", "No user with login “%1”.").replace("%1", args.user)
            )
        return match
    if args.screenshot is not None:
        # Documentation screenshots show the supervisory post's view of the whole city.
        return next((u for u in users if u.post is Post.SUPERVISOR), users[0])
    from widgets.login_dialog import LoginDialog

    dialog = LoginDialog(users, settings, loaded.context.workspace)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.selected_user()


class _FirstPaintReporter(QObject):
    """Prints when the window first paints, so start-up time can be measured from outside."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"window-shown {time.time():.3f}", flush=True)
            watched.removeEventFilter(self)
        return False


def run_console(app: QApplication, args: argparse.Namespace, probe: GuiStallProbe | None = None) -> int:
    settings = Settings(args.settings_file) if args.settings_file else Settings()
    translators = Translators()
    translators.install(resolve_language(args.language or settings.language))
    apply_theme(app)

    signals = ShutdownSignals(app)  # from now on SIGTERM means "close in order", not "die"
    stop_requested: list[int] = signals.received
    shown: list[MainWindow] = []  # the window, once there is one

    def on_signal(_number: int) -> None:
        while (modal := QApplication.activeModalWidget()) is not None:
            modal.close()  # the login dialog, the quit question, a settings dialog: they stand down
            if modal.isVisible():
                break
        for window in shown:
            window.quit_without_asking()
            app.quit()

    signals.requested.connect(on_signal)
    splash = _splash()
    splash.show()
    _say(splash, step_text(StartupStep.DATABASE))
    options = BootstrapOptions(
        demo=bool(args.demo),
        database_url=args.database or settings.database_url,
        analysis=not getattr(args, "no_analysis", False),
        classroom_rules=settings.classroom_rules.to_domain(),
        retention=settings.retention,
        analysis_preferences=settings.analysis,
    )
    steps: list[StartupStep] = []  # appended on the bootstrap thread, read by the splash loop
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bootstrap") as pool:
        future = pool.submit(_load_and_import, options, steps.append)
        loaded: LoadedConsole | None = None
        try:
            loaded = _wait_for(future, splash, app, steps)
            user = None if stop_requested else _choose_user(loaded, args, settings)
        except BootstrapError as exc:
            splash.close()
            if loaded is not None:
                loaded.shutdown()  # the services it started (writers, recorders) must not outlive us
            log.error("start-up failed: %s", exc)
            if args.screenshot is None:
                QMessageBox.critical(None, QApplication.translate("Startup", "Cannot start"), str(exc))
            else:
                print(f"error: {exc}")
            return 2
        except BaseException:
            if loaded is not None:
                loaded.shutdown()
            raise
    splash.close()
    try:
        if user is None or stop_requested:  # no sign-in, or the OS stopped us while loading
            return 0
        return _run_window(app, args, loaded, user, settings, translators, shown, probe)
    finally:
        # Every quit path ends here (Ctrl+Q, the window closed, a signal, a failure): the panes,
        # the task runner and the services stop in the shutdown list's order, once.
        loaded.shutdown()
        log.info("the console closed in order%s", f" (signal {stop_requested[0]})" if stop_requested else "")


def _run_window(
    app: QApplication,
    args: argparse.Namespace,
    loaded: LoadedConsole,
    user: User,
    settings: Settings,
    translators: Translators,
    shown: list[MainWindow],
    probe: GuiStallProbe | None,
) -> int:
    """Show the window for `user`, start the background work, and run until the window closes."""
    from widgets.main_window import MainWindow  # imported on the bootstrap thread already

    started: list[threading.Thread] = []  # the background start, once under way

    def wait_for_start() -> None:
        for starter in started:  # what it started must be there to be stopped
            starter.join(timeout=30)

    loaded.shutdown_list.register("background start", wait_for_start)  # after the task runner
    tasks = TaskRunner()
    loaded.shutdown_list.register("task runner", partial(tasks.shutdown, timeout_ms=3000))
    review = loaded.context.review
    if review is not None:  # the audit log records every sign-in; a worker writes it
        tasks.run(lambda: review.record_login(user), lambda _entry: None)
    window = MainWindow(loaded.context, settings, tasks, user)
    shown.append(window)
    window.translators = translators  # the settings dialog swaps language at run time
    if args.layout:
        try:
            window.video_wall.set_layout(args.layout)
        except KeyError:
            log.error("unknown video wall layout %r (use 1, 2x2 … 6x6, 1+5, 1+7)", args.layout)
    if args.report_startup:
        reporter = _FirstPaintReporter(window)
        window.installEventFilter(reporter)
    size = getattr(args, "window_size", None)
    if size is not None:
        window.resize(*size)
    elif args.screenshot is not None:
        # Documentation size, whatever the (virtual) screen: the offscreen platform reports 800×800.
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if getattr(args, "pane", None):
        window.show_pane(args.pane)
    started.append(_start_in_background(loaded))
    QTimer.singleShot(GC_RESUME_AFTER_MS, _resume_garbage_collection)

    if args.screenshot is not None or args.quit_after is not None:
        delay = args.quit_after if args.quit_after is not None else SCREENSHOT_DEFAULT_DELAY_S

        def finish() -> None:
            if args.stats is not None:
                window.video_wall.write_stats(args.stats, probe.summary() if probe is not None else None)
                print(f"stats written to {args.stats}", flush=True)
            if args.screenshot is not None:
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                ok = window.grab().save(str(args.screenshot))
                print(f"screenshot {'written to' if ok else 'FAILED:'} {args.screenshot}", flush=True)
            window.quit_without_asking()
            app.quit()

        QTimer.singleShot(int(delay * 1000), finish)
    code = app.exec()
    if args.stats is not None and args.quit_after is None and args.screenshot is None:
        # Closed by the user: the figures are still there.
        window.video_wall.write_stats(args.stats, probe.summary() if probe is not None else None)
    return code
