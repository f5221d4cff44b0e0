"""Choosing the interface language and installing Qt translators.

zh_CN is the primary language: when the system language is neither Chinese nor English we start
in Chinese, because every user of the console reads it. Source strings are English; the .ts files
in i18n/ are compiled to .qm by `scripts/i18n.py release` (run by the install and run commands),
and compiled here on demand when a .qm is missing or older than its .ts.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
CATALOGUE = "liangjiao"
SUPPORTED = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def resolve_language(setting: str, system_locale: str | None = None) -> str:
    """Map the language setting ("system", "zh_CN", "en") to a supported language code."""
    if setting in SUPPORTED:
        return setting
    name = system_locale if system_locale is not None else QLocale.system().name()
    if name.startswith("zh"):
        return "zh_CN"
    if name.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def ts_path(language: str) -> Path:
    return I18N_DIR / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"{CATALOGUE}_{language}.qm"


def lrelease_command() -> list[str]:
    """pyside6-lrelease from the running interpreter's environment (works without activating it)."""
    local = Path(sys.executable).with_name("pyside6-lrelease")
    if local.exists():
        return [str(local)]
    found = shutil.which("pyside6-lrelease")
    if found is None:
        raise FileNotFoundError("pyside6-lrelease not found; install PySide6-Essentials")
    return [found]


def build_qm(language: str) -> Path:
    """Compile one .ts to .qm if the .qm is missing or stale; returns the .qm path."""
    source, target = ts_path(language), qm_path(language)
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    subprocess.run(
        [*lrelease_command(), "-silent", str(source), "-qm", str(target)],
        check=True,
        timeout=60,
    )
    return target


class Translators:
    """Owns the installed translators so they can be swapped when the user switches language."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = ""

    def install(self, language: str) -> None:
        """Install our catalogue and Qt's own qtbase translations for `language`.

        Installing posts a LanguageChange event to every widget, which retranslates itself.
        """
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before installing translators")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = language

        ours = QTranslator()
        try:
            loaded = ours.load(str(build_qm(language)))
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not build the %s translation: %s", language, exc)
            loaded = False
        if loaded:
            app.installTranslator(ours)
            self._installed.append(ours)
        elif language != "en":
            log.warning("no translation catalogue for %s; showing English", language)

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator()
        if qtbase.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qtbase)
            self._installed.append(qtbase)
        QLocale.setDefault(QLocale(language))
