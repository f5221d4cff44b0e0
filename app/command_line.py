"""What the console's command-line tools share (audit_verify, playback.verify, score_photos).

Exit codes, the same in every tool:
    0  what was asked for holds (chain intact, every package OK, the pass finished)
    1  it does not (chain broken, a package FAILED, photos failed): the lines before say what
    2  the question could not be asked: bad arguments, no such database file, an unsupported
       backend, the database refused the connection (argparse's own errors are 2 as well)
    3  it holds as far as it could be checked, and a line says what could not be

`tool_database_url` opens the database as the console does: a SQLite URL must name an existing file
(a mistyped path used to create an empty database that then "verified"); only SQLite and PostgreSQL;
a PostgreSQL URL without a password gets the console's from the keyring (database_password.py), else
libpq reads PGPASSWORD and ~/.pgpass. Names that came from outside are printed escaped.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.database_password import KEYRING_SERVICE, with_keyring_password

__all__ = [
    "EXIT_CANNOT_CHECK",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_PARTLY_CHECKED",
    "UnusableDatabase",
    "database_error_text",
    "printable",
    "tool_database_url",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CANNOT_CHECK = 2
EXIT_PARTLY_CHECKED = 3


class UnusableDatabase(Exception):
    """The --database argument names nothing the tool can open; the message says why, in words."""


def printable(text: object) -> str:
    """`text` with control, format and separator characters (newlines, ESC, bidi overrides) escaped,
    so a name from a zip, a path or a database cannot start a line of its own or move the cursor."""
    out = []
    for char in str(text):
        if char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp"):
            code = ord(char)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return "".join(out)


def database_error_text(error: BaseException) -> str:
    """An error opening the database, printable, with where a password is looked for when the
    server asked for one."""
    text = printable(error)
    if "no password supplied" in text or "password authentication failed" in text:
        text += (
            " (a password is taken from the URL, else the keyring entry the console stores, "
            f"service {KEYRING_SERVICE!r}, else PGPASSWORD, else ~/.pgpass)"
        )
    return text


def tool_database_url(url: str) -> str:
    """`url` checked, with the keyring's password filled in as the console does. Blocking (keyring).

    Raises UnusableDatabase for a malformed URL, a backend other than SQLite or PostgreSQL, or a
    SQLite file that does not exist (never creates one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UnusableDatabase(f"not a database URL: {printable(url)}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        name = parsed.database or ""
        if not name or name == ":memory:":
            raise UnusableDatabase("the SQLite URL names no database file (sqlite:///PATH)")
        path = Path(name).expanduser()
        if not name.startswith("file:") and not path.is_file():
            raise UnusableDatabase(f"no such database file: {printable(path)}")
        return url
    if backend != "postgresql":
        raise UnusableDatabase(
            f"unsupported database backend {printable(backend)!r}: the console's database is SQLite "
            "(sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/NAME)"
        )
    return with_keyring_password(url)
