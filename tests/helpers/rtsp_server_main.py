"""GStreamer RTSP server for the video tests, run with Debian's /usr/bin/python3 (gi lives there).

Started by tests/helpers/rtsp_server.py as a subprocess; never imported by the test process.
Mounts, all on 127.0.0.1:
  /clip     the project-made H.264 clip (--clip), looped forever, paced at its real frame rate
  /pattern  a live test pattern (videotestsrc is-live=true → x264enc zerolatency)
  /secure   the same pattern behind Basic auth (--user / --password)

Protocol with the parent: prints "READY <port>" on stdout once the server is attached to its port,
"MISSING <reason>" and exit code 3 when gi/GStreamer/GstRtspServer cannot be loaded.

Threads: the GLib main loop (main thread) serves RTSP; appsrc's streaming thread calls `_need_data`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

EXIT_MISSING = 3


def _load_gi() -> tuple[Any, Any, Any]:
    try:
        import gi

        gi.require_version("Gst", "1.0")
        gi.require_version("GstRtspServer", "1.0")
        from gi.repository import GLib, Gst, GstRtspServer
    except (ImportError, ValueError) as exc:
        print(f"MISSING gi / Gst 1.0 / GstRtspServer 1.0 not importable: {exc}", flush=True)
        sys.exit(EXIT_MISSING)
    Gst.init(None)
    for element in ("x264enc", "rtph264pay", "h264parse", "qtdemux", "videotestsrc", "appsrc"):
        if Gst.ElementFactory.find(element) is None:
            print(f"MISSING GStreamer element {element!r} (install gstreamer1.0-plugins-*)", flush=True)
            sys.exit(EXIT_MISSING)
    return GLib, Gst, GstRtspServer


GLib, Gst, GstRtspServer = _load_gi()


class ClipAccessUnits:
    """The clip's H.264 access units, read once into memory so /clip can replay them forever.

    qtdemux cannot loop by itself inside an RTSP media, so we demux the MP4 up front and feed the
    units through an appsrc, shifting timestamps by one clip duration per loop.
    """

    def __init__(self, path: str) -> None:
        pipeline = Gst.parse_launch(
            f'filesrc location="{path}" ! qtdemux ! h264parse config-interval=-1 '
            "! video/x-h264,stream-format=byte-stream,alignment=au ! appsink name=sink sync=false"
        )
        sink = pipeline.get_by_name("sink")
        pipeline.set_state(Gst.State.PLAYING)
        self.units: list[tuple[bytes, int, int, bool]] = []  # (data, pts ns, duration ns, keyframe)
        self.caps: Any = None
        while True:
            sample = sink.emit("pull-sample")
            if sample is None:
                break
            buf = sample.get_buffer()
            if self.caps is None:
                self.caps = sample.get_caps()
            ok, info = buf.map(Gst.MapFlags.READ)
            data = bytes(info.data) if ok else b""
            if ok:
                buf.unmap(info)
            keyframe = not buf.has_flags(Gst.BufferFlags.DELTA_UNIT)
            self.units.append((data, buf.pts, buf.duration, keyframe))
        pipeline.set_state(Gst.State.NULL)
        if not self.units:
            raise SystemExit(f"no H.264 access units in {path}")
        last = self.units[-1]
        self.duration = last[1] + last[2] - self.units[0][1]
        self.first_pts = self.units[0][1]


class ClipFeeder:
    """Feeds one RTSP media's appsrc; one instance per client (the factory is not shared)."""

    def __init__(self, clip: ClipAccessUnits) -> None:
        self.clip = clip
        self.index = 0
        self.offset = 0

    def need_data(self, appsrc: Any, _length: int) -> None:
        # Runs in appsrc's streaming thread; push a small batch, appsrc asks again when it drains.
        for _ in range(5):
            data, pts, duration, keyframe = self.clip.units[self.index]
            buf = Gst.Buffer.new_wrapped(data)
            buf.pts = buf.dts = pts - self.clip.first_pts + self.offset
            buf.duration = duration
            if not keyframe:
                buf.set_flags(Gst.BufferFlags.DELTA_UNIT)
            if appsrc.emit("push-buffer", buf) != Gst.FlowReturn.OK:
                return
            self.index += 1
            if self.index == len(self.clip.units):
                self.index = 0
                self.offset += self.clip.duration


