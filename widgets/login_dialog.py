"""Demo sign-in: pick who you are from the workspace's users, grouped by post.

There is no password here on purpose: real authentication arrives with the platform connection,
and a fake password box would suggest a protection that does not exist.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Post
from app.domain.geography import Workspace
from app.domain.people import User
from app.settings import Settings
from widgets.labels import post_label, scope_level_label
from widgets.resources import icon
from widgets.scope_text import describe_scope

_USER_ROLE = Qt.ItemDataRole.UserRole + 1
_POST_ROLE = Qt.ItemDataRole.UserRole + 2
_POST_ORDER = (Post.SUPERVISOR, Post.COUNTY_MANAGER, Post.ACCEPTANCE, Post.DUTY_MANAGER)


class LoginDialog(QDialog):
    """`exec()` then `selected_user()`; accepting remembers the login in settings.

    Pass the workspace to label each user's area by name (七星关区 …) rather than by level.
    """

    def __init__(
        self,
        users: list[User],
        settings: Settings,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._settings = settings
        self._workspace = workspace
        self._users = [u for u in users if u.active]

        logo = QLabel(self)
        logo.setPixmap(icon("app").pixmap(48, 48))
        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._prompt = QLabel(self)
        self._prompt.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self._title)
        heading.addWidget(self._prompt)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.user_list = QTreeWidget(self)
        self.user_list.setColumnCount(3)
        self.user_list.setRootIsDecorated(False)
        self.user_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.user_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.user_list.header().setStretchLastSection(True)
        self.user_list.itemDoubleClicked.connect(self._on_double_click)
        self._fill()

        self._note = QLabel(self)
        self._note.setObjectName("mutedNote")
        self._note.setWordWrap(True)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.user_list.itemSelectionChanged.connect(self._update_ok)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.user_list, 1)
        layout.addWidget(self._note)
        layout.addWidget(self._buttons)
        self.resize(620, 440)
        self._preselect(settings.last_user_login)
        self.retranslate()

    def _fill(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        for post in _POST_ORDER:
            members = [u for u in self._users if u.post is post]
            if not members:
                continue
            group = QTreeWidgetItem(self.user_list)
            group.setData(0, _POST_ROLE, post)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
            group.setFirstColumnSpanned(True)
            for user in sorted(members, key=lambda u: u.display_name):
                item = QTreeWidgetItem(group, [user.display_name, "", user.login])
                item.setData(0, _USER_ROLE, user.login)
        self.user_list.expandAll()

    def _preselect(self, login: str) -> None:
        items = self._user_items()
        chosen = next((i for i in items if i.data(0, _USER_ROLE) == login), items[0] if items else None)
        if chosen is not None:
            self.user_list.setCurrentItem(chosen)
        self._update_ok()

    def _groups(self) -> list[QTreeWidgetItem]:
        root = self.user_list.invisibleRootItem()
        return [item for g in range(root.childCount()) if (item := root.child(g)) is not None]

    def _user_items(self) -> list[QTreeWidgetItem]:
        return [
            item for group in self._groups() for u in range(group.childCount()) if (item := group.child(u))
        ]

    def selected_user(self) -> User | None:
        item = self.user_list.currentItem()
        login = item.data(0, _USER_ROLE) if item is not None and item.isSelected() else None
        return next((u for u in self._users if u.login == login), None) if login else None

    def select_login(self, login: str) -> bool:
        """Select the user with this login (keyboard-free selection for tests and automation)."""
        for item in self._user_items():
            if item.data(0, _USER_ROLE) == login:
                self.user_list.setCurrentItem(item)
                return True
        return False

    def accept(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        self._settings.last_user_login = user.login
        super().accept()

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, _USER_ROLE):
            self.accept()

    def _update_ok(self) -> None:
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.selected_user() is not None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in — Liangjiao Console"))
        self._title.setText(self.tr("Liangjiao Console"))
        self._prompt.setText(
            self.tr("Choose who you are for this session. What you see follows your post and area.")
        )
        self._note.setText(
            self.tr(
                "Demo sign-in without a password: real authentication comes with the platform connection."
            )
        )
        self.user_list.setHeaderLabels([self.tr("Name"), self.tr("Area"), self.tr("Login")])
        for group in self._groups():
            group.setText(0, post_label(group.data(0, _POST_ROLE)))
        for item in self._user_items():
            user = next(u for u in self._users if u.login == item.data(0, _USER_ROLE))
            item.setText(1, self._area_text(user))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _area_text(self, user: User) -> str:
        # Names need the workspace; without it, say at least how far the user's view reaches.
        if self._workspace is not None:
            return describe_scope(self._workspace, user.scope)
        return scope_level_label(user.scope.level)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
