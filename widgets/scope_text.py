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
SHORT_COUNTY_ABOVE = 5  # characters; a longer county name has a short form (威宁彝族回族苗族自治县 → 威宁县)


def name_within(name: str, parent_name: str) -> str:
    """A site's name without its county's name in front (七星关区车管所 → 车管所 under 七星关区).

    The tree already says which county a site is in; repeating it made every long site name elide.
    A name that would be left too short to read stays whole.
    """
    for prefix in (parent_name, parent_name[:2] + parent_name[-1:]):  # 威宁彝族回族苗族自治县 → 威宁县
        if len(prefix) >= 2 and name.startswith(prefix) and len(name) - len(prefix) >= 2:
            return name[len(prefix) :]
    return name


def short_county_name(name: str) -> str:
    """A county's everyday short name where space is tight (威宁彝族回族苗族自治县 → 威宁县)."""
    return name[:2] + name[-1] if len(name) > SHORT_COUNTY_ABOVE else name


def camera_within(camera_name: str, classroom_name: str) -> str:
    """A camera's name without the words it repeats from its classroom's (第一教室 + 教室前方 → 前方).

    Tiles show "classroom camera" in little room; "第一教室 教室前方" elided to "第一教室 教室…" lost
    the part telling the front camera from the back one. A name left too short stays whole.
    """
    for length in range(min(len(camera_name) - 2, len(classroom_name)), 1, -1):
        if classroom_name.endswith(camera_name[:length]):
            return camera_name[length:]
    return camera_name


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
        # Names something the workspace no longer has (a deleted site): show what we can.
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
