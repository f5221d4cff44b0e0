"""Logging for the whole application: a rotating file, stderr, secrets masked, Qt messages routed in.

Called once from main.py before anything else logs. Every handler we install carries the
`SecretMaskingFilter`, because secrets never go to a log (docs/context.md) and camera URLs routinely embed
passwords (rtsp://admin:pw@10.0.0.5/...). The filter sits on the handlers, not on a logger: logger
filters do not see records propagated from child loggers, handler filters see everything.

This module may import QtCore (for the message handler) but never QtWidgets: it is set up before any
QApplication exists and is also used by headless tools.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from app import paths

LOG_FILE_NAME = "liangjiao-console.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

MASK = "***"

# user:password@ in any URL, to the last "@" before "/" or space (unencoded "@").
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:@/\s]*:)(?P<secret>[^\s/]*)(?=@)")
# Authorization headers in any rendering: "Authorization: Bearer x", {'Authorization': 'Basic x'}.
_AUTH_HEADER = re.compile(
    r"(?P<head>\bauthorization[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|basic|token|digest)\s+)?)(?P<secret>[^\s\"',;}]+)",
    re.IGNORECASE,
)
# A bare bearer token of 8+ characters, so prose ("bearer of") is left alone.
_BEARER = re.compile(r"(?P<head>\bbearer\s+)(?P<secret>(?!\*\*\*)[A-Za-z0-9\-._~+/]{8,}=*)", re.IGNORECASE)
# Secret-looking keys (ending in the secret word, so "token_count=3" stays); quoted values whole.
_KEY_VALUE = re.compile(
    r"(?P<head>\b[\w\-]*(?:password|passwd|pwd|token|secret|api[_\-]?key)[\"']?\s*[=:]\s*)"
    r"(?:(?P<quote>[\"'])(?P<quoted>.*?)(?P=quote)|(?P<bare>[\"']?[^\s\"'&,;)}\]]+))",
    re.IGNORECASE,
)


def _keep_head(match: re.Match[str]) -> str:
    return match.group("head") + MASK


def _mask_value(match: re.Match[str]) -> str:
    quote = match.group("quote") or ""
    return match.group("head") + quote + MASK + quote


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_URL_PASSWORD, _keep_head),
    (_AUTH_HEADER, _keep_head),
    (_BEARER, _keep_head),
    (_KEY_VALUE, _mask_value),
)


def mask_secrets(text: str) -> str:
    """Return `text` with passwords in URLs, tokens and authorization headers replaced by ***.

    Idempotent: masking a masked text changes nothing, so records that pass through several
    handlers (or were masked by the caller already) stay readable.
    """
    for pattern, replace in _RULES:
        text = pattern.sub(replace, text)
    return text


class SecretMaskingFilter(logging.Filter):
    """Masks secrets in a record's message, arguments, exception and stack text. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # Mismatched arguments: never let a raw argument through, never raise from a filter.
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_secrets(message)
        record.args = None  # already merged into msg, so the raw values cannot be formatted again
        if record.exc_info and not record.exc_text:
            # Formatter.format() reuses exc_text when set, so pre-render and mask the traceback.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


_current_log_file: Path | None = None
_installed: list[logging.Handler] = []  # handlers of the last setup_logging(), replaced on the next


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Configure the root logger: rotating file (5 MB × 5) plus stderr, both masking secrets.

    The default folder is platformdirs' user log dir for "liangjiao-console" (app.paths.log_dir()).

    Returns the log file path (the crash report reads its tail). Safe to call again, e.g. from
    tests: handlers installed by an earlier call are closed and replaced, others are left alone.
    """
    global _current_log_file
    directory = Path(log_dir) if log_dir is not None else paths.log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    log_file = directory / LOG_FILE_NAME

    root = logging.getLogger()
    while _installed:
        previous = _installed.pop()
        root.removeHandler(previous)
        previous.close()

    formatter = logging.Formatter(LOG_FORMAT)
    masking = SecretMaskingFilter()
    file_handler = RotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    stderr_handler = logging.StreamHandler(sys.stderr)
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(formatter)
        handler.addFilter(masking)
        root.addHandler(handler)
        _installed.append(handler)
    root.setLevel(level)
    # Captured warnings.warn() calls are logged too, so deprecations show up in the file.
    logging.captureWarnings(True)
    _current_log_file = log_file
    return log_file


def current_log_file() -> Path | None:
    """The file set up by the last setup_logging() call, or None before it."""
    return _current_log_file


QtMessageHandler = Callable[[Any, Any, str], None]
_qt_handler: QtMessageHandler | None = None  # referenced here so it outlives the install call


def install_qt_message_handler() -> QtMessageHandler | None:
    """Route qDebug/qInfo/qWarning/qCritical/qFatal into the Python logger "qt".

    Returns the previously installed handler (None for Qt's default), which callers such as tests
    can pass back to QtCore.qInstallMessageHandler to restore it. Qt calls the handler on whichever
    thread emitted the message; Python logging is thread-safe, so that is fine.
    """
    from PySide6 import QtCore

    global _qt_handler
    levels = {
        QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
        QtCore.QtMsgType.QtInfoMsg: logging.INFO,
        QtCore.QtMsgType.QtWarningMsg: logging.WARNING,
        QtCore.QtMsgType.QtCriticalMsg: logging.ERROR,
        QtCore.QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    logger = logging.getLogger("qt")

    def handler(mode: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
        category = context.category or "default"
        level = levels.get(mode, logging.WARNING)
        text = message if category == "default" else f"[{category}] {message}"
        where = {"qt_category": category, "qt_file": context.file, "qt_line": context.line}
        logger.log(level, "%s", text, extra=where)
        if mode == QtCore.QtMsgType.QtFatalMsg:
            # Qt aborts right after this returns: make sure the line reached the disk first.
            for each in logging.getLogger().handlers:
                each.flush()

    _qt_handler = handler
    previous: QtMessageHandler | None = QtCore.qInstallMessageHandler(handler)
    return previous
