"""Face accuracy and throughput of the dlib engine on the real faces (../shared/data/faces).

    .venv/bin/python bench/face_accuracy.py [--faces DIR] [--every 10] [--upsample 1] [--repeat 10]

Prints: the detection rate on enrolment and probe photos; the identification of each probe against
the enrolment photos (nearest and second nearest, with distances); the genuine and impostor distance
ranges; the faces found and identified in video/short_hamilton_clip.mp4 (every Nth frame); and the
throughput: ms per HOG detection on a 640×360 frame (upsample 0 and 1) and per embedding. Figures
are printed beside the baseline of docs/context.md; nothing is asserted. Single-threaded; about 20 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import av
import numpy as np

from app.vision.calibration import labelled_photos
from app.vision.enrolment import embed_photo, read_rgb
from app.vision.face_engine import DEFAULT_THRESHOLD, DlibFaceEngine, Embedding, FaceDetection, distance

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "Baseline: HOG ~37 ms at 640×360 (45–50 ms under load), embedding ~110–140 ms per face"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "data" / "faces")
    parser.add_argument("--every", type=int, default=10, help="analyse every Nth frame of the clip")
    parser.add_argument("--upsample", type=int, default=1, help="HOG upsampling for the clip")
    parser.add_argument("--repeat", type=int, default=10, help="timing repetitions")
    parser.add_argument(
        "--streams", type=int, default=0, help="also run the AnalysisService on N clip streams"
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="how long, with --streams")
    args = parser.parse_args()
    if not (args.faces / "enrolled").is_dir():
        print(f"no real faces at {args.faces}: nothing to measure")
        return 1
    engine = DlibFaceEngine()
    print(f"engine: {engine.engine_id}   threshold: {DEFAULT_THRESHOLD}")

    enrolled, probes = labelled_photos(args.faces)
    gallery: dict[str, Embedding] = {}
    found = total = 0
    for name, paths in enrolled.items():
        image = read_rgb(paths[0])
        vector, count = (None, 0) if image is None else embed_photo(engine, image)
        total += 1
        found += vector is not None
        if vector is not None:
            gallery[name] = vector
    print(f"\nenrolment photos: faces found in {found}/{total}")

    print("\nprobe identification (nearest enrolment; second nearest):")
    genuine: list[float] = []
    impostor: list[float] = []
    probe_total = probe_found = correct = 0
    for name, paths in probes.items():
        for path in paths:
            probe_total += 1
            image = read_rgb(path)
            vector, count = (None, 0) if image is None else embed_photo(engine, image)
            if vector is None:
                print(f"  {name}/{path.name:28s} NO FACE")
                continue
            probe_found += 1
            ranked = sorted((distance(vector, v), other) for other, v in gallery.items())
            ok = ranked[0][1] == name and ranked[0][0] <= DEFAULT_THRESHOLD
            correct += ok
            for d, other in ranked:
                (genuine if other == name else impostor).append(d)
            print(
                f"  {name + '/' + path.name:40s} → {ranked[0][1]:20s} {ranked[0][0]:.3f}; "
                f"{ranked[1][1]:20s} {ranked[1][0]:.3f}  {'OK' if ok else 'WRONG'}  faces={count}"
            )
    names = sorted(gallery)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            impostor.append(distance(gallery[a], gallery[b]))
    print(f"\ndetection rate: probes {probe_found}/{probe_total}, enrolment {found}/{total}")
    print(f"identification accuracy (rank 1 within {DEFAULT_THRESHOLD}): {correct}/{probe_total}")
    print(f"genuine distances:  n={len(genuine):3d}  {min(genuine):.3f}–{max(genuine):.3f}")
    print(f"impostor distances: n={len(impostor):3d}  {min(impostor):.3f}–{max(impostor):.3f}")

    clip = args.faces / "video" / "short_hamilton_clip.mp4"
    frames: list[np.ndarray] = []
    with av.open(str(clip)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index % args.every == 0:
                frames.append(frame.to_ndarray(format="rgb24"))
    print(
        f"\nclip {clip.name}: {len(frames)} frames analysed (every {args.every}th), upsample {args.upsample}"
    )
    faces_total = frames_with_faces = 0
    identified: dict[str, int] = {}
    unknown = 0
    sample: tuple[np.ndarray, FaceDetection] | None = None
    for frame in frames:
        detections = engine.detect(frame, args.upsample)
        faces_total += len(detections)
        frames_with_faces += bool(detections)
        for detection in detections:
            sample = sample or (frame, detection)
            vector = engine.embed(frame, detection)
            d, who = min((distance(vector, v), other) for other, v in gallery.items())
            if d <= DEFAULT_THRESHOLD:
                identified[who] = identified.get(who, 0) + 1
            else:
                unknown += 1
    print(f"  faces found: {faces_total} in {frames_with_faces}/{len(frames)} frames")
    print(f"  identified: {identified or 'none'}; unknown faces: {unknown}")

    print(f"\nthroughput (one core, median of {args.repeat}); {BASELINE}")
    frame = frames[len(frames) // 2]
    for upsample in (0, 1):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            engine.detect(frame, upsample)
            times.append((time.perf_counter() - started) * 1000)
        print(f"  HOG detection 640×360 upsample {upsample}: {statistics.median(times):6.1f} ms")
    if sample is not None:
        source, detection = sample
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            engine.embed(source, detection)
            times.append((time.perf_counter() - started) * 1000)
        print(f"  embedding (landmarks given):         {statistics.median(times):6.1f} ms per face")
    if args.streams:
        run_service(clip, gallery, args.streams, args.seconds)
    return 0


def run_service(clip: Path, gallery: dict[str, Embedding], streams: int, seconds: float) -> None:
    """N paced 30 fps streams of the clip, analysed at 1 fps each through the worker process."""
    from app.domain.observation import CameraSample
    from app.video import DecoderPool, StreamSource
    from app.vision.analysis_service import AnalysisService
    from app.vision.analysis_types import AnalysedCamera
    from app.vision.roster import Roster
    from app.vision.settings import AnalysisSettings

    names = sorted(gallery)
    roster = Roster({i: [gallery[name]] for i, name in enumerate(names)})
    samples: list[CameraSample] = []
    with DecoderPool(max_streams=streams) as pool:
        cameras = []
        for index in range(streams):
            pool.open_stream(f"s{index}", StreamSource.for_file(clip), target_size=(320, 180))
            cameras.append(AnalysedCamera(index, f"s{index}"))
        service = AnalysisService(
            pool,
            cameras,
            AnalysisSettings(),
            rosters={c.camera_id: roster for c in cameras},
            on_sample=samples.append,
        )
        started = time.process_time()
        service.start()
        time.sleep(seconds)
        statuses = service.statuses()
        counters = service.process.counters()
        cpu = time.process_time() - started
        service.stop()
    analysed = sum(s.analysed for s in statuses.values())
    dropped = sum(s.dropped for s in statuses.values())
    identified = sum(1 for s in samples for o in s.observations if o.learner_id is not None)
    print(f"\nservice: {streams} streams × {seconds:.0f} s at 1 fps analysis (display tap 320×180)")
    print(f"  analysed {analysed} frames ({analysed / seconds:.1f}/s), dropped {dropped}, worker {counters}")
    print(f"  identified observations: {identified}; GUI-process CPU {cpu / seconds * 100:.0f}% of one core")


if __name__ == "__main__":
    sys.exit(main())
