"""What an evidence package's zip may declare before anything in it is inflated: the zip-bomb guard.

A package comes from outside; one whose SHA256SUMS inflated to 3 GB took 6.4 GB of memory and 93 s
to verify. The central directory declares each member's size, and zipfile never returns more than
that (it fails the CRC instead), so checking the declarations first is enough: the text members
read whole (SHA256SUMS, its signature, the key, manifest.json) at most MAX_TEXT_MEMBER_BYTES; any
member at most MAX_MEMBER_BYTES and, above 1 MiB, inflating at most MAX_INFLATION times; at most
MAX_MEMBERS members. `package_refusals` names every breach; empty means the package may be read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection

__all__ = [
    "MAX_INFLATION",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_TEXT_MEMBER_BYTES",
    "package_refusals",
    "read_text_member",
]

MAX_TEXT_MEMBER_BYTES = 4 * 2**20  # SHA256SUMS of 40 000 files; a manifest of a long day
MAX_MEMBER_BYTES = 64 * 2**30  # a clip of a long span, stored
MAX_INFLATION = 50  # compressed video and JPEG are stored (1×); deflated text stays far below this
MAX_MEMBERS = 20_000
_SMALL = 2**20  # members below this may inflate as they like (a JSON of zeros is harmless)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB" if size >= 2**20 else f"{size:,} bytes"


def package_refusals(archive: zipfile.ZipFile, text_members: Collection[str]) -> list[str]:
    """Why this zip must not be read, one line per member that declares too much (empty: it may)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        return [f"the zip declares {len(infos):,} members, more than the {MAX_MEMBERS:,} a package may hold"]
    refusals = []
    for info in infos:
        size, packed = info.file_size, info.compress_size
        if info.filename in text_members and size > MAX_TEXT_MEMBER_BYTES:
            refusals.append(
                f"{info.filename} declares {_mib(size)} once inflated, more than the "
                f"{_mib(MAX_TEXT_MEMBER_BYTES)} it may have: not read (a zip bomb?)"
            )
        elif size > MAX_MEMBER_BYTES:
            limit = _mib(MAX_MEMBER_BYTES)
            refusals.append(f"{info.filename} declares {_mib(size)}, more than {limit}: not read")
        elif size > _SMALL and size > MAX_INFLATION * max(packed, 1):
            refusals.append(
                f"{info.filename} inflates {_mib(packed)} to {_mib(size)} ({size // max(packed, 1):,}×): "
                "a zip bomb, not evidence: not read"
            )
    return refusals


def read_text_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A small member's bytes, never more than MAX_TEXT_MEMBER_BYTES (None: absent or unreadable)."""
    try:
        with archive.open(name) as handle:
            data = handle.read(MAX_TEXT_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return None
    return data if len(data) <= MAX_TEXT_MEMBER_BYTES else None
