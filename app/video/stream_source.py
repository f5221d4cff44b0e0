"""What to open: a camera stream (RTSP, HTTP MPEG-TS/MJPEG) or a local file, and how.

A `StreamSource` is an immutable description that is safe to show and log: its URL carries no
password (secrets live only in keyring). The password is looked up in keyring when the
stream is opened, by `StreamSource.resolve()`, which runs in the stream's decoder thread (keyring may
block on D-Bus; it must never run on the GUI thread). The resolved URL exists only inside
`ResolvedSource`, whose repr is masked, and is handed straight to `av.open`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from urllib.request import url2pathname

from app.url_masking import MASK, mask_url
from app.video.camera_credentials import CameraCredentials, CredentialsUnavailable, load_camera_credentials
from app.video.playlist import current_clip, is_playlist

if TYPE_CHECKING:
    from app.domain.geography import Camera


class SourceKind(StrEnum):
    RTSP = "rtsp"
    HTTP = "http"  # http and https: MPEG-TS or MJPEG (multipart), probed by FFmpeg
    FILE = "file"


class Transport(StrEnum):
    """RTSP lower transport. TCP (interleaved) is the default: it survives NAT and lossy Wi-Fi links."""

    TCP = "tcp"
    UDP = "udp"


def scrub(text: str, *secrets: str) -> str:
    """Remove known secret strings (raw and percent-encoded) from arbitrary text, e.g. an FFmpeg message."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK).replace(quote(secret, safe=""), MASK)
    return text


def _kind_of(url: str) -> SourceKind:
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("rtsp", "rtsps"):
        return SourceKind.RTSP
    if scheme in ("http", "https"):
        return SourceKind.HTTP
    if scheme in ("", "file"):
        return SourceKind.FILE
    raise ValueError(f"unsupported stream address scheme {scheme!r}: {mask_url(url)}")


@dataclass(frozen=True, slots=True)
class ResolvedSource:
    """Arguments for `av.open`, with the password in `url`. Lives only in a decoder thread; never log it."""

    url: str = field(repr=False)
    options: Mapping[str, str]
    timeout: tuple[float, float]  # PyAV's own guard: (open, read) seconds, enforced by an interrupt callback
    secrets: tuple[str, ...] = field(default=(), repr=False)  # to scrub from any text derived from errors
    masked_url: str = ""


