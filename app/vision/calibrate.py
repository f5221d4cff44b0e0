"""Command line: python -m app.vision.calibrate --faces DIR [--target-fmr 0.001] [--database URL].

Prints the genuine/impostor distance ranges and the threshold for the target false-match rate with
its FMR and FNMR (see app/vision/calibration.py). With --database URL it also stores the threshold
as the workspace's calibration for the engine's embedding model. The demo's synthetic faces have
their own command, python -m app.demo.calibrate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.vision.calibration import DEFAULT_TARGET_FMR, CalibrationResult, calibrate_folder, save_calibration
from app.vision.face_engine import DlibFaceEngine, FaceEngine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.vision.calibrate", description=__doc__)
    parser.add_argument("--faces", type=Path, required=True, help="folder with enrolled/ and probes/<name>/")
    parser.add_argument("--target-fmr", type=float, default=DEFAULT_TARGET_FMR)
    parser.add_argument("--upsample", type=int, default=1)
    parser.add_argument("--detector", choices=["hog", "cnn"], default="hog")
    parser.add_argument("--database", help="store the threshold in this workspace database")
    args = parser.parse_args(argv)
    engine = DlibFaceEngine(args.detector)
    if not args.faces.is_dir():
        parser.error(f"{args.faces} is not a folder")
    result = calibrate_folder(engine, args.faces, args.target_fmr, upsample=args.upsample)
    print_and_store(result, engine, args.database)
    return 0


def print_and_store(result: CalibrationResult, engine: FaceEngine, database_url: str | None) -> None:
    """Print the figures; with a database URL, store the threshold as the workspace's calibration."""
    print(result.summary())
    if database_url:
        from app.persistence import Database, upgrade_to_head

        upgrade_to_head(database_url)
        database = Database(database_url)
        try:
            save_calibration(database, engine.embedding_id, result)
        finally:
            database.dispose()
        print(f"stored as the workspace's threshold for {engine.embedding_id}")


if __name__ == "__main__":
    sys.exit(main())
