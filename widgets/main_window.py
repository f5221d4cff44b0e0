"""The console's main window: the county tree, six dockable panes, menus and the status bar.

It receives everything from the composition root (AppContext, Settings, TaskRunner, the signed-in
User) and does no I/O itself: the dashboard and the database probe run on the task runner, the
tree and titles come from the in-memory Workspace.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from app.context import AppContext
from app.domain.casework import Event
from app.domain.people import Scope, User
from app.i18n import Translators, build_qm, resolve_language
from app.settings import Settings
from app.tasks import TaskRunner
from widgets.about_dialog import AboutDialog
from widgets.dock_arrangement import DockArrangement
from widgets.journal_alert import JournalAlertBar
from widgets.panes.audit_pane import AuditPane
from widgets.panes.completions_pane import CompletionsPane
from widgets.panes.dashboard_figures import DrillDown
from widgets.panes.dashboard_pane import DashboardPane
from widgets.panes.deferred_pane import DeferredPane
from widgets.panes.events_pane import EventsPane
from widgets.panes.pane import Pane
from widgets.panes.spot_check_pane import SpotCheckPane
from widgets.panes.video_wall_pane import VideoWallPane
from widgets.quit_guard import confirm_quit, running_work
from widgets.resources import icon
from widgets.scope_text import describe_scope, workspace_caption
from widgets.scope_tree import ScopeTree
from widgets.settings_dialog import SettingsDialog
from widgets.status_bar import ConsoleStatusBar

if TYPE_CHECKING:
    from widgets.panes.recordings_pane import RecordingsPane

# How far before an event a recording opened from the Events pane starts.
EVENT_LEAD_IN = timedelta(seconds=5)
# How long an alarm's click waits for the camera's open recording segment to be closed.
ALARM_CUT_TIMEOUT_S = 4.0

# The Recordings pane's modules are imported in the background this long after the window shows.
RECORDINGS_WARM_UP_MS = 5_000

# Pane keys in View-menu order; Ctrl+1 … Ctrl+7 follow this order.
PANE_KEYS = ("video_wall", "events", "spot_check", "completions", "recordings", "dashboard", "audit")


@dataclass(slots=True)
class _PaneSlot:
    pane: Pane
    dock: QDockWidget
    action: QAction


class MainWindow(QMainWindow):
    """The console window. After the user picks another language in Settings it emits
    `language_changed(setting)` and, when the composition root has set `translators`, switches the
    installed translators itself (the .qm is built on a worker first)."""

    language_changed = Signal(str)
    settings_applied = Signal(object)  # set[str] of what changed, see SettingsDialog.changed
    _arrangement: DockArrangement  # made once the docks exist; a deferred pane calls it later
    translators: Translators | None = None  # set by the composition root after construction

    def __init__(
        self,
        context: AppContext,
        settings: Settings,
        tasks: TaskRunner,
        user: User,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._context = context
        self._settings = settings
        self._tasks = tasks
        self._user = user
        self._scope = user.scope
        self._restored_layout = False
        self._sized_docks = False

        self.setWindowIcon(icon("app"))
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        # QMainWindow needs a central widget; a hidden one lets the docks share the whole window.
        central = QWidget(self)
        central.setObjectName("hiddenCentral")
        central.hide()
        self.setCentralWidget(central)

        self.tree = ScopeTree(context.workspace, user.scope, self)
        self.tree_dock = self._dock("scopeTreeDock", self.tree)
        panes: dict[str, Pane] = {
            "video_wall": VideoWallPane(context, settings, tasks, user),
            "events": EventsPane(context, settings, tasks, user),
            # Tabbed behind the wall: built when first shown, off the first paint.
            # Their titles are fixed words: the tabs read the same before they exist.
            "spot_check": DeferredPane(
                SpotCheckPane.OBJECT_NAME,
                SpotCheckPane.ICON,
                lambda: QCoreApplication.translate("SpotCheckPane", "Spot-check"),
                lambda: SpotCheckPane(context, tasks, user),
            ),
            "completions": DeferredPane(
                CompletionsPane.OBJECT_NAME,
                CompletionsPane.ICON,
                lambda: QCoreApplication.translate("CompletionsPane", "Completions"),
                lambda: CompletionsPane(
                    context, tasks, user, rules=lambda: settings.classroom_rules.to_domain()
                ),
            ),
            "recordings": DeferredPane(
                "recordingsPane",
                "pane_recordings",
                lambda: QCoreApplication.translate("RecordingsPane", "Recordings"),
                lambda: _recordings_pane(context, tasks, user),
            ),
            "dashboard": DashboardPane(context.dashboard, context.workspace, tasks),
            "audit": DeferredPane(
                AuditPane.OBJECT_NAME,
                AuditPane.ICON,
                lambda: QCoreApplication.translate("AuditPane", "Audit log"),
                lambda: AuditPane(context, tasks, user),
            ),
        }
        self._slots: dict[str, _PaneSlot] = {}
        for number, key in enumerate(PANE_KEYS, start=1):
            pane = panes[key]
            dock = self._dock(f"{pane.OBJECT_NAME}Dock", pane)
            action = QAction(icon(pane.ICON), "", self)
            action.setObjectName(f"show_{key}")
            action.setCheckable(True)
            action.setIconVisibleInMenu(False)  # in menus an icon would hide the check mark
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            # Always show, raise and focus: Ctrl+N brings the pane, never toggles it away.
            action.triggered.connect(lambda _checked=False, k=key: self.show_pane(k))
            dock.toggleViewAction().toggled.connect(action.setChecked)
            if isinstance(pane, DeferredPane):
                dock.visibilityChanged.connect(lambda _visible, p=pane: p.maybe_shown())
                # A pane built after the layout was restored can squeeze the tree again.
                pane.content_built.connect(lambda: QTimer.singleShot(0, self._arrangement.keep_tree_readable))
            self._slots[key] = _PaneSlot(pane, dock, action)
        self._arrangement = DockArrangement(
            self, self.tree_dock, {key: slot.dock for key, slot in self._slots.items()}, self.dashboard
        )
        self._arrangement.arrange_default()
        self._default_state = self.saveState(Settings.STATE_VERSION)

        self.status = ConsoleStatusBar(context, user, tasks, self)
        self.setStatusBar(self.status)
        self.journal_alert = JournalAlertBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.journal_alert)
        self.status.journal_changed.connect(self.journal_alert.show_status)
        wall = self.video_wall
        wall.stream_health.connect(self.status.set_stream_health)
        wall.message.connect(lambda text: self.status.showMessage(text, 8000))
        self._build_menus()

        events = self._slots["events"].pane
        assert isinstance(events, EventsPane)
        events.open_event.connect(self.open_event)
        events.play_recording.connect(self.play_event_recording)
        # Alarms: the Events pane's poll marks the wall's tiles; a click plays the moments before.
        events.alarms.changed.connect(wall.set_alarms)
        wall.alarm_opened.connect(self.open_alarm)
        dashboard = self.dashboard
        dashboard.drill_down.connect(self.drill_down)
        dashboard.height_wanted.connect(self._arrangement.size_dashboard)
        self._quit_confirmed = False
        self._panes_stopped = False
        context.shutdown.register("window panes", self.stop_panes)  # before the task runner stops
        self.tree.scope_selected.connect(self.set_scope)
        self._restore_layout()
        # restoreState may show the alert bar as at the last quit: show today's state.
        self.journal_alert.hide()
        self.journal_alert.show_status(self.status.journal)
        self.retranslate()
        # The first scope is the user's whole area; selecting its node sets every pane.
        root = self.tree.root_scope()
        if root is None or not self.tree.select_scope(root):
            self.set_scope(user.scope)

    # -- construction helpers

    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)  # saveState/restoreState key: never rename
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_menus(self) -> None:
        self._file_menu = QMenu(self)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)  # closeEvent asks while recording or analysing
        self.calibration_action = QAction(self)
        self.calibration_action.setObjectName("calibrate_faces")
        self.calibration_action.triggered.connect(self.open_calibration)
        self._file_menu.addAction(self.settings_action)
        self._file_menu.addAction(self.calibration_action)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.quit_action)

        self._view_menu = QMenu(self)
        for slot in self._slots.values():
            self._view_menu.addAction(slot.action)
        self._view_menu.addSeparator()
        self.tree_action = QAction(self)
        self.tree_action.setObjectName("show_tree")
        self.tree_action.setCheckable(True)
        self.tree_action.setChecked(True)
        self.tree_action.setShortcut(QKeySequence("Ctrl+0"))
        self.tree_action.triggered.connect(self.show_tree)
        self.tree_dock.toggleViewAction().toggled.connect(self.tree_action.setChecked)
        self._view_menu.addAction(self.tree_action)
        self._view_menu.addSeparator()
        self.reset_layout_action = QAction(self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self._view_menu.addAction(self.reset_layout_action)

        self._help_menu = QMenu(self)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        self._help_menu.addAction(self.about_action)

        for menu in (self._file_menu, self._view_menu, self._help_menu):
            self.menuBar().addMenu(menu)

    def _restore_layout(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            # First start: large, but never bigger than the screen (1366×768 laptops exist).
            available = self.screen().availableGeometry()
            self.resize(min(1440, available.width() * 9 // 10), min(900, available.height() * 9 // 10))
        state = self._settings.window_state
        self._restored_layout = state is not None and self.restoreState(state, Settings.STATE_VERSION)
        for slot in self._slots.values():
            slot.action.setChecked(not slot.dock.isHidden())
        self.tree_action.setChecked(not self.tree_dock.isHidden())

    # -- public API

    @property
    def scope(self) -> Scope:
        return self._scope

    @property
    def panes(self) -> dict[str, Pane]:
        return {key: slot.pane for key, slot in self._slots.items()}

    @property
    def docks(self) -> dict[str, QDockWidget]:
        return {key: slot.dock for key, slot in self._slots.items()}

    @property
    def video_wall(self) -> VideoWallPane:
        pane = self._slots["video_wall"].pane
        assert isinstance(pane, VideoWallPane)
        return pane

    @property
    def dashboard(self) -> DashboardPane:
        pane = self._slots["dashboard"].pane
        assert isinstance(pane, DashboardPane)
        return pane

    @property
    def events(self) -> EventsPane:
        pane = self._slots["events"].pane
        assert isinstance(pane, EventsPane)
        return pane

    @property
    def recordings(self) -> RecordingsPane:
        """The Recordings pane, built now if it was never shown."""
        return self._recordings_slot().content()

    def _recordings_slot(self) -> DeferredPane[RecordingsPane]:
        pane = self._slots["recordings"].pane
        assert isinstance(pane, DeferredPane)
        return pane

    def open_event(self, event: Event) -> None:
        """An event opened in the Events pane: still ongoing, its camera live on the wall; over, its
        recording from just before it started."""
        if event.camera_id is None:
            return
        if event.ended_at is None:
            self.show_pane("video_wall")
            self.video_wall.show_camera(event.camera_id)
        else:
            self.play_event_recording(event)

    def play_event_recording(self, event: Event) -> None:
        """The Recordings pane at the event's camera, a few seconds before it started (the lead-in
        shows how it came about)."""
        if event.camera_id is None:
            return
        # Choose first, then show: a pane shown first loads the choice once.
        self.recordings.show_recording(event.camera_id, event.started_at - EVENT_LEAD_IN)
        self.show_pane("recordings")

    def open_alarm(self, camera_id: int, at: datetime) -> None:
        """An alarmed tile was clicked: the camera's recording from `at` (30 s before the event),
        playable at once. The segment being written is not playable yet, so it is cut first (on a
        worker: it waits for the next keyframe, a second or two), then the day is read afresh."""
        recording = self._context.recording

        def cut() -> bool:
            return recording.cut(camera_id, ALARM_CUT_TIMEOUT_S)

        def show(_done: object = None) -> None:
            self.recordings.show_recording(camera_id, at, reread=True)
            self.show_pane("recordings")

        self._tasks.run(cut, show, show)

    def drill_down(self, target: DrillDown) -> None:
        """What a click on the Dashboard asks for: a county's or site's bar narrows the whole window
        to it (through the tree, as if picked there); the Events pane is filtered; the pane shows."""
        if (
            target.scope is not None
            and target.scope != self._scope
            and not self.tree.select_scope(target.scope)
        ):
            self.set_scope(target.scope)  # filtered out of the tree by its search box
        if target.pane == "events":
            self.events.filter_bar.show_only(
                kind=target.kind,
                state=target.state,
                period=target.period,
                hour=target.hour,
                severities=target.severities,
            )
        self.show_pane(target.pane)

    def pane_action(self, key: str) -> QAction:
        return self._slots[key].action

    def set_scope(self, scope: Scope) -> None:
        """Show `scope` in every pane. Called when the tree's current node changes."""
        self._scope = scope
        for slot in self._slots.values():
            slot.pane.set_scope(scope)
        self._update_title()

    def show_pane(self, key: str) -> None:
        """Show, raise and focus a pane (View menu, Ctrl+1 … Ctrl+7)."""
        slot = self._slots[key]
        slot.dock.show()
        slot.dock.raise_()
        slot.action.setChecked(True)
        slot.pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_tree(self) -> None:
        """Show the county tree and put the cursor in its filter box (Ctrl+0)."""
        self.tree_dock.show()
        self.tree_dock.raise_()
        self.tree_action.setChecked(True)
        self.tree.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree.filter_edit.selectAll()

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, Settings.STATE_VERSION)
        for dock in (self.tree_dock, *self.docks.values()):
            dock.setFloating(False)
            dock.show()
        self._slots["video_wall"].dock.raise_()
        self._slots["events"].dock.raise_()
        self._arrangement.size_default()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self._settings, self._context.database, self, analysis=self._context.analysis)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        changed = set(dialog.changed)
        if "database_url" in changed:
            self.status.showMessage(self.tr("The new database URL takes effect after a restart."), 10_000)
        if "language" in changed:
            self.switch_language(self._settings.language)
        if changed:
            self.settings_applied.emit(changed)

    def switch_language(self, setting: str) -> None:
        """Install the translators for `setting`; every open widget then retranslates itself."""
        self.language_changed.emit(setting)
        translators = self.translators
        if translators is None:
            return
        language = resolve_language(setting)
        # build_qm may run lrelease: on a worker. Install on the GUI thread, even if it failed.
        self._tasks.run(
            lambda: build_qm(language),
            lambda _path: translators.install(language),
            lambda _error: translators.install(language),
        )

    def open_about(self) -> None:
        AboutDialog(self._context, self).exec()

    def open_calibration(self) -> None:
        tools = self._context.calibration
        from widgets.calibration_dialog import CalibrationDialog  # pyqtgraph: loaded when first used

        CalibrationDialog(
            tools.calibrate, tools.save, self._tasks, workspace_source=tools.workspace_source, parent=self
        ).exec()

    # -- events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized_docks:
            self._sized_docks = True
            # After the first layout pass, so that the window's real size is known.
            arrangement = self._arrangement
            first = arrangement.keep_tree_readable if self._restored_layout else arrangement.size_default
            QTimer.singleShot(0, first)
            QTimer.singleShot(RECORDINGS_WARM_UP_MS, self._warm_up_recordings)

    def _warm_up_recordings(self) -> None:
        if not self._recordings_slot().built:
            # Only imports (module and class definitions, no widgets): safe off the GUI thread.
            self._tasks.run(lambda: importlib.import_module(RECORDINGS_MODULE), lambda _module: None)

    def confirm_quit(self, work: list[str]) -> bool:
        """Ask whether to quit although `work` stops with the console (tests replace this)."""
        return confirm_quit(self, work, self._context.journal.status())

    def quit_without_asking(self) -> None:
        """Close at once (the OS shutting down, --quit-after): the same orderly close as Ctrl+Q."""
        self._quit_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quit_confirmed:
            work = running_work(self._context)
            if work and not self.confirm_quit(work):
                event.ignore()
                return
        self._quit_confirmed = True  # the close goes ahead: never ask twice
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState(Settings.STATE_VERSION)
        self._settings.sync()
        self.stop_panes()
        super().closeEvent(event)

    def stop_panes(self) -> None:
        """Stop the panes' timers, threads and claims (at the close, or on the console's shutdown
        list if the window never closed). Idempotent."""
        if self._panes_stopped:
            return
        self._panes_stopped = True
        self.status.stop()
        self.video_wall.stop()
        dashboard = self._slots["dashboard"].pane
        if isinstance(dashboard, DashboardPane):
            dashboard.stop()
        spot_check = self._built_pane("spot_check")
        if isinstance(spot_check, SpotCheckPane):
            spot_check.stop()  # hand claimed photos back to colleagues
        events = self._slots["events"].pane
        if isinstance(events, EventsPane):
            events.stop()  # its poll timer must not query a database being shut down
        completions = self._built_pane("completions")
        if isinstance(completions, CompletionsPane):
            completions.stop()  # likewise its live refresh
        if self._recordings_slot().built:
            self.recordings.stop()  # its player thread decodes files

    def _built_pane(self, key: str) -> Pane | None:
        """The real pane behind `key`, or None if it is a stand-in never shown (nothing to stop)."""
        pane = self._slots[key].pane
        if isinstance(pane, DeferredPane):
            return pane.content() if pane.built else None
        return pane

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._update_title()
        self.tree_dock.setWindowTitle(self.tr("Sites"))
        for number, slot in enumerate(self._slots.values(), start=1):
            title = slot.pane.pane_title()
            slot.dock.setWindowTitle(title)
            slot.action.setText(title)
            slot.action.setToolTip(
                self.tr("Show %1 (Ctrl+%2)").replace("%1", title).replace("%2", str(number))
            )
        self._file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.calibration_action.setText(self.tr("&Calibrate face verification…"))
        self.quit_action.setText(self.tr("&Quit"))
        self._view_menu.setTitle(self.tr("&View"))
        self.tree_action.setText(self.tr("Sites"))
        self.reset_layout_action.setText(self.tr("&Reset layout"))
        self._help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Liangjiao Console"))

    def _update_title(self) -> None:
        parts = [self.tr("Liangjiao Console"), workspace_caption(self._context)]
        if self._scope != Scope.city():
            parts.append(describe_scope(self._context.workspace, self._scope))
        self.setWindowTitle(" — ".join(parts))


RECORDINGS_MODULE = "widgets.panes.recordings_pane"


def _recordings_pane(context: AppContext, tasks: TaskRunner, user: User) -> RecordingsPane:
    """Imports pyqtgraph and the playback package on first use (see DeferredPane)."""
    module = importlib.import_module(RECORDINGS_MODULE)
    pane: RecordingsPane = module.RecordingsPane(context, tasks, user)
    return pane
