"""Command line: python -m app.vision.calibrate --faces DIR | --demo MEDIA_DIR [--target-fmr 0.001].

Prints the genuine/impostor distance ranges and the threshold for the target false-match rate with
its FMR and FNMR (see app/vision/calibration.py). With --database URL it also stores the threshold
as the workspace's calibration for the engine's embedding model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.vision.calibration import DEFAULT_TARGET_FMR, calibrate_demo, calibrate_folder, save_calibration
from app.vision.face_engine import DlibFaceEngine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.vision.calibrate", description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--faces", type=Path, help="folder with enrolled/ and probes/<name>/")
    source.add_argument("--demo", type=Path, metavar="MEDIA_DIR", help="render and use synthetic demo faces")
    parser.add_argument("--target-fmr", type=float, default=DEFAULT_TARGET_FMR)
    parser.add_argument("--upsample", type=int, default=1)
    parser.add_argument("--detector", choices=["hog", "cnn"], default="hog")
    parser.add_argument("--identities", type=int, default=12, help="with --demo")
    parser.add_argument("--database", help="store the threshold in this workspace database")
    args = parser.parse_args(argv)
    engine = DlibFaceEngine(args.detector)
    if args.faces is not None:
        if not args.faces.is_dir():
            parser.error(f"{args.faces} is not a folder")
        result = calibrate_folder(engine, args.faces, args.target_fmr, upsample=args.upsample)
    else:
        result = calibrate_demo(
            args.demo, engine, args.target_fmr, identities=args.identities, upsample=args.upsample
        )
    print(result.summary())
    if args.database:
        from app.persistence import Database, upgrade_to_head

        upgrade_to_head(args.database)
        database = Database(args.database)
        try:
            save_calibration(database, engine.embedding_id, result)
        finally:
            database.dispose()
        print(f"stored as the workspace's threshold for {engine.embedding_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
