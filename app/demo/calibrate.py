"""Command line: python -m app.demo.calibrate MEDIA_DIR [--identities 12] [--database URL].

Renders the demo's synthetic portraits under MEDIA_DIR/calibration (once) and calibrates on them
(app/demo/portrait_calibration.py); otherwise as python -m app.vision.calibrate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.demo.portrait_calibration import calibrate_demo
from app.vision.calibrate import print_and_store
from app.vision.calibration import DEFAULT_TARGET_FMR
from app.vision.face_engine import DlibFaceEngine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.demo.calibrate", description=__doc__)
    parser.add_argument("media_dir", type=Path, metavar="MEDIA_DIR", help="where the synthetic faces go")
    parser.add_argument("--target-fmr", type=float, default=DEFAULT_TARGET_FMR)
    parser.add_argument("--upsample", type=int, default=1)
    parser.add_argument("--detector", choices=["hog", "cnn"], default="hog")
    parser.add_argument("--identities", type=int, default=12)
    parser.add_argument("--database", help="store the threshold in this workspace database")
    args = parser.parse_args(argv)
    engine = DlibFaceEngine(args.detector)
    result = calibrate_demo(
        args.media_dir, engine, args.target_fmr, identities=args.identities, upsample=args.upsample
    )
    print_and_store(result, engine, args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