def _pattern_launch() -> str:
    return (
        "( videotestsrc is-live=true pattern=ball "
        "! video/x-raw,format=I420,width=640,height=360,framerate=25/1 "
        "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=600 "
        "! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )


def build_server(port: int, clip_path: str, user: str, password: str) -> Any:
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))

    # Anonymous clients get the "anonymous" role, which may use /clip and /pattern only.
    auth = GstRtspServer.RTSPAuth()
    anonymous = GstRtspServer.RTSPToken()
    anonymous.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "anonymous")
    auth.set_default_token(anonymous)
    officer = GstRtspServer.RTSPToken()
    officer.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "officer")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), officer)
    server.set_auth(auth)

    def allow(factory: Any, role: str, construct: bool = True) -> None:
        # rtsp-auth answers 404 when a role may not *access* a factory and 401 when it may not
        # *construct* the media: anonymous clients must see /secure to be challenged for a password.
        factory.add_role_from_structure(
            Gst.Structure.new_from_string(
                f"{role}, media.factory.access=(boolean)true, "
                f"media.factory.construct=(boolean){'true' if construct else 'false'}"
            )
        )

    mounts = server.get_mount_points()

    clip = ClipAccessUnits(clip_path)
    clip_factory = GstRtspServer.RTSPMediaFactory()
    clip_factory.set_launch(
        "( appsrc name=src is-live=false format=time stream-type=stream max-bytes=2000000 "
        "! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )
    clip_factory.set_shared(False)

    def configure_clip(_factory: Any, media: Any) -> None:
        appsrc = media.get_element().get_by_name("src")
        appsrc.set_property("caps", clip.caps)
        feeder = ClipFeeder(clip)
        appsrc.connect("need-data", feeder.need_data)
        media._feeder = feeder  # keep the feeder alive as long as the media

    clip_factory.connect("media-configure", configure_clip)
    allow(clip_factory, "anonymous")
    allow(clip_factory, "officer")
    mounts.add_factory("/clip", clip_factory)

    pattern_factory = GstRtspServer.RTSPMediaFactory()
    pattern_factory.set_launch(_pattern_launch())
    allow(pattern_factory, "anonymous")
    allow(pattern_factory, "officer")
    mounts.add_factory("/pattern", pattern_factory)

    secure_factory = GstRtspServer.RTSPMediaFactory()
    secure_factory.set_launch(_pattern_launch())
    allow(secure_factory, "anonymous", construct=False)
    allow(secure_factory, "officer")
    mounts.add_factory("/secure", secure_factory)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--clip")
    parser.add_argument("--check", action="store_true", help="only check that gi and the elements load")
    parser.add_argument("--parent-pid", type=int, default=0, help="quit when this process is gone")
    parser.add_argument("--user", default="officer")
    parser.add_argument("--password", default="s3cret-pw")
    args = parser.parse_args()
    if args.check:
        print("OK", Gst.version_string(), flush=True)
        return
    if not args.clip:
        parser.error("--clip is required")

    server = build_server(args.port, args.clip, args.user, args.password)
    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(f"FAILED could not bind 127.0.0.1:{args.port}", flush=True)
        sys.exit(2)
    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, loop.quit)
    if args.parent_pid:
        # If pytest dies without its fixture teardown (SIGKILL, a crash), do not outlive it.
        def parent_alive() -> bool:
            if os.getppid() != args.parent_pid:
                loop.quit()
                return False
            return True

        GLib.timeout_add_seconds(1, parent_alive)
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
