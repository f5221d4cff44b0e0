"""Logging setup: secrets never reach a handler's output, files rotate, Qt messages arrive in logging."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6 import QtCore

from app import logging_setup
from app.logging_setup import SecretMaskingFilter, install_qt_message_handler, mask_secrets, setup_logging

SECRET = "s3cr3t-Pw"
CAMERA_URL = f"rtsp://admin:{SECRET}@10.0.0.5:554/Streaming/Channels/101"
MASKED_URL = "rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101"


@pytest.fixture
def clean_root_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    """Undo whatever setup_logging() does to the process-wide root logger."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    monkeypatch.setattr(logging_setup, "_installed", [])
    monkeypatch.setattr(logging_setup, "_current_log_file", None)
    yield root
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


def flush(root: logging.Logger) -> None:
    for handler in root.handlers:
        handler.flush()


# --- mask_secrets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CAMERA_URL, MASKED_URL),
        ("http://op:pw@cam.local/snap.jpg", "http://op:***@cam.local/snap.jpg"),
        ("postgresql+psycopg://console:pw@db:5432/lj", "postgresql+psycopg://console:***@db:5432/lj"),
        ("redis://:pw@cache", "redis://:***@cache"),
        ("rtsp://admin:p@ss@10.0.0.1/live", "rtsp://admin:***@10.0.0.1/live"),  # unencoded @ in password
        ("two: rtsp://a:x@h1/1 rtsp://b:y@h2/2", "two: rtsp://a:***@h1/1 rtsp://b:***@h2/2"),
        ("GET /api/roster?token=abc123&page=2", "GET /api/roster?token=***&page=2"),
        ("login password=hunter2 user=bob", "login password=*** user=bob"),
        ('{"password": "two words", "token_count": 3}', '{"password": "***", "token_count": 3}'),
        ("access_token: eyJ0eXAi", "access_token: ***"),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "Authorization: Bearer ***"),
        ("{'Authorization': 'Basic dXNlcjpwYXNz'}", "{'Authorization': 'Basic ***'}"),
        ("sent with Bearer abcdefgh12345678", "sent with Bearer ***"),
    ],
)
def test_mask_secrets(text: str, expected: str) -> None:
    assert mask_secrets(text) == expected
    assert mask_secrets(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "rtsp://10.0.0.5:554/live",
        "http://user@host/path",
        "http://host:8080/path@v2",
        "token_count=3 tokens=5",
        "the bearer of bad news",
        "08:30 class started, 12 learners",
    ],
)
def test_mask_secrets_leaves_ordinary_text_alone(text: str) -> None:
    assert mask_secrets(text) == text


# --- the filter --------------------------------------------------------------------------------


def make_record(msg: str, args: object = None) -> logging.LogRecord:
    return logging.LogRecord("video", logging.WARNING, __file__, 1, msg, args, None)  # type: ignore[arg-type]


def test_filter_masks_password_in_message() -> None:
    record = make_record(f"cannot open {CAMERA_URL}")
    assert SecretMaskingFilter().filter(record) is True
    assert record.getMessage() == f"cannot open {MASKED_URL}"


def test_filter_masks_password_in_args() -> None:
    record = make_record("cannot open %s (attempt %d)", (CAMERA_URL, 3))
    SecretMaskingFilter().filter(record)
    assert record.getMessage() == f"cannot open {MASKED_URL} (attempt 3)"
    assert record.args is None  # the raw argument cannot be formatted again by a later handler


def test_filter_masks_dict_args() -> None:
    record = make_record("camera %(url)s", ({"url": CAMERA_URL},))
    SecretMaskingFilter().filter(record)
    assert SECRET not in record.getMessage()


def test_filter_survives_mismatched_args_without_leaking() -> None:
    record = make_record("only one %s", (CAMERA_URL, "extra"))
    assert SecretMaskingFilter().filter(record) is True
    assert SECRET not in record.getMessage()


def test_filter_masks_exception_text() -> None:
    try:
        raise ConnectionError(f"connect failed: {CAMERA_URL}")
    except ConnectionError:
        record = logging.LogRecord("video", logging.ERROR, __file__, 1, "stream lost", None, sys.exc_info())
    SecretMaskingFilter().filter(record)
    assert record.exc_text is not None
    assert MASKED_URL in record.exc_text
    assert SECRET not in logging.Formatter().format(record)


# --- setup_logging -----------------------------------------------------------------------------


