"""The county tree's filter box."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from app.domain.enums import ScopeLevel
from app.domain.people import Scope
from tests.helpers.workspaces import build_workspace
from widgets.scope_tree import ScopeTree


def visible_names(tree: ScopeTree) -> list[str]:
    proxy = tree.view.model()
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            out.append(index.data())
            walk(index)

    walk(QModelIndex())
    return out


def test_filter_keeps_matches_with_their_ancestors_and_contents(qtbot) -> None:
    tree = ScopeTree(build_workspace(), Scope.city())
    qtbot.addWidget(tree)
    tree.filter_edit.setText("交警")  # QTest.keyClicks cannot type CJK characters
    assert visible_names(tree) == ["毕节市", "大方县", "交警中队", "学习室", "警示教育室"]
    tree.filter_edit.clear()
    assert len(visible_names(tree)) == 11


def test_select_scope_emits(qtbot) -> None:
    tree = ScopeTree(build_workspace(), Scope.city())
    qtbot.addWidget(tree)
    site = Scope(ScopeLevel.SITE, 11, 102)
    with qtbot.waitSignal(tree.scope_selected) as blocker:
        assert tree.select_scope(site)
    assert blocker.args == [site]
    assert not tree.select_scope(Scope(site.level, 99, 999))


def test_sites_are_shown_without_their_county_prefix_but_found_by_full_name(qtbot) -> None:
    from widgets.scope_tree import name_within

    assert name_within("七星关区车管所", "七星关区") == "车管所"
    assert name_within("威宁县政务服务中心", "威宁彝族回族苗族自治县") == "政务服务中心"
    assert name_within("毕节市安达驾校", "七星关区") == "毕节市安达驾校"
    assert name_within("七星关区站", "七星关区") == "七星关区站"  # too short once cut: kept whole
    tree = ScopeTree(build_workspace(), Scope.city())
    qtbot.addWidget(tree)
    tree.filter_edit.setText("大方县交警中队")
    assert "交警中队" in visible_names(tree)
