"""Video foundation: stream sources, the decoder pool and latest-frame slots (no widgets here).

See app/video/decoder_pool.py for how the pieces fit together.
"""

from app.video.decoder_pool import DecoderPool, PoolFullError
from app.video.frame_output import fit_size
from app.video.latest_frame import LatestFrameSlot, PixelFormat, VideoFrameData
from app.video.stream_faults import StreamError, StreamFault
from app.video.stream_source import StreamSource, Transport, mask_url
from app.video.stream_state import DecodeMode, ReconnectPolicy, StreamState, StreamStats

__all__ = [
    "DecodeMode",
    "DecoderPool",
    "LatestFrameSlot",
    "PixelFormat",
    "PoolFullError",
    "ReconnectPolicy",
    "StreamError",
    "StreamFault",
    "StreamSource",
    "StreamState",
    "StreamStats",
    "Transport",
    "VideoFrameData",
    "fit_size",
    "mask_url",
]
