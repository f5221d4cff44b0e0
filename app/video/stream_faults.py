"""Why a stream failed, in terms a tile and an officer understand, with the password masked.

PyAV raises FFmpeg errors whose str() contains the URL it was given, password included
(`[Errno 1094995529] Invalid data found when processing input: 'rtsp://admin:pw@...'`), so messages
here are built from the masked URL and the error's strerror only, and then scrubbed of known secrets.
Runs in decoder threads; pure functions.
"""

from __future__ import annotations

import errno
from enum import Enum

import av.error

from app.video.camera_credentials import CredentialsUnavailable
from app.video.stream_source import ResolvedSource, SourceKind, StreamSource, scrub


class StreamFault(Enum):
    UNAUTHORISED = "unauthorised"  # 401/403, no password in the keychain, file permission denied
    NOT_FOUND = "not_found"  # 404 / no such mount / missing file / unsupported address
    UNREACHABLE = "unreachable"  # refused, timed out, reset, no valid answer, stalled
    CORRUPT = "corrupt"  # invalid data, no video stream, no decoder
    ENDED = "ended"  # the source ended (file without loop, or the server closed the stream)


class StreamError(Exception):
    """A classified stream failure. `str()` is the masked, readable message."""

    def __init__(self, fault: StreamFault, message: str) -> None:
        super().__init__(message)
        self.fault = fault
        self.message = message


_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ECONNABORTED,
    errno.ETIMEDOUT,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ENETDOWN,
    errno.EPIPE,
    errno.EIO,
    errno.EAGAIN,
}


def classify_error(
    exc: BaseException,
    source: StreamSource,
    *,
    opening: bool,
    resolved: ResolvedSource | None = None,
) -> StreamError:
    """Map an exception raised while opening (`opening=True`) or reading a stream to a `StreamError`."""
    if isinstance(exc, StreamError):
        return exc
    where = source.masked_url()
    secrets = resolved.secrets if resolved is not None else ()
    detail = scrub(_strerror(exc), *secrets)
    fault, text = _classify(exc, source.kind, opening)
    return StreamError(
        fault, scrub(f"{where}: {text} ({detail})" if detail else f"{where}: {text}", *secrets)
    )


def _strerror(exc: BaseException) -> str:
    # Never str(exc) for FFmpeg/OS errors: it appends the filename, i.e. the URL with the password.
    if isinstance(exc, av.error.FFmpegError | OSError):
        return str(exc.strerror or type(exc).__name__)
    if isinstance(exc, CredentialsUnavailable):
        return ""
    return type(exc).__name__


def _classify(exc: BaseException, kind: SourceKind, opening: bool) -> tuple[StreamFault, str]:
    is_file = kind is SourceKind.FILE
    if isinstance(exc, CredentialsUnavailable):
        return StreamFault.UNAUTHORISED, str(exc)
    if isinstance(exc, av.error.HTTPUnauthorizedError | av.error.HTTPForbiddenError):
        return StreamFault.UNAUTHORISED, "the camera refused the user name or password"
    if isinstance(exc, PermissionError):
        return StreamFault.UNAUTHORISED, "permission denied"
    if isinstance(exc, av.error.HTTPNotFoundError):
        return StreamFault.NOT_FOUND, "no such stream on the server (404)"
    if isinstance(exc, FileNotFoundError | IsADirectoryError | NotADirectoryError):
        return StreamFault.NOT_FOUND, "no such file"
    if isinstance(exc, av.error.ProtocolNotFoundError):
        return StreamFault.NOT_FOUND, "unsupported address"
    if isinstance(exc, av.error.DecoderNotFoundError | av.error.DemuxerNotFoundError):
        return StreamFault.CORRUPT, "unsupported format or codec"
    if isinstance(exc, av.error.ExitError | TimeoutError):
        return StreamFault.UNREACHABLE, "no answer before the timeout"
    if isinstance(exc, ConnectionRefusedError):
        return StreamFault.UNREACHABLE, "connection refused"
    if isinstance(exc, ConnectionError):
        return StreamFault.UNREACHABLE, "connection lost"
    if isinstance(exc, av.error.HTTPServerError | av.error.HTTPClientError):
        return StreamFault.UNREACHABLE, "the server answered with an error"
    if isinstance(exc, EOFError):
        return StreamFault.ENDED, "the stream ended"
    if isinstance(exc, av.error.InvalidDataError):
        if is_file or not opening:
            return StreamFault.CORRUPT, "corrupt or unreadable video data"
        # RTSP reports a silent or non-RTSP peer as "invalid data": unreachable.
        return StreamFault.UNREACHABLE, "no valid answer from the camera"
    if isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS and not is_file:
        return StreamFault.UNREACHABLE, "network error"
    if is_file:
        return StreamFault.CORRUPT, "the file could not be read"
    return StreamFault.UNREACHABLE, "the stream failed"
