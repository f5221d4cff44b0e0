"""A package whose zip declares more than a package may is refused before anything is inflated
(issue 14, item 8: a SHA256SUMS inflating to 3 GB took 6.4 GB and 93 s in verify)."""

from __future__ import annotations

import hashlib
import time
import zipfile
from pathlib import Path

import pytest

from app.playback.evidence_package import check_package
from app.playback.verify import main as verify_main

LINE = f"{hashlib.sha256(b'x').hexdigest()}  clip.mp4\n".encode()


def _bomb(path: Path, name: str, size: int, chunk: bytes) -> Path:
    """A zip holding `name` of `size` bytes (repeats of `chunk`, deflated) and a tiny clip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("clip.mp4", b"x")
        with archive.open(name, "w", force_zip64=True) as member:
            block = chunk * (2**22 // len(chunk))
            written = 0
            while written < size:
                member.write(block[: size - written])
                written += len(block)
    return path


def test_a_sums_file_inflating_to_hundreds_of_megabytes_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _bomb(tmp_path / "bomb.zip", "SHA256SUMS", 400 * 2**20, LINE)
    assert package.stat().st_size < 8 * 2**20
    started = time.monotonic()
    check = check_package(package)
    assert check.refused and "SHA256SUMS declares 400 MiB" in check.refused[0]
    assert verify_main([str(package)]) == 1
    print(f"refused in {time.monotonic() - started:.2f} s", end="")
    out = capsys.readouterr().out
    assert "FAILED" in out and "refused: SHA256SUMS declares 400 MiB once inflated" in out
    assert "zip bomb" in out


def test_a_member_inflating_a_thousandfold_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _bomb(tmp_path / "bomb.zip", "snapshot-0001.jpg", 200 * 2**20, b"\0")
    assert verify_main([str(package)]) == 1
    out = capsys.readouterr().out
    assert "refused: snapshot-0001.jpg inflates" in out and "a zip bomb, not evidence" in out
