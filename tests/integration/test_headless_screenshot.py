"""The documented headless mode renders the real main window on the demo workspace and writes a PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run_console(
    args: list[str], env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def assert_real_window(png: Path) -> None:
    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not a readable PNG"
    assert image.width() >= 800 and image.height() >= 500
    # A blank or single-colour capture means nothing was painted.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 20


def test_version_flag() -> None:
    result = run_console(["--version"], dict(os.environ), timeout=60)
    assert result.returncode == 0
    assert "两个教育监督台" in result.stdout
    for component in ("Qt", "PyAV", "FFmpeg", "dlib", "SQLAlchemy"):
        assert component in result.stdout


def test_screenshot_offscreen(tmp_path: Path) -> None:
    png = tmp_path / "demo.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run_console(["--demo", "--screenshot", str(png), "--quit-after", "3"], env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert_real_window(png)


def test_the_demo_window_fits_a_laptop_screen(tmp_path: Path) -> None:
    # 1366×768 under a 40-px task bar, with the tallest pane (the spot check) in front: a window whose
    # panes need more grows past the size asked for, and the capture shows it.
    png = tmp_path / "laptop.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = ["--demo", "--pane", "spot_check", "--window-size", "1366x728", "--screenshot", str(png)]
    result = run_console([*args, "--quit-after", "3"], env)
    assert result.returncode == 0, result.stderr[-3000:]
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 728)


def test_a_malformed_window_size_is_a_clear_error() -> None:
    result = run_console(["--window-size", "big"], dict(os.environ), timeout=60)
    assert result.returncode == 2 and "WIDTHxHEIGHT" in result.stderr


def test_screenshot_on_xvfb(tmp_path: Path, xvfb_display: str) -> None:
    png = tmp_path / "demo-x11.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = xvfb_display
    result = run_console(
        ["--demo", "--language", "zh_CN", "--screenshot", str(png), "--quit-after", "4"], env
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert_real_window(png)


def test_unknown_user_is_a_clear_error(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run_console(["--demo", "--user", "nobody", "--screenshot", str(tmp_path / "x.png")], env)
    assert result.returncode == 2
    assert "nobody" in result.stdout
