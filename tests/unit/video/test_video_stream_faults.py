"""Mapping PyAV/FFmpeg errors to StreamFault, with messages that only ever show the masked URL."""

from __future__ import annotations

import errno

import av.error
import pytest

from app.video.camera_credentials import CredentialsUnavailable
from app.video.stream_faults import StreamError, StreamFault, classify_error
from app.video.stream_source import StreamSource

CAMERA = StreamSource("rtsp://admin:hunter2@10.0.0.5/live")
FILE = StreamSource("/srv/demo/a.mp4")


def _ffmpeg(cls: type[av.error.FFmpegError], text: str, url: str = "rtsp://admin:hunter2@10.0.0.5/live"):
    return cls(-1, text, url)


@pytest.mark.parametrize(
    ("exc", "source", "opening", "fault"),
    [
        (
            _ffmpeg(av.error.HTTPUnauthorizedError, "Server returned 401 Unauthorized"),
            CAMERA,
            True,
            StreamFault.UNAUTHORISED,
        ),
        (
            _ffmpeg(av.error.HTTPForbiddenError, "Server returned 403 Forbidden"),
            CAMERA,
            True,
            StreamFault.UNAUTHORISED,
        ),
        (
            _ffmpeg(av.error.HTTPNotFoundError, "Server returned 404 Not Found"),
            CAMERA,
            True,
            StreamFault.NOT_FOUND,
        ),
        (
            av.error.FileNotFoundError(errno.ENOENT, "No such file or directory", "/srv/demo/a.mp4"),
            FILE,
            True,
            StreamFault.NOT_FOUND,
        ),
        (
            av.error.PermissionError(errno.EACCES, "Permission denied", "/srv/demo/a.mp4"),
            FILE,
            True,
            StreamFault.UNAUTHORISED,
        ),
        (
            av.error.ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused", "x"),
            CAMERA,
            True,
            StreamFault.UNREACHABLE,
        ),
        (
            av.error.ConnectionResetError(errno.ECONNRESET, "Connection reset by peer", "x"),
            CAMERA,
            False,
            StreamFault.UNREACHABLE,
        ),
        (
            av.error.TimeoutError(errno.ETIMEDOUT, "Connection timed out", "x"),
            CAMERA,
            True,
            StreamFault.UNREACHABLE,
        ),
        (_ffmpeg(av.error.ExitError, "Immediate exit requested"), CAMERA, False, StreamFault.UNREACHABLE),
        (_ffmpeg(av.error.HTTPServerError, "Server returned 5XX"), CAMERA, True, StreamFault.UNREACHABLE),
        (
            av.error.OSError(errno.EHOSTUNREACH, "No route to host", "x"),
            CAMERA,
            True,
            StreamFault.UNREACHABLE,
        ),
        (_ffmpeg(av.error.InvalidDataError, "Invalid data found"), FILE, True, StreamFault.CORRUPT),
        (_ffmpeg(av.error.InvalidDataError, "Invalid data found"), CAMERA, False, StreamFault.CORRUPT),
        # A silent or non-RTSP peer: FFmpeg says "invalid data" after its socket timeout.
        (_ffmpeg(av.error.InvalidDataError, "Invalid data found"), CAMERA, True, StreamFault.UNREACHABLE),
        (_ffmpeg(av.error.DecoderNotFoundError, "Decoder not found"), FILE, True, StreamFault.CORRUPT),
        (_ffmpeg(av.error.ProtocolNotFoundError, "Protocol not found"), CAMERA, True, StreamFault.NOT_FOUND),
        (av.error.EOFError(-541478725, "End of file", "x"), CAMERA, False, StreamFault.ENDED),
        (
            CredentialsUnavailable("no password in the keychain (entry 'cam-7')"),
            CAMERA,
            True,
            StreamFault.UNAUTHORISED,
        ),
        (RuntimeError("boom"), FILE, False, StreamFault.CORRUPT),
        (RuntimeError("boom"), CAMERA, False, StreamFault.UNREACHABLE),
    ],
)
def test_classification(exc: BaseException, source: StreamSource, opening: bool, fault: StreamFault) -> None:
    error = classify_error(exc, source, opening=opening, resolved=source.resolve())
    assert error.fault is fault
    assert error.message.startswith(source.masked_url() + ": ")
    assert "hunter2" not in error.message and "hunter2" not in str(error)


def test_secrets_in_ffmpeg_text_are_scrubbed() -> None:
    source = StreamSource("rtsp://10.0.0.5/live", credential_ref="cam")
    resolved = source.resolve(
        lambda ref: __import__("app.video.camera_credentials", fromlist=["x"]).CameraCredentials(
            "u", "s3cr3t!"
        )
    )
    exc = av.error.HTTPUnauthorizedError(-1, "auth failed for u:s3cr3t! and u:s3cr3t%21", resolved.url)
    error = classify_error(exc, source, opening=True, resolved=resolved)
    assert "s3cr3t" not in error.message
    assert error.message.startswith("rtsp://10.0.0.5/live: the camera refused the user name or password")


def test_stream_errors_pass_through() -> None:
    original = StreamError(StreamFault.ENDED, "done")
    assert classify_error(original, FILE, opening=False) is original
