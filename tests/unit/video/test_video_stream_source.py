"""StreamSource: masking, option building per kind, credentials from keyring at resolve time."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.geography import Camera
from app.video.camera_credentials import CameraCredentials, CredentialsUnavailable, store_camera_credentials
from app.video.stream_source import SourceKind, StreamSource, Transport, mask_url, scrub


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("rtsp://admin:pw@10.0.0.5:554/Streaming/101", "rtsp://admin:***@10.0.0.5:554/Streaming/101"),
        ("rtsp://admin:p@ss:w/rd@10.0.0.5/x", "rtsp://admin:***@10.0.0.5/x"),  # unencoded @ and :
        ("rtsp://admin@10.0.0.5/x", "rtsp://admin@10.0.0.5/x"),
        ("rtsp://10.0.0.5/x", "rtsp://10.0.0.5/x"),
        ("http://cam/video.cgi?user=admin&pwd=12345&res=1", "http://cam/video.cgi?user=admin&pwd=***&res=1"),
        ("http://cam/mjpg?password=s%40cret&token=abc", "http://cam/mjpg?password=***&token=***"),
        ("https://u:pw@[fe80::1]:8443/live.ts", "https://u:***@[fe80::1]:8443/live.ts"),
        ("rtsp://u:pw@[::1/broken", "rtsp://u:***@[::1/broken"),  # urlsplit rejects it: pattern fallback
        ("/srv/demo/教室 1.mp4", "/srv/demo/教室 1.mp4"),
        ("file:///srv/demo/a.mp4", "file:///srv/demo/a.mp4"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked
    assert mask_url(masked) == masked  # idempotent


def test_scrub_removes_raw_and_percent_encoded_secrets() -> None:
    assert scrub("a p@ss b p%40ss c", "p@ss") == "a *** b *** c"
    assert scrub("nothing", "") == "nothing"


def test_kind_and_validation() -> None:
    assert StreamSource("rtsp://h/x").kind is SourceKind.RTSP
    assert StreamSource("rtsps://h/x").kind is SourceKind.RTSP
    assert StreamSource("https://h/x.ts").kind is SourceKind.HTTP
    assert StreamSource("/tmp/a.mp4").kind is SourceKind.FILE
    assert StreamSource("file:///tmp/a.mp4").kind is SourceKind.FILE
    with pytest.raises(ValueError, match=r"rtmp://u:\*\*\*@h"):
        StreamSource("rtmp://u:secret@h/live")
    with pytest.raises(ValueError):
        StreamSource("rtsp://h/x", open_timeout=0)


def test_pacing_defaults() -> None:
    assert StreamSource("/tmp/a.mp4").paced and not StreamSource("rtsp://h/x").paced
    assert StreamSource("http://h/vod.ts", realtime=True).paced


def test_rtsp_options_and_guard() -> None:
    resolved = StreamSource("rtsp://h/x", transport=Transport.UDP, open_timeout=3, read_timeout=4.5).resolve()
    assert resolved.options == {"rtsp_transport": "udp", "timeout": "4500000", "analyzeduration": "500000"}
    assert resolved.timeout == (4.0, 5.5)
    assert StreamSource("rtsp://h/x").resolve().options["rtsp_transport"] == "tcp"


def test_http_and_file_options() -> None:
    options = StreamSource("http://h/x.mjpg", read_timeout=2).resolve().options
    assert options == {"rw_timeout": "2000000", "analyzeduration": "500000"}
    resolved = StreamSource("file:///srv/demo/%E6%95%99%E5%AE%A4%201.mp4").resolve()
    assert resolved.url == "/srv/demo/教室 1.mp4" and resolved.options == {}
    assert StreamSource.for_file(Path("/srv/a.mp4")).file_path == Path("/srv/a.mp4")


def test_extra_options_override_and_are_frozen() -> None:
    source = StreamSource("rtsp://h/x", extra_options={"timeout": "1", "analyzeduration": "0"})
    assert source.resolve().options == {"rtsp_transport": "tcp", "timeout": "1", "analyzeduration": "0"}
    with pytest.raises(TypeError):
        source.extra_options["x"] = "y"  # type: ignore[index]


def test_credentials_come_from_keyring_at_resolve_time_percent_encoded() -> None:
    source = StreamSource("rtsp://10.0.0.5:554/Streaming/102", credential_ref="cam-7")
    with pytest.raises(CredentialsUnavailable, match="cam-7"):
        source.resolve()
    store_camera_credentials("cam-7", "ad min", "p@ss:w/rd%")
    resolved = source.resolve()
    assert resolved.url == "rtsp://ad%20min:p%40ss%3Aw%2Frd%25@10.0.0.5:554/Streaming/102"
    assert resolved.masked_url == "rtsp://10.0.0.5:554/Streaming/102"
    assert "p@ss" not in repr(resolved) and "p%40ss" not in repr(resolved)
    assert resolved.secrets == ("p@ss:w/rd%",)


def test_user_name_from_url_when_keyring_holds_only_a_password() -> None:
    source = StreamSource("rtsp://viewer@h/x", credential_ref="bare")
    resolved = source.resolve(lambda ref: CameraCredentials(username="", password="pw"))
    assert resolved.url == "rtsp://viewer:pw@h/x"


def test_files_ignore_credentials() -> None:
    assert StreamSource("/tmp/a.mp4", credential_ref="x").resolve().url == "/tmp/a.mp4"


def test_password_written_in_the_url_is_known_as_a_secret() -> None:
    resolved = StreamSource("rtsp://u:p%40w@h/x").resolve()
    assert resolved.url == "rtsp://u:p%40w@h/x" and "p@w" in resolved.secrets


def test_for_camera_prefers_the_sub_stream() -> None:
    camera = Camera(1, 1, "c", main_url="rtsp://h/main", sub_url="rtsp://h/sub", credential_ref="cam-1")
    assert StreamSource.for_camera(camera).url == "rtsp://h/sub"
    assert StreamSource.for_camera(camera, main_stream=True).url == "rtsp://h/main"
    assert StreamSource.for_camera(camera).credential_ref == "cam-1"
    no_sub = Camera(2, 1, "c", main_url="rtsp://h/main")
    assert StreamSource.for_camera(no_sub, read_timeout=2.0).url == "rtsp://h/main"


def test_repr_masks_and_sources_hash() -> None:
    source = StreamSource("rtsp://u:hunter2@h/x", extra_options={"a": "b"})
    assert "hunter2" not in repr(source) and "rtsp://u:***@h/x" in repr(source)
    assert {source: 1}[StreamSource("rtsp://u:hunter2@h/x", extra_options={"a": "b"})] == 1
