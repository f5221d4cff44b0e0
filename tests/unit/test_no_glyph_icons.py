"""Icons come from the SVG set (resources/icons), never from emoji or symbol glyphs in strings.

The console's fonts (Noto CJK, DejaVu, WenQuanYi on UOS/Kylin) have no emoji, and several symbol
glyphs (⏩ U+23E9, 🔖 U+1F516, 🔒 U+1F512) drew as empty boxes in front of timestamps and list entries.
This scans every string literal under widgets/ for pictographs and symbol-as-icon code points.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Miscellaneous Technical (⏩ ⏸), geometric shapes (◀ ▶), symbols and dingbats (☑ ✔ ⚠), arrows
# used as pictures (⬆), emoji and pictographs (🔖 🔒 📷), variation selectors.
PICTOGRAPHS = [
    (0x2300, 0x23FF),
    (0x25A0, 0x25FF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x1F000, 0x1FAFF),
    (0xFE00, 0xFE0F),
]
# A colour swatch in the recordings legend's rich text: in every CJK font, and not an icon.
ALLOWED = {"■"}


def _pictographs(text: str) -> list[str]:
    return [
        ch for ch in text if ch not in ALLOWED and any(low <= ord(ch) <= high for low, high in PICTOGRAPHS)
    ]


def test_no_string_in_widgets_uses_a_glyph_as_an_icon() -> None:
    found = []
    for path in sorted((ROOT / "widgets").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and (glyphs := _pictographs(token.string)):
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {' '.join(glyphs)}")
    assert not found, "use an SVG from resources/icons instead:\n" + "\n".join(found)


def test_the_replacements_exist() -> None:
    icons = ROOT / "resources" / "icons"
    for name in ("bookmark", "lock", "fast_forward", "previous", "next", "clear"):
        assert (icons / f"{name}.svg").is_file(), name
