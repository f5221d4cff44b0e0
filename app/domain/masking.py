"""Masking of personal identifiers before they are stored or shown.

The console never needs a full 身份证 number: supervision works on the learner record. We keep the
first 6 digits (issuing region) and the last 4 (what officers read aloud to confirm a person),
the usual masking of Chinese government systems (e.g. 522401********1234).
"""

from __future__ import annotations

import re

_ID_PATTERN = re.compile(r"^\d{17}[\dXx]$")


def mask_id_number(id_number: str) -> str:
    """Return the masked form of an 18-character resident ID number.

    Raises ValueError for anything that is not an 18-character ID, so that a full number can
    never slip through by accident in another format.
    """
    value = id_number.strip()
    if not _ID_PATTERN.match(value):
        raise ValueError("not an 18-character resident ID number")
    return value[:6] + "*" * 8 + value[-4:].upper()


def is_masked(id_number: str) -> bool:
    return bool(re.fullmatch(r"\d{6}\*{8}[\dX]{4}", id_number))
