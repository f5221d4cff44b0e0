"""Why a captured photo's file cannot be an intact picture, judged from its bytes without decoding.

The photo scorer asks `file_problem` before decoding a capture, so that a photo whose file is
missing, empty, not an image at all, or an image cut short (a truncated JPEG decodes to a grey lower
half, and a detector would judge half a face) is flagged UNREADABLE instead of being retried at every
pass for ever; the spot-check review asks it again to say why it has no picture to show. Only the
first and last bytes of an image are looked at: the size and the decoding are the decoder's business.

When to give up on such a file (`UnreadablePolicy`): a missing file may be on a network share that is
briefly away, or not downloaded yet, so it is retried for `missing_grace_s` (two hours by default) and
at least `missing_checks` passes of the scorer before it is flagged; a file that is there but empty or
damaged may still be being written, so it is flagged only once it has not changed for `settle_s`.

No Qt, no database; blocking file reads: call on a worker or in the scoring process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.vision.image_header import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_dimensions

_HEADER = 16
_JPEG_SOS = b"\xff\xda"  # start of scan: the picture's entropy-coded data follows
_JPEG_EOI = b"\xff\xd9"  # end of image; in scan data 0xFF is followed by 0x00 or RSTn


class Unreadable(StrEnum):
    """Why a photo file cannot be read. Stable codes; the review words them."""

    MISSING = "missing"  # no such file (or it cannot be opened: a share away, no permission)
    EMPTY = "empty"  # zero bytes
    NOT_AN_IMAGE = "not_an_image"  # no picture format the scorer knows begins like this
    DAMAGED = "damaged"  # a picture format, but cut short or corrupt (the decoder gave up)
    TOO_LARGE = "too_large"  # more bytes or pixels than a photo may have: never decoded


def _image_kind(header: bytes) -> str | None:
    if header.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if header.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if header.startswith(b"BM"):
        return "bmp"
    if header.startswith(b"RIFF") and header[8:12] == b"WEBP":
        return "webp"
    if header.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


def _complete(kind: str, data: bytes) -> bool:
    """Whether the image's end marker is there (JPEG and PNG; other formats are left to the decoder)."""
    if kind == "jpeg":
        last_scan = data.rfind(_JPEG_SOS)
        return last_scan >= 0 and data.find(_JPEG_EOI, last_scan) >= 0
    if kind == "png":
        return data.rfind(b"IEND") >= 0
    return True


def file_problem(path: str | Path) -> Unreadable | None:
    """Why the file at `path` cannot be an intact photo; None when it may be one (decode to be sure)."""
    try:
        if Path(path).stat().st_size > MAX_IMAGE_BYTES:  # not even read into memory
            return Unreadable.TOO_LARGE
        data = Path(path).read_bytes()
    except IsADirectoryError:
        return Unreadable.NOT_AN_IMAGE
    except OSError:  # not there, a share away, no permission: all may mend, all are retried first
        return Unreadable.MISSING
    if not data:
        return Unreadable.EMPTY
    kind = _image_kind(data[:_HEADER])
    if kind is None:
        return Unreadable.NOT_AN_IMAGE
    if not _complete(kind, data):
        return Unreadable.DAMAGED
    dimensions = image_dimensions(path)
    if dimensions is not None and dimensions[0] * dimensions[1] > MAX_IMAGE_PIXELS:
        return Unreadable.TOO_LARGE  # its decoder would take gigabytes (see image_header)
    return None


def settled_for(path: str | Path, now: float | None = None) -> float:
    """Seconds since the file last changed (0 when it cannot be asked: treat as still changing)."""
    try:
        changed = Path(path).stat().st_mtime
    except OSError:
        return 0.0
    return max(0.0, (time.time() if now is None else now) - changed)


@dataclass(slots=True)
class UnreadablePolicy:
    """When the scorer stops waiting for a photo file and flags it UNREADABLE (see the module text).

    The count of passes a file was missing is kept in memory: a restarted scorer begins it again,
    so a missing file is flagged after at most `missing_grace_s` of the scorer running."""

    missing_grace_s: float = 2 * 3600.0
    missing_checks: int = 3
    settle_s: float = 60.0
    _missing: dict[int, tuple[float, int]] = field(default_factory=dict)  # photo id → (first seen, times)

    def give_up(self, photo_id: int, path: str | Path, problem: Unreadable, now: float | None = None) -> bool:
        """True when `photo_id`'s `problem` is to be flagged now; False: try again on a later pass."""
        moment = time.monotonic() if now is None else now
        if problem is Unreadable.MISSING:
            first, times = self._missing.get(photo_id, (moment, 0))
            self._missing[photo_id] = (first, times + 1)
            done = times + 1 >= self.missing_checks and moment - first >= self.missing_grace_s
        else:
            self._missing.pop(photo_id, None)
            done = settled_for(path) >= self.settle_s
        if done:
            self._missing.pop(photo_id, None)
        return done

    def found(self, photo_id: int) -> None:
        """The photo's file is readable (again): forget that it was once missing."""
        self._missing.pop(photo_id, None)
