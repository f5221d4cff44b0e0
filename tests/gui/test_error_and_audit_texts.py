"""Failures and audit actions read as words in the officer's language, never as codes or driver text."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from app.domain.enums import EventState, SpotCheckVerdict
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence.errors import DatabaseLockedError, DatabaseUnavailableError
from app.supervision.triage import AUDIT_ACTIONS
from widgets.audit_texts import action_text, subject_text
from widgets.error_texts import error_text
from widgets.permission_texts import refusal_text_for

ROOT = Path(__file__).resolve().parents[2]
# An audit action is a dotted code passed to append_entry / audit hooks, e.g. "recording.export.clip".
_PREFIXES = "event|completion|spot_check|recording|export|camera"
_ACTION_LITERAL = re.compile(rf"[\"']((?:{_PREFIXES})(?:\.[a-z_]+)+)[\"']")


def _codes_written_by_the_app() -> set[str]:
    codes = {
        "login",
        *AUDIT_ACTIONS.values(),
        *(f"spot_check.{v.value}" for v in SpotCheckVerdict if v is not SpotCheckVerdict.PENDING),
    }
    for path in (ROOT / "app").rglob("*.py"):
        codes.update(_ACTION_LITERAL.findall(path.read_text(encoding="utf-8")))
    # Meta keys that share the shape but are not actions.
    return {c for c in codes if not c.startswith("spot_check.sample.")}


def test_every_audit_action_the_app_writes_has_words(chinese: None) -> None:
    codes = _codes_written_by_the_app()
    assert "completion.approve" in codes and "recording.lock" in codes, "the scan found nothing"
    unworded = sorted(code for code in codes if action_text(code) == code)
    assert not unworded, f"audit actions shown as raw codes: {unworded}"


def test_audit_words_are_chinese_and_unknown_codes_stay_visible(chinese: None) -> None:
    assert action_text(AUDIT_ACTIONS[EventState.DISMISSED]) == "排除告警"
    assert subject_text("completion:12") == "结业 #12"
    assert action_text("future.action") == "future.action"
    assert subject_text("odd") == "odd"


def test_database_errors_are_words_not_driver_text(chinese: None) -> None:
    locked = error_text(DatabaseLockedError("The database file is locked (SQLite: database is locked)"))
    assert "数据库正忙" in locked and "SQLite" not in locked
    assert "无法连接数据库" in error_text(DatabaseUnavailableError("connection refused"))
    assert "磁盘已满" in error_text(OSError(errno.ENOSPC, "No space left on device"))
    assert "意外错误" in error_text(ValueError("boom"))


@pytest.mark.parametrize("denial", list(Denial))
def test_refusals_name_the_action(chinese: None, denial: Denial) -> None:
    text = error_text(PermissionDenied(Action.DISMISS, denial))
    assert text == refusal_text_for(Action.DISMISS, denial)
    assert re.search(r"[\u4e00-\u9fff]", text) and "dismiss" not in text
    if denial is not Denial.INACTIVE:
        assert "排除误报" in text


def test_who_raised_an_event_reads_as_words(chinese: None) -> None:
    from app.supervision.rules_engine import ENGINE_ID
    from app.video.stream_events import ENGINE as STREAM_ENGINE
    from widgets.labels import engine_label

    assert engine_label(ENGINE_ID) == "人脸分析与课堂规则"
    assert engine_label(STREAM_ENGINE) == "视频流监测"
    assert engine_label("demo-history") == "演示数据"
    assert engine_label("platform-import/2") == "platform-import/2"  # unknown: shown as stored
