"""This workstation's witness of the audit chain: (id, hash) of every entry it committed, kept
outside the database.

Why: the chain and its head (workspace_meta) live in the same database. Someone with full write
access to it could edit an entry and recompute every hash after it and the head; the chain would
verify. The witness is a file in the officer's own data folder, written after each commit that
appended entries, so a rewritten history no longer matches what the workstations saw when the
entries were made. Each workstation witnesses what it appended; verification on it checks those.

    configure_witness(AuditWitness(witness_path(url)))   # bootstrap, once per process
    verify_chain(session, witness=configured_witness())  # compares the rows with the file

Format: one line per entry, "<id> <sha256 hex>", appended and flushed to disk at commit. A line cut
short by a crash is ignored. Threads: appends come from whichever thread commits (a lock keeps
lines whole); reads block on the file: run them where the verification runs (a worker).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.url_masking import mask_url

__all__ = [
    "AuditWitness",
    "configure_witness",
    "configured_witness",
    "note_committed_entry",
    "witness_path",
]

log = logging.getLogger(__name__)

_PENDING_KEY = "audit_witness_pending"
_HEX = frozenset("0123456789abcdef")


def witness_path(folder: Path, database_url: str) -> Path:
    """One file per database, named by a digest of its URL without the password."""
    digest = hashlib.sha256(mask_url(database_url).encode("utf-8")).hexdigest()[:16]
    return folder / f"audit-witness-{digest}.log"


class AuditWitness:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, entries: Iterable[tuple[int, str]]) -> None:
        lines = "".join(f"{entry_id} {digest}\n" for entry_id, digest in entries)
        if not lines:
            return
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="ascii") as file:
                file.write(lines)
                file.flush()
                os.fsync(file.fileno())

    def entries(self) -> dict[int, str]:
        """What this workstation committed: id → hash (the last line wins for an id)."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return {}
        seen: dict[int, str] = {}
        for line in text.splitlines():
            entry_id, _, digest = line.partition(" ")
            if entry_id.isdigit() and len(digest) == 64 and set(digest) <= _HEX:
                seen[int(entry_id)] = digest
        return seen

    def discard(self) -> None:
        """The database it witnessed is gone (the demo rebuilt for a new day)."""
        with self._lock:
            self.path.unlink(missing_ok=True)


_configured: AuditWitness | None = None


def configure_witness(witness: AuditWitness | None) -> None:
    global _configured
    _configured = witness


def configured_witness() -> AuditWitness | None:
    return _configured


def note_committed_entry(session: Session, entry_id: int, digest: str) -> None:
    """Called by append_entry inside the transaction; written to the witness only if it commits."""
    if _configured is not None:
        session.info.setdefault(_PENDING_KEY, []).append((entry_id, digest))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    witness = _configured
    if pending and witness is not None:
        try:
            witness.record(pending)
        except OSError:
            # The entries are committed; a full disk must not turn that into an error for the user.
            log.exception("could not write the audit witness %s", witness.path)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)
