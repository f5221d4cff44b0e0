"""Evidence packages: a zip of the exported clip, snapshots, a manifest and the SHA-256 of each file.

Layout: clip.mp4, the snapshots under their own names, manifest.json, and SHA256SUMS (lines of
"<hex>  <name>", the `sha256sum` format, covering every other file). `verify_package` re-hashes
them and names every file that changed, went missing or was added.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.playback.segment_timeline import SegmentTimeline
from app.playback.span_export import (
    BeforePublish,
    CancelCheck,
    ExportCancelled,
    ProgressCallback,
    export_span,
    publish,
    refuse_existing,
)

__all__ = [
    "CLIP_NAME",
    "MANIFEST_NAME",
    "SUMS_NAME",
    "build_package",
    "file_sha256",
    "parse_sums",
    "verify_package",
]

CLIP_NAME = "clip.mp4"
MANIFEST_NAME = "manifest.json"
SUMS_NAME = "SHA256SUMS"
_RESERVED_NAMES = {CLIP_NAME, MANIFEST_NAME, SUMS_NAME}
_RESERVED_KEYS = {
    "format",
    "camera_id",
    "span",
    "clip",
    "segments",
    "exported_by",
    "exported_at",
    "files",
}
_CHUNK = 1 << 20


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _check_snapshot_name(name: str) -> None:
    if (
        not name
        or name in _RESERVED_NAMES
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or ".." in name
    ):
        raise ValueError(f"unusable snapshot name {name!r}")


def build_package(
    timeline: SegmentTimeline,
    start: datetime,
    end: datetime,
    out_zip: Path,
    *,
    manifest_extra: dict[str, Any],
    snapshots: Sequence[tuple[str, bytes]] = (),
    exported_by: str,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    before_publish: BeforePublish | None = None,
    replace: bool = True,
) -> Path:
    """Write the package to `out_zip` (atomically); returns its path. Cancellation removes it.

    `before_publish` and `replace` as for app.playback.span_export.export_span: the complete zip is
    handed to `before_publish` while still `.partial`; an existing `out_zip` is refused unless `replace`.
    """
    names = [name for name, _ in snapshots]
    for name in names:
        _check_snapshot_name(name)
    if len(set(names)) != len(names):
        raise ValueError("snapshot names must be unique")
    clash = _RESERVED_KEYS & set(manifest_extra)
    if clash:
        raise ValueError(f"manifest_extra may not set {sorted(clash)}")
    out_zip = Path(out_zip)
    refuse_existing(out_zip, replace=replace)
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    partial = out_zip.with_name(out_zip.name + ".partial")

    def export_progress(fraction: float) -> None:
        if progress is not None:
            progress(0.9 * fraction)

    try:
        with tempfile.TemporaryDirectory(prefix="evidence-", dir=out_zip.parent) as workdir:
            clip_path = Path(workdir) / CLIP_NAME
            result = export_span(
                timeline, start, end, clip_path, progress=export_progress, cancelled=cancelled
            )
            sums: dict[str, str] = {CLIP_NAME: file_sha256(clip_path)}
            for name, data in snapshots:
                sums[name] = hashlib.sha256(data).hexdigest()
            manifest: dict[str, Any] = {
                "format": "liangjiao-evidence/1",
                "camera_id": timeline.camera_id,
                "span": {"start": _iso(start), "end": _iso(end)},
                "clip": {
                    "file": CLIP_NAME,
                    "start": _iso(result.clip_start),
                    "end": _iso(result.clip_end),
                    "duration_s": round(result.duration_s, 3),
                    "packets": result.packets,
                },
                "segments": [
                    {"id": r.id, "path": r.path, "started_at": _iso(r.started_at)}
                    for r in timeline.overlapping(start, end)
                ],
                "exported_by": exported_by,
                "exported_at": _iso(datetime.now(UTC)),
                "files": sorted(sums),
                **manifest_extra,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, default=str).encode()
            sums[MANIFEST_NAME] = hashlib.sha256(manifest_bytes).hexdigest()
            sums_text = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
            if cancelled is not None and cancelled():
                raise ExportCancelled(f"package {out_zip} cancelled")
            with zipfile.ZipFile(partial, "w") as archive:
                # The clip is already compressed: store it; deflate the small text files.
                archive.write(clip_path, CLIP_NAME, compress_type=zipfile.ZIP_STORED)
                for name, data in snapshots:
                    archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
                archive.writestr(MANIFEST_NAME, manifest_bytes, compress_type=zipfile.ZIP_DEFLATED)
                archive.writestr(SUMS_NAME, sums_text, compress_type=zipfile.ZIP_DEFLATED)
        if before_publish is not None:
            before_publish(partial)
        publish(partial, out_zip, replace=replace)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(1.0)
    return out_zip


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _member_sha256(archive: zipfile.ZipFile, name: str) -> str | None:
    """The member's hash; None when it cannot be read back (e.g. its zip CRC no longer matches)."""
    digest = hashlib.sha256()
    try:
        with archive.open(name) as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    return digest.hexdigest()


def parse_sums(text: str) -> dict[str, str] | None:
    sums: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            return None
        sums[name.lstrip("*")] = digest.lower()
    return sums


def verify_package(zip_path: Path) -> list[str]:
    """Names of the files that changed, are missing or were added (sorted); empty = intact.

    An unreadable zip is reported as its own file name; a missing or garbled SHA256SUMS as that name.
    """
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError):
        return [Path(zip_path).name]
    with archive:
        members = [info.filename for info in archive.infolist() if not info.is_dir()]
        if SUMS_NAME not in members:
            return [SUMS_NAME]
        try:
            sums = parse_sums(archive.read(SUMS_NAME).decode("utf-8"))
        except (zipfile.BadZipFile, UnicodeDecodeError, OSError):
            sums = None
        if sums is None:
            return [SUMS_NAME]
        problems: set[str] = set()
        for name, expected in sums.items():
            if name not in members or _member_sha256(archive, name) != expected:
                problems.add(name)
        problems.update(name for name in members if name != SUMS_NAME and name not in sums)
        if len(set(members)) != len(members):  # a second member under an existing name
            problems.update(name for name in members if members.count(name) > 1)
        return sorted(problems)
