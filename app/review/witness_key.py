"""The key this workstation signs its audit witness with, kept in the system keyring.

Why a key: the witness (audit_witness.py) is a plain file in the officer's data folder. Someone who
can rewrite the database's history and also edit that file could make both agree. With each line
carrying an HMAC under a key only this workstation's keyring holds, an edited or removed line no
longer verifies. It raises the bar from "write access to the database and a folder" to "the
officer's unlocked keyring"; it is not a defence against the officer's own account.

The key is created on first use (32 random bytes, hex). It is never logged. Without a usable keyring
(a headless machine, no Secret Service) the witness is written without MACs, as before, and this is
logged once.

The keyring also records, per witness file, since when the console keeps it ("kept:<file name>"):
a witness file that is missing though the keyring says it was kept was deleted or moved, which
verification says (audit_verify.py), rather than "none on this workstation".
"""

from __future__ import annotations

import logging
import secrets
from datetime import date

import keyring
from keyring.errors import KeyringError

KEYRING_SERVICE = "liangjiao-console/audit-witness"
KEY_NAME = "workstation"

log = logging.getLogger(__name__)


def witness_key(*, create: bool = True) -> bytes | None:
    """This workstation's witness key, created now if it has none (unless not `create`: verifying
    makes no key); None without a usable keyring.

    Blocking (the Secret Service may be slow or ask to unlock): call it off the GUI thread."""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, KEY_NAME)
        if stored is None:
            if not create:
                return None
            stored = secrets.token_hex(32)
            keyring.set_password(KEYRING_SERVICE, KEY_NAME, stored)
        return bytes.fromhex(stored)
    except (KeyringError, ValueError) as exc:
        if create:  # the verifier says what it could not check in its own words
            log.warning(
                "no key for the audit witness (%s): its lines are written without a MAC", type(exc).__name__
            )
        return None


def _kept_name(file_name: str) -> str:
    return f"kept:{file_name}"


def note_witness_kept(file_name: str) -> None:
    """Record (once) that this workstation keeps the witness file `file_name`. Blocking (keyring)."""
    try:
        if keyring.get_password(KEYRING_SERVICE, _kept_name(file_name)) is None:
            keyring.set_password(KEYRING_SERVICE, _kept_name(file_name), date.today().isoformat())
    except KeyringError as exc:
        log.info("cannot record that the audit witness is kept (%s)", type(exc).__name__)


def witness_kept_since(file_name: str) -> tuple[bool, str | None]:
    """(the keyring could be asked, the date since which `file_name` is kept or None: never kept)."""
    try:
        return True, keyring.get_password(KEYRING_SERVICE, _kept_name(file_name))
    except KeyringError:
        return False, None
