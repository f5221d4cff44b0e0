"""A small disk of its own for a test: a tmpfs mounted on a temp folder, that fills up or goes
read-only on demand, as a workstation's disk does.

`small_disk` mounts a tmpfs (`mount -t tmpfs -o size=...`; the tests run as root) and unmounts it
afterwards. `fill()` writes a filler file until the disk refuses (ENOSPC), `free()` deletes it;
`read_only()` / `writable()` remount it. Where mounting is not permitted (no root, a container
without CAP_SYS_ADMIN) the test skips with the reason, except under CI=true, where a test that
cannot exercise a real full disk must fail.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DEFAULT_SIZE = "24m"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=30, check=False)


@dataclass
class SmallDisk:
    path: Path  # the mount point
    size: str

    @property
    def filler(self) -> Path:
        return self.path / "filler.bin"

    def fill(self, leave_bytes: int = 0) -> int:
        """Write the filler until the disk refuses (keeping `leave_bytes` free); bytes written."""
        chunk = b"\0" * (64 * 1024)
        written = 0
        with open(self.filler, "ab") as out:
            try:
                while True:
                    free = os.statvfs(self.path).f_bavail * os.statvfs(self.path).f_frsize
                    if free <= leave_bytes:
                        break
                    out.write(chunk[: max(1, min(len(chunk), free - leave_bytes))])
                    out.flush()
                    written += len(chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
        return written

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self) -> None:
        result = _run("mount", "-o", "remount,ro", str(self.path))
        assert result.returncode == 0, result.stderr

    def writable(self) -> None:
        result = _run("mount", "-o", "remount,rw", str(self.path))
        assert result.returncode == 0, result.stderr


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"a tmpfs must be mountable under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def mount_small_disk(mount_point: Path, size: str = DEFAULT_SIZE) -> SmallDisk:
    """Mount a tmpfs of `size` on `mount_point` (created); skips (or fails under CI) if not allowed."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        _unavailable("mounting a tmpfs needs root")
    result = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(mount_point))
    if result.returncode != 0:
        _unavailable(f"cannot mount a tmpfs: {result.stderr.strip() or result.returncode}")
    return SmallDisk(mount_point, size)


def unmount_small_disk(disk: SmallDisk) -> None:
    _run("mount", "-o", "remount,rw", str(disk.path))
    result = _run("umount", str(disk.path))
    if result.returncode != 0:  # something still has a file open there: detach it anyway
        _run("umount", "-l", str(disk.path))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    disk = mount_small_disk(tmp_path / "small-disk")
    try:
        yield disk
    finally:
        unmount_small_disk(disk)
