"""This workstation's witness of the audit chain: (id, hash) of each entry it committed, kept outside.

Someone with full write access to the database could edit an entry and recompute every later hash
and the head; the chain would verify. The witness, a file in the officer's data folder appended
after each commit, no longer matches such a history. Each workstation witnesses what it appended.

    attach_witness(database, workstation_witness(folder, url, key))  # bootstrap, per database
    verify_chain(session, witness=witness_for(database))              # compares the rows with the file

A line is "<id> <sha256 hex> <mac hex>", flushed at commit; the MAC is HMAC-SHA256 under this
workstation's key (witness_key.py, in the keyring) over the previous line's MAC and this id and hash,
so an edited or removed line is `WitnessReading.altered`. A cut end cannot be told from fewer commits;
two-field lines (no keyring, older files) are read unverified; a line torn by a crash is ignored.
Appends come from any committing thread (a lock keeps lines whole); reads block: run them on a worker.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.persistence.database import Database
from app.review.witness_key import note_witness_kept
from app.url_masking import mask_url

__all__ = [
    "AuditWitness",
    "WitnessReading",
    "attach_witness",
    "database_identity",
    "find_witness",
    "note_committed_entry",
    "witness_for",
    "witness_path",
    "workstation_witness",
]

log = logging.getLogger(__name__)

_PENDING_KEY = "audit_witness_pending"
_HEX = frozenset("0123456789abcdef")


def database_identity(database_url: str) -> str:
    """Which database a URL names, whatever the driver, user or password: "postgresql://host:port/name"
    (port 5432 when not given), or "sqlite:" and the file's absolute path."""
    parsed = make_url(database_url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        name = parsed.database or ""
        return f"sqlite:{Path(name).expanduser().absolute() if name and name != ':memory:' else name}"
    port = parsed.port or (5432 if backend == "postgresql" else "")
    return f"{backend}://{(parsed.host or '').lower()}:{port}/{parsed.database or ''}"


def witness_path(folder: Path, database_url: str) -> Path:
    """One file per database, named by a digest of its identity (host, port and database name; never
    the password): the console and the command-line tools find the same file whichever URL form
    they were given (with the password filled in from the keyring or not)."""
    digest = hashlib.sha256(database_identity(database_url).encode("utf-8")).hexdigest()[:16]
    return folder / f"audit-witness-{digest}.log"


def _legacy_paths(folder: Path, database_url: str) -> list[Path]:
    """Names before the identity: a digest of the URL as masked, with the password (console, keyring
    password filled in) and without it (the tools)."""
    parsed = make_url(database_url)
    bare = parsed.set(password=None).render_as_string(hide_password=False)
    forms = {mask_url(database_url), mask_url(bare)}
    if parsed.username:
        forms.add(mask_url(parsed.set(password="x").render_as_string(hide_password=False)))
    return [folder / f"audit-witness-{hashlib.sha256(f.encode()).hexdigest()[:16]}.log" for f in forms]


def find_witness(folder: Path, database_url: str) -> Path:
    """Where this workstation's witness of the database is: its file, or one under the old name the
    console has not taken over yet (it does at its next start); else where it would be."""
    path = witness_path(folder, database_url)
    if not path.exists():
        for legacy in _legacy_paths(folder, database_url):
            if legacy.exists():
                return legacy
    return path


def workstation_witness(folder: Path, database_url: str, key: bytes | None) -> AuditWitness:
    """The witness the console keeps for this database: a file under the old name is taken over,
    the file is created now (empty) and its keeping is recorded in the keyring
    (witness_key.note_witness_kept), so that verification can tell a deleted witness from none."""
    path = witness_path(folder, database_url)
    try:
        legacy = find_witness(folder, database_url)
        if legacy != path:
            legacy.rename(path)
            log.info("audit witness %s renamed to %s (named by the database's identity)", legacy, path)
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    except OSError:  # a read-only data folder: appends will fail and say so (_after_commit)
        log.exception("cannot prepare the audit witness %s", path)
    else:
        note_witness_kept(path.name)
    return AuditWitness(path, key)


@dataclass(slots=True)
class WitnessReading:
    entries: dict[int, str] = field(default_factory=dict)  # id → hash committed (verified or unkeyed)
    altered: list[int] = field(default_factory=list)  # ids on lines whose MAC does not verify
    unverified: int = 0  # lines without a MAC, or with one and no key to check it


def _mac(key: bytes, previous: str, entry_id: int, digest: str) -> str:
    return hmac.new(key, f"{previous} {entry_id} {digest}".encode("ascii"), hashlib.sha256).hexdigest()


def _is_hex64(text: str) -> bool:
    return len(text) == 64 and set(text) <= _HEX


def _parse(line: str) -> tuple[int, str, str | None] | None:
    """(id, hash, mac or None) of a well-formed line; None for a line cut short or garbage."""
    fields = line.split(" ")
    if len(fields) not in (2, 3) or not fields[0].isdigit() or not _is_hex64(fields[1]):
        return None
    if len(fields) == 3 and not _is_hex64(fields[2]):
        return None
    return int(fields[0]), fields[1], fields[2] if len(fields) == 3 else None


class AuditWitness:
    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.key = key  # None: lines without a MAC (no keyring)
        self._lock = threading.Lock()
        self._last_mac: str | None = None  # of the file's last MAC'd line, once read

    def record(self, entries: Iterable[tuple[int, str]]) -> None:
        entries = list(entries)
        if not entries:
            return
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+", encoding="ascii") as file:
                lead = self._resume(file)
                lines = []
                for entry_id, digest in entries:
                    if self.key is None:
                        lines.append(f"{entry_id} {digest}\n")
                        continue
                    assert self._last_mac is not None
                    self._last_mac = _mac(self.key, self._last_mac, entry_id, digest)
                    lines.append(f"{entry_id} {digest} {self._last_mac}\n")
                file.write(lead + "".join(lines))
                file.flush()
                os.fsync(file.fileno())

    def _resume(self, file: TextIO) -> str:
        """On the first append of this process: the MAC to chain from (the file's last MAC'd line),
        and a newline to write first when a crash cut the last line short."""
        if self._last_mac is not None:
            return ""
        file.seek(0)
        text = file.read()
        self._last_mac = ""
        for line in text.splitlines():
            parsed = _parse(line)
            if parsed is not None and parsed[2] is not None:
                self._last_mac = parsed[2]
        return "\n" if text and not text.endswith("\n") else ""

    def reading(self) -> WitnessReading:
        """What this workstation committed, with the lines whose MAC does not verify named."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return WitnessReading()
        reading = WitnessReading()
        previous = ""
        for line in text.splitlines():
            parsed = _parse(line)
            if parsed is None:
                continue
            entry_id, digest, mac = parsed
            if mac is None or self.key is None:
                reading.unverified += 1
                reading.entries[entry_id] = digest  # the last line wins for an id
                previous = mac or previous
                continue
            if hmac.compare_digest(mac, _mac(self.key, previous, entry_id, digest)):
                reading.entries[entry_id] = digest
            else:
                reading.altered.append(entry_id)
            previous = mac  # go on from this line: one altered line does not condemn the rest
        return reading

    def entries(self) -> dict[int, str]:
        """What this workstation committed: id → hash (the last line wins for an id); lines whose
        MAC does not verify are left out."""
        return self.reading().entries

    def discard(self) -> None:
        """The database it witnessed is gone (the demo rebuilt for a new day)."""
        with self._lock:
            self.path.unlink(missing_ok=True)


_SESSION_KEY = "audit_witness"  # where a witnessed database's sessions carry their witness


def attach_witness(database: Database, witness: AuditWitness | None) -> None:
    """Entries committed on `database` from now on are also written to `witness` (None: no more)."""
    database.set_session_info(_SESSION_KEY, witness)


def witness_for(database: Database) -> AuditWitness | None:
    witness = database.session_info(_SESSION_KEY)
    return witness if isinstance(witness, AuditWitness) else None


def note_committed_entry(session: Session, entry_id: int, digest: str) -> None:
    """Called by append_entry inside the transaction; written to the witness only if it commits."""
    if isinstance(session.info.get(_SESSION_KEY), AuditWitness):
        session.info.setdefault(_PENDING_KEY, []).append((entry_id, digest))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    witness = session.info.get(_SESSION_KEY)
    if pending and isinstance(witness, AuditWitness):
        try:
            witness.record(pending)
        except OSError:
            # The entries are committed; a full disk must not make that an error.
            log.exception("could not write the audit witness %s", witness.path)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)
