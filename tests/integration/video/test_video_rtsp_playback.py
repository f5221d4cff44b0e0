"""Playing real RTSP streams from GStreamer's RTSP server: sizes, credentials, transports, packets."""

from __future__ import annotations

import logging
import threading
import time

import av
import pytest

from app.domain.geography import Camera
from app.video import DecoderPool, PixelFormat, StreamFault, StreamSource, StreamState, Transport
from app.video.camera_credentials import store_camera_credentials
from tests.helpers.rtsp_server import PASSWORD, USER, RtspServer, read_counter
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until


def _camera(url: str, credential_ref: str = "") -> Camera:
    return Camera(id=7, classroom_id=1, name="第一教室", main_url=url, credential_ref=credential_ref)


def test_clip_and_pattern_play_converted_to_their_tile_size(pool: DecoderPool, rtsp: RtspServer) -> None:
    notified: dict[str, int] = {"clip": 0, "pattern": 0}

    def on_frame(stream_id: str) -> None:
        notified[stream_id] += 1  # each key is touched by one decoder thread only

    clip_slot = pool.open_stream(
        "clip", StreamSource(rtsp.url("clip")), target_size=(320, 180), on_frame=on_frame
    )
    pattern_slot = pool.open_stream(
        "pattern",
        StreamSource(rtsp.url("pattern")),
        target_size=(480, 270),
        pixel_format=PixelFormat.BGRA,
        on_frame=on_frame,
    )
    wait_state(pool, "clip", StreamState.PLAYING, 10)
    wait_state(pool, "pattern", StreamState.PLAYING, 10)
    wait_until(lambda: min(notified.values()) >= 25, 10, message="25 frames from each stream")

    clip_frame = clip_slot.take()
    pattern_frame = pattern_slot.take()
    assert clip_frame is not None and pattern_frame is not None
    assert clip_frame.image.shape == (180, 320, 3) and clip_frame.image.flags["C_CONTIGUOUS"]
    assert pattern_frame.image.shape == (270, 480, 4) and pattern_frame.pixel_format is PixelFormat.BGRA
    assert (clip_frame.source_width, clip_frame.source_height) == (640, 360)
    stats = pool.stats("clip")
    assert stats.codec == "h264" and stats.source_size == (640, 360) and stats.fault is None
    assert stats.last_frame_wallclock is not None and stats.offline_since is None

    # The clip's frames carry their number: later frames have later numbers (the server paces them).
    first = read_counter(clip_frame.image)
    wait_until(lambda: clip_slot.has_new, 2, message="a newer clip frame")
    time.sleep(0.5)
    later = clip_slot.take()
    assert later is not None and later.sequence > clip_frame.sequence
    assert read_counter(later.image) != first


def test_secure_mount_plays_with_the_password_from_keyring(pool: DecoderPool, rtsp: RtspServer) -> None:
    store_camera_credentials("cam-secure", USER, PASSWORD)
    source = StreamSource.for_camera(_camera(rtsp.url("secure"), credential_ref="cam-secure"))
    assert "s3cret" not in repr(source)
    pool.open_stream("secure", source, target_size=(320, 180))
    stats = wait_state(pool, "secure", StreamState.PLAYING, 10)
    assert stats.masked_url == rtsp.url("secure")  # the URL never held a password


def test_wrong_password_is_unauthorised_without_leaking_it(
    pool: DecoderPool, rtsp: RtspServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store_camera_credentials("cam-wrong", USER, "wrong-Passw0rd")
    pool.open_stream(
        "wrong", StreamSource.for_camera(_camera(rtsp.url("secure"), credential_ref="cam-wrong"))
    )
    stats = wait_state(pool, "wrong", StreamState.UNAUTHORISED, 10)
    assert stats.fault is StreamFault.UNAUTHORISED
    assert rtsp.url("secure") in stats.message and "password" in stats.message
    assert stats.retry_at is None  # no automatic retry: cameras lock accounts after wrong passwords
    time.sleep(1.0)
    assert pool.stats("wrong").attempts == 1

    # The officer corrects the password; restarting the stream picks it up from keyring.
    store_camera_credentials("cam-wrong", USER, PASSWORD)
    pool.restart_stream("wrong")
    wait_state(pool, "wrong", StreamState.PLAYING, 10)
    for text in (stats.message, caplog.text, repr(pool.stats("wrong"))):
        assert "wrong-Passw0rd" not in text and PASSWORD not in text


def test_password_written_into_the_url_is_masked_everywhere(
    pool: DecoderPool, rtsp: RtspServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    pool.open_stream("inline", StreamSource(rtsp.url("secure", user=USER, password=PASSWORD)))
    pool.open_stream("inline-bad", StreamSource(rtsp.url("secure", user=USER, password="nope-" + PASSWORD)))
    playing = wait_state(pool, "inline", StreamState.PLAYING, 10)
    refused = wait_state(pool, "inline-bad", StreamState.UNAUTHORISED, 10)
    assert playing.masked_url == rtsp.url("secure").replace("rtsp://", f"rtsp://{USER}:***@")
    for text in (refused.message, playing.masked_url, caplog.text):
        assert PASSWORD not in text


def test_missing_keyring_entry_is_unauthorised_without_asking_the_camera(
    pool: DecoderPool, rtsp: RtspServer
) -> None:
    pool.open_stream(
        "no-entry", StreamSource.for_camera(_camera(rtsp.url("secure"), credential_ref="cam-none"))
    )
    stats = wait_state(pool, "no-entry", StreamState.UNAUTHORISED, 5)
    assert "keychain" in stats.message and "cam-none" in stats.message


def test_unknown_mount_is_not_found_and_retried_slowly(pool: DecoderPool, rtsp: RtspServer) -> None:
    pool.open_stream("nope", StreamSource(rtsp.url("no-such-mount")))
    stats = wait_state(pool, "nope", StreamState.NOT_FOUND, 10)
    assert stats.fault is StreamFault.NOT_FOUND
    assert "no-such-mount" in stats.message and "404" in stats.message
    assert stats.retry_in() is not None


def test_udp_transport_plays(pool: DecoderPool, rtsp: RtspServer) -> None:
    pool.open_stream(
        "udp", StreamSource(rtsp.url("pattern"), transport=Transport.UDP), target_size=(320, 180)
    )
    wait_state(pool, "udp", StreamState.PLAYING, 10)
    wait_until(lambda: pool.stats("udp").frames_decoded >= 10, 5, message="frames over UDP")


def test_packet_callback_sees_the_demuxed_stream(pool: DecoderPool, rtsp: RtspServer) -> None:
    lock = threading.Lock()
    packets: list[av.Packet] = []

    def on_packet(stream_id: str, packet: av.Packet) -> None:
        with lock:
            if len(packets) < 200:
                packets.append(packet)

    pool.open_stream("rec", StreamSource(rtsp.url("clip")), target_size=(160, 90), on_packet=on_packet)
    wait_until(lambda: len(packets) >= 60, 10, message="60 packets")
    with lock:
        received = list(packets)
    assert all(p.stream.codec_context.name == "h264" for p in received)
    assert any(p.is_keyframe for p in received)  # the clip has a keyframe every 2 s
    assert all(p.size > 0 for p in received)
    # FFmpeg's RTP demuxer gives the very first packet no timestamp; a recorder must cope with that.
    assert all(p.pts is not None for p in received[1:])