@dataclass(frozen=True, slots=True, repr=False)
class StreamSource:
    """One stream to open. Immutable and safe to show: `url` must not carry a password.

    `credential_ref` names the keyring entry (service "liangjiao-console/camera") that holds the user
    name and password, read only at open time. `realtime` paces frames by their timestamps, which files
    need (a file would otherwise decode as fast as the CPU allows); it defaults to True for files and
    False for live network streams. `loop` replays a file from the start when it ends (demo cameras).
    """

    url: str
    transport: Transport = Transport.TCP
    open_timeout: float = 5.0
    read_timeout: float = 5.0
    credential_ref: str = ""
    loop: bool = False
    realtime: bool | None = None
    extra_options: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        _kind_of(self.url)  # reject unsupported schemes early, with a masked message
        if self.open_timeout <= 0 or self.read_timeout <= 0:
            raise ValueError("stream timeouts must be positive")
        object.__setattr__(self, "extra_options", MappingProxyType(dict(self.extra_options)))

    def __repr__(self) -> str:
        # A hand-typed URL might hold a password, and repr lands in logs.
        return (
            f"StreamSource({self.masked_url()!r}, transport={self.transport.value}, "
            f"timeouts=({self.open_timeout}, {self.read_timeout}), credential_ref={self.credential_ref!r}, "
            f"loop={self.loop})"
        )

    @classmethod
    def for_camera(cls, camera: Camera, *, main_stream: bool = False, **kwargs: object) -> StreamSource:
        """The camera's sub stream (smaller, meant for tiles) unless `main_stream` or no sub stream exists."""
        url = camera.main_url if main_stream or not camera.sub_url else camera.sub_url
        return cls(url, credential_ref=camera.credential_ref, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def for_file(cls, path: str | Path, *, loop: bool = True, **kwargs: object) -> StreamSource:
        return cls(str(path), loop=loop, **kwargs)  # type: ignore[arg-type]

    @property
    def kind(self) -> SourceKind:
        return _kind_of(self.url)

    @property
    def is_live(self) -> bool:
        return self.kind is not SourceKind.FILE

    @property
    def paced(self) -> bool:
        return self.realtime if self.realtime is not None else not self.is_live

    @property
    def file_path(self) -> Path | None:
        """The local path of a file source (file:// URLs decoded), or None for network streams."""
        if self.kind is not SourceKind.FILE:
            return None
        if self.url.lower().startswith("file://"):
            parts = urlsplit(self.url)
            return Path(url2pathname(parts.path))
        return Path(self.url)

    def playing_file(self, now: float | None = None) -> Path | None:
        """The file to open: `file_path`, or for a `.playlist` the clip of the current phase, or while
        that one is still being rendered the latest earlier phase's (app/video/playlist.py; raises
        OSError/ValueError when the playlist cannot be read)."""
        path = self.file_path
        if path is None or not is_playlist(path):
            return path
        return current_clip(path, time.time() if now is None else now)

    @property
    def is_playlist(self) -> bool:
        path = self.file_path
        return path is not None and is_playlist(path)

    def masked_url(self) -> str:
        return mask_url(self.url)

    def resolve(
        self,
        load_credentials: Callable[[str], CameraCredentials | None] = load_camera_credentials,
    ) -> ResolvedSource:
        """Build the `av.open` arguments, inserting the keyring credentials into the URL.

        Runs in the decoder thread. Raises `CredentialsUnavailable` when `credential_ref` is set but the
        keyring has no usable entry (the stream then shows as unauthorised, without asking the camera).
        """
        kind = self.kind
        masked = self.masked_url()
        secrets: tuple[str, ...] = ()
        options: dict[str, str] = {}
        read_us = str(int(self.read_timeout * 1_000_000))
        if kind is SourceKind.RTSP:
            # FFmpeg 8: `timeout` is the socket I/O timeout in microseconds (it was `stimeout` before 5.0).
            options = {"rtsp_transport": self.transport.value, "timeout": read_us}
        elif kind is SourceKind.HTTP:
            # The generic AVIO timeout (µs); unlike http's `timeout` it covers https and redirects.
            options = {"rw_timeout": read_us}
        if kind is not SourceKind.FILE:
            # FFmpeg's default 5 s probe made tiles start ~1.2 s late; 0.5 s finds H.264/MJPEG.
            options["analyzeduration"] = "500000"
        url = str(self.playing_file()) if kind is SourceKind.FILE else self.url
        if self.credential_ref and kind is not SourceKind.FILE:
            credentials = load_credentials(self.credential_ref)
            if credentials is None or not credentials.password:
                raise CredentialsUnavailable(f"no password in the keychain (entry {self.credential_ref!r})")
            url = _with_credentials(url, credentials)
            secrets = (credentials.password,)
        elif kind is not SourceKind.FILE:
            password = urlsplit(url).password
            secrets = (unquote(password), password) if password else ()
        options.update(self.extra_options)
        # Longer than FFmpeg's socket timeout, so FFmpeg's more specific error normally wins.
        guard = (self.open_timeout + 1.0, self.read_timeout + 1.0)
        return ResolvedSource(url=url, options=options, timeout=guard, secrets=secrets, masked_url=masked)


def _with_credentials(url: str, credentials: CameraCredentials) -> str:
    """Insert percent-encoded credentials; FFmpeg decodes them before Basic/Digest authentication."""
    parts = urlsplit(url)
    hostport = parts.netloc.rpartition("@")[2]
    username = credentials.username or (parts.username or "")
    userinfo = f"{quote(unquote(username), safe='')}:{quote(credentials.password, safe='')}"
    return urlunsplit((parts.scheme, f"{userinfo}@{hostport}", parts.path, parts.query, parts.fragment))
