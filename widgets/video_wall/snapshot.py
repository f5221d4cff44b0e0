"""Write a tile's picture to a PNG file. Runs on a worker thread (app.tasks), never the GUI thread.

QImage (unlike QPixmap) may be used off the GUI thread. The frame's pixels are shared with the
decoder's slot and immutable, so the worker wraps them and PNG-encodes without touching the wall.
"""

from __future__ import annotations

from pathlib import Path

from app.video import VideoFrameData
from app.video.qimage_bridge import qimage_from_frame


def save_frame_png(frame: VideoFrameData, path: Path) -> Path:
    """Encode `frame` as PNG at `path` (folders created); returns the path. Raises OSError on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = qimage_from_frame(frame)
    # The format comes from the suffix; the hidden temporary name keeps ".png" for that reason.
    temporary = path.with_name(f".{path.stem}.part.png")
    if not image.save(str(temporary)):
        raise OSError(f"could not write {temporary}")
    temporary.replace(path)
    return path
