"""The county → site → classroom tree on the left; picking a node sets the scope of every pane.

Built once from the in-memory Workspace (no database access) and limited to the user's own scope:
a 管理岗 sees only their county, a 受理岗 only their site.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from app.domain.enums import ScopeLevel, SiteKind
from app.domain.geography import Classroom, County, Site, Workspace
from app.domain.people import Scope
from app.video.wall_layout import cameras_in_scope
from widgets.labels import site_kind_icon_name, site_kind_label
from widgets.resources import icon
from widgets.scope_text import name_within
from widgets.video_wall.camera_mime import CAMERAS_MIME, cameras_mime

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Scope a node stands for
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # SiteKind of site nodes, for tooltips after a language switch
FULL_NAME_ROLE = Qt.ItemDataRole.UserRole + 7  # a node's full name (sites are shown shortened)


CAMERAS_ROLE = Qt.ItemDataRole.UserRole + 3  # (cameras, disabled cameras) under the node


class ScopeTreeModel(QStandardItemModel):
    """Two columns: the place, and how many cameras it has."""

    def __init__(self, workspace: Workspace, user_scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setColumnCount(2)
        root = self.invisibleRootItem()
        if user_scope.level is ScopeLevel.CITY:
            city = self._node(workspace.city.name, "city", Scope.city())
            for county in workspace.counties:
                city[0].appendRow(self._county_row(county))
            root.appendRow(city)
        elif user_scope.level is ScopeLevel.COUNTY:
            for county in workspace.counties:
                if county.id == user_scope.county_id:
                    root.appendRow(self._county_row(county))
        else:
            for site in workspace.sites:
                if site.id == user_scope.site_id and site.county_id == user_scope.county_id:
                    root.appendRow(self._site_row(site))
        for row in range(self.rowCount()):
            self._sum_cameras(self.item(row, 0), self.item(row, 1))
        self.retranslate()

    def _node(self, name: str, icon_name: str, scope: Scope) -> list[QStandardItem]:
        item = QStandardItem(icon(icon_name), name)
        item.setData(scope, SCOPE_ROLE)
        item.setData(name, FULL_NAME_ROLE)
        item.setEditable(False)
        count = QStandardItem()
        count.setEditable(False)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [item, count]

    def _county_row(self, county: County) -> list[QStandardItem]:
        row = self._node(county.name, "county", Scope(ScopeLevel.COUNTY, county.id))
        for site in self._workspace.sites_of(county.id):
            row[0].appendRow(self._site_row(site, county))
        return row

    def _site_row(self, site: Site, county: County | None = None) -> list[QStandardItem]:
        # Under its county a site drops the county's name; as the root it keeps it.
        row = self._node(
            site.name if county is None else name_within(site.name, county.name),
            site_kind_icon_name(site.kind),
            Scope(ScopeLevel.SITE, site.county_id, site.id),
        )
        row[0].setData(site.name, FULL_NAME_ROLE)
        row[0].setData(site.kind, KIND_ROLE)
        for classroom in self._workspace.classrooms_of(site.id):
            row[0].appendRow(self._classroom_row(site, classroom))
        return row

    def _classroom_row(self, site: Site, classroom: Classroom) -> list[QStandardItem]:
        scope = Scope(ScopeLevel.SITE, site.county_id, site.id, classroom.id)
        row = self._node(classroom.name, "classroom", scope)
        cameras = self._workspace.cameras_of(classroom.id)
        row[0].setData((len(cameras), sum(not c.enabled for c in cameras)), CAMERAS_ROLE)
        return row

    def _sum_cameras(self, item: QStandardItem, count_item: QStandardItem) -> tuple[int, int]:
        # Classrooms carry their own counts; every other node adds up its children.
        totals = item.data(CAMERAS_ROLE)
        if totals is None:
            cameras = disabled = 0
            for row in range(item.rowCount()):
                child_total, child_disabled = self._sum_cameras(item.child(row, 0), item.child(row, 1))
                cameras, disabled = cameras + child_total, disabled + child_disabled
            totals = (cameras, disabled)
            item.setData(totals, CAMERAS_ROLE)
        count_item.setText(str(totals[0]))
        return totals

    def retranslate(self) -> None:
        self.setHorizontalHeaderItem(0, QStandardItem(self.tr("Area")))
        # A camera glyph instead of a word keeps the count column narrow in both languages.
        cameras_header = QStandardItem(icon("camera"), "")
        cameras_header.setToolTip(self.tr("Cameras"))
        self.setHorizontalHeaderItem(1, cameras_header)
        for row in range(self.rowCount()):
            self._retranslate_item(self.item(row, 0), self.item(row, 1))

    def _retranslate_item(self, item: QStandardItem, count_item: QStandardItem) -> None:
        cameras, disabled = item.data(CAMERAS_ROLE)
        text = self.tr("%n camera(s)", "", cameras)
        if disabled:
            text += " " + self.tr("(%n disabled)", "", disabled)
        count_item.setToolTip(text)
        kind = item.data(KIND_ROLE)
        name = item.data(FULL_NAME_ROLE)
        item.setToolTip(f"{name}\n{site_kind_label(SiteKind(kind))}" if kind else name)
        for row in range(item.rowCount()):
            self._retranslate_item(item.child(row, 0), item.child(row, 1))

    # -- dragging a node onto the video wall puts its enabled cameras on the tiles

    def mimeTypes(self) -> list[str]:
        return [CAMERAS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        cameras: list[int] = []
        for index in indexes:
            scope = index.data(SCOPE_ROLE) if index.column() == 0 else None
            if scope is not None:
                cameras += [c for c in self.camera_ids(scope) if c not in cameras]
        return cameras_mime(cameras)

    def camera_ids(self, scope: Scope) -> list[int]:
        """Enabled cameras under the node for `scope`, in workspace order."""
        return [camera.id for camera in cameras_in_scope(self._workspace, scope)]

    def index_of(self, scope: Scope) -> QModelIndex:
        """The first-column index of the node for `scope`, or an invalid index."""
        # A walk rather than QAbstractItemModel.match: Scope is a Python object inside a QVariant.
        pending = [self.item(row, 0) for row in range(self.rowCount())]
        while pending:
            item = pending.pop()
            if item.data(SCOPE_ROLE) == scope:
                return item.index()
            pending.extend(item.child(row, 0) for row in range(item.rowCount()))
        return QModelIndex()


class ScopeTree(QWidget):
    """Filter box over the tree. Emits `scope_selected(Scope)` when the current node changes."""

    scope_selected = Signal(object)

    def __init__(self, workspace: Workspace, user_scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scopeTree")
        self.model = ScopeTreeModel(workspace, user_scope, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setRecursiveFilteringEnabled(True)  # keep ancestors of a matching classroom
        self._proxy.setAutoAcceptChildRows(True)  # and show what is inside a matching county
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setFilterKeyColumn(0)
        self._proxy.setFilterRole(FULL_NAME_ROLE)  # "七星关区车管所" finds the site shown as 车管所

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.view = QTreeView(self)
        self.view.setModel(self._proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformRowHeights(True)
        self.view.setDragEnabled(True)  # onto the video wall
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setAlternatingRowColors(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.expandToDepth(1)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self.retranslate()

    def root_scope(self) -> Scope | None:
        """The scope of the top node: what the user may see at most."""
        item = self.model.item(0, 0)
        return None if item is None else item.data(SCOPE_ROLE)

    def select_scope(self, scope: Scope) -> bool:
        """Make the node for `scope` current (emitting scope_selected). False if not in the tree."""
        source = self.model.index_of(scope)
        index = self._proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        if current.isValid():
            scope = self._proxy.index(current.row(), 0, current.parent()).data(SCOPE_ROLE)
            if scope is not None:
                self.scope_selected.emit(scope)

    def _apply_filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()  # show where the matches are
        else:
            self.view.expandToDepth(1)
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter counties, sites, classrooms…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
