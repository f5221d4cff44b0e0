"""One line naming a Scope, e.g. "毕节市", "七星关区 · 七星关区车管所 · 第一教室".

Names come from the in-memory Workspace (no database access), so it is safe in any slot.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.context import AppContext
from app.domain.enums import ScopeLevel
from app.domain.geography import Workspace
from app.domain.people import Scope

SEPARATOR = " · "


def describe_scope(workspace: Workspace, scope: Scope) -> str:
    parts: list[str] = []
    try:
        if scope.level is ScopeLevel.CITY and scope.classroom_id is None:
            return workspace.city.name
        if scope.county_id is not None:
            parts.append(workspace.county(scope.county_id).name)
        if scope.site_id is not None:
            parts.append(workspace.site(scope.site_id).name)
        if scope.classroom_id is not None:
            parts.append(workspace.classroom(scope.classroom_id).name)
    except StopIteration:
        # A scope naming something the workspace no longer has (e.g. a deleted site): show what we can.
        parts.append("?")
    return SEPARATOR.join(parts) or workspace.city.name


def workspace_caption(context: AppContext) -> str:
    """What the workspace is called on screen, e.g. "演示工作区 · 毕节市" for the demo.

    The composition root may give only the city as the title; the demo is then labelled here, in
    the user's language, so nobody mistakes demo data for a live city.
    """
    city = context.workspace.city.name
    title = context.workspace_title or city
    if context.is_demo and title == city:
        title = QCoreApplication.translate("ScopeText", "Demo workspace") + SEPARATOR + city
    return title
