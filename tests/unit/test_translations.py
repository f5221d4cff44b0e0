"""The Chinese interface is complete: every source string has a finished zh_CN translation."""

from __future__ import annotations

import importlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.i18n import SUPPORTED, resolve_language, ts_path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts_file)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("zh_CN", "en_US", "zh_CN"),
        ("en", "zh_CN", "en"),
        ("system", "zh_TW", "zh_CN"),
        ("system", "en_GB", "en"),
        ("system", "de_DE", "zh_CN"),  # unknown: the users read Chinese
        ("system", "C", "zh_CN"),
    ],
)
def test_language_resolution(setting: str, system: str, expected: str) -> None:
    assert resolve_language(setting, system) == expected


def test_zh_cn_catalogue_is_complete() -> None:
    found = messages(ts_path("zh_CN"))
    assert len(found) > 50, "the catalogue looks empty"
    problems = []
    for context, source, message in found:
        translation = message.find("translation")
        if translation is None:
            problems.append(f"{context}: {source!r} has no translation")
            continue
        kind = translation.get("type")
        numerus = translation.findall("numerusform")
        text = "".join(n.text or "" for n in numerus) if numerus else (translation.text or "")
        if kind in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source!r} is {kind or 'empty'}")
    assert not problems, "\n".join(problems)


def test_catalogues_cover_every_source_string(tmp_path: Path) -> None:
    """Running lupdate again on today's sources must add no message the committed catalogue lacks."""
    # scripts/i18n.py (on sys.path above); mypy would resolve `i18n` to the catalogue folder i18n/.
    update = importlib.import_module("i18n").update

    for fresh in update(tmp_path):
        committed = {(c, s) for c, s, _ in messages(ts_path(fresh.stem.split("_", 1)[1]))}
        current = {(c, s) for c, s, _ in messages(fresh)}
        missing = current - committed
        assert not missing, (
            f"{fresh.name}: run `python scripts/i18n.py update` and translate: {sorted(missing)[:20]}"
        )


def test_every_language_has_a_catalogue() -> None:
    for language in SUPPORTED:
        assert ts_path(language).exists()