def test_file_and_stderr_get_masked_records(
    tmp_path: Path, clean_root_logging: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = setup_logging(tmp_path / "logs")
    logger = logging.getLogger("app.video.test")
    logger.warning("stream %s failed; token=%s", CAMERA_URL, "tok-123456")
    try:
        raise OSError(f"timeout on {CAMERA_URL}")
    except OSError:
        logger.exception("giving up")
    flush(clean_root_logging)

    written = log_file.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    for output in (written, err):
        assert MASKED_URL in output
        assert "token=***" in output
        assert "giving up" in output
        assert SECRET not in output
        assert "tok-123456" not in output


def test_rotation_is_5_mb_times_5(tmp_path: Path, clean_root_logging: logging.Logger) -> None:
    log_file = setup_logging(tmp_path)
    (handler,) = [h for h in clean_root_logging.handlers if isinstance(h, RotatingFileHandler)]
    assert (handler.maxBytes, handler.backupCount) == (5 * 1024 * 1024, 5)
    assert Path(handler.baseFilename) == log_file == tmp_path / "liangjiao-console.log"


def test_log_file_rolls_over(tmp_path: Path, clean_root_logging: logging.Logger) -> None:
    log_file = setup_logging(tmp_path)
    (handler,) = [h for h in clean_root_logging.handlers if isinstance(h, RotatingFileHandler)]
    handler.maxBytes = 2000  # the real size would take 5 MB of writes to prove the same thing
    for number in range(100):
        logging.getLogger("app.test").info("line %03d %s", number, "x" * 40)
    flush(clean_root_logging)
    assert (tmp_path / "liangjiao-console.log.1").exists()
    assert not (tmp_path / "liangjiao-console.log.6").exists()
    assert log_file.stat().st_size <= 2000


def test_setup_twice_does_not_duplicate_handlers(tmp_path: Path, clean_root_logging: logging.Logger) -> None:
    setup_logging(tmp_path / "a")
    count = len(clean_root_logging.handlers)
    second = setup_logging(tmp_path / "b", level=logging.DEBUG)
    assert len(clean_root_logging.handlers) == count
    assert clean_root_logging.level == logging.DEBUG
    assert logging_setup.current_log_file() == second


def test_default_log_dir_is_the_user_log_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_root_logging: logging.Logger
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    log_file = setup_logging()
    assert log_file.is_relative_to(tmp_path / "state")
    assert "liangjiao-console" in log_file.parts


# --- Qt messages -------------------------------------------------------------------------------


@pytest.fixture
def qt_handler() -> Iterator[None]:
    previous = install_qt_message_handler()
    yield
    QtCore.qInstallMessageHandler(previous)


@pytest.mark.usefixtures("qt_handler")
def test_qt_warning_ends_up_in_python_logging(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="qt")
    QtCore.qWarning(f"QRtsp: cannot connect to {CAMERA_URL}")
    (record,) = [r for r in caplog.records if r.name == "qt"]
    assert record.levelno == logging.WARNING
    assert "cannot connect" in record.getMessage()


@pytest.mark.usefixtures("qt_handler")
@pytest.mark.parametrize(
    ("emit", "level"),
    [(QtCore.qDebug, logging.DEBUG), (QtCore.qInfo, logging.INFO), (QtCore.qCritical, logging.ERROR)],
)
def test_qt_levels_map_to_logging_levels(
    caplog: pytest.LogCaptureFixture, emit: Callable[[str], None], level: int
) -> None:
    caplog.set_level(logging.DEBUG, logger="qt")
    emit("level check")
    assert [r.levelno for r in caplog.records if r.name == "qt"] == [level]


@pytest.mark.usefixtures("qt_handler")
def test_qt_category_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="qt")
    # The stubs say bytes, the runtime wants str (PySide6 6.11).
    category = QtCore.QLoggingCategory("liangjiao.test")  # type: ignore[arg-type]
    QtCore.qCWarning(category, "categorised")  # type: ignore[arg-type]
    (record,) = [r for r in caplog.records if r.name == "qt"]
    assert record.getMessage() == "[liangjiao.test] categorised"
    assert getattr(record, "qt_category", None) == "liangjiao.test"


@pytest.mark.usefixtures("qt_handler")
def test_qt_message_is_masked_in_the_log_file(tmp_path: Path, clean_root_logging: logging.Logger) -> None:
    log_file = setup_logging(tmp_path)
    QtCore.qWarning(f"QRtsp: cannot connect to {CAMERA_URL}")
    flush(clean_root_logging)
    text = log_file.read_text(encoding="utf-8")
    assert f"qt [MainThread] QRtsp: cannot connect to {MASKED_URL}" in text
    assert SECRET not in text
