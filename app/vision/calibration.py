"""Choose the verification threshold from labelled faces: genuine vs impostor distance distributions.

Input (as ../shared/data/faces): `enrolled/NAME.ext` or `enrolled/NAME/*.ext` (enrolment photos) and
`probes/NAME/*.ext` (captures). Genuine distances: each probe to its own identity's nearest enrolment;
impostor: each probe to every other identity's nearest, plus every pair of different identities'
enrolment photos. The threshold keeps the false-match rate (an impostor at or below it) at most
`target_fmr`, halfway between the last genuine distance below the first disallowed impostor distance
and that distance, a margin on both sides; FNMR is the share of genuine distances above it. With n
impostor distances FMR moves in steps of 1/n (`fmr_resolution`): 0.1 % needs well over 1000 pairs;
below that the threshold stays under every impostor seen. Runs dlib in the calling thread (command
line, or a worker task behind the calibration dialog; never the GUI thread); `progress(done, total)`
and `cancelled()` serve a dialog.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from app.persistence import Database
from app.vision.calibration_store import save_figures, stored_calibration
from app.vision.enrolment import embed_photo, read_rgb
from app.vision.face_engine import Embedding, FaceEngine, distances

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp"})
DEFAULT_TARGET_FMR = 0.001

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    threshold: float
    target_fmr: float
    fmr: float  # measured at the threshold
    fnmr: float
    genuine_count: int
    impostor_count: int
    genuine_range: tuple[float, float]
    impostor_range: tuple[float, float]
    eer: float  # equal error rate and where it is, for reference
    eer_threshold: float
    engine_id: str = ""
    identities: int = 0
    unusable: tuple[str, ...] = ()  # photos without a detectable face
    genuine: tuple[float, ...] = field(default=(), repr=False)
    impostor: tuple[float, ...] = field(default=(), repr=False)

    @property
    def fmr_resolution(self) -> float:
        return 1.0 / self.impostor_count if self.impostor_count else 1.0

    def summary(self) -> str:
        lines = [
            f"engine            {self.engine_id}",
            f"identities        {self.identities}",
            f"genuine pairs     {self.genuine_count}  distance {_range(self.genuine_range)}",
            f"impostor pairs    {self.impostor_count}  distance {_range(self.impostor_range)}",
            f"threshold         {self.threshold:.4f}  (target FMR {self.target_fmr:.4%})",
            f"FMR at threshold  {self.fmr:.4%}  (resolution {self.fmr_resolution:.4%})",
            f"FNMR at threshold {self.fnmr:.4%}",
            f"EER               {self.eer:.4%} at {self.eer_threshold:.4f}",
        ]
        if self.target_fmr < self.fmr_resolution:
            lines.append("note: too few impostor pairs to measure the target FMR; threshold is below all")
        if self.unusable:
            lines.append(f"unusable photos   {len(self.unusable)}: " + ", ".join(self.unusable[:5]))
        return "\n".join(lines)


def _range(values: tuple[float, float]) -> str:
    return f"{values[0]:.3f}–{values[1]:.3f}"


def error_rates(genuine: Sequence[float], impostor: Sequence[float], threshold: float) -> tuple[float, float]:
    """(FMR, FNMR) at `threshold`; a pair matches when its distance is <= threshold."""
    g = np.asarray(genuine, dtype=np.float64)
    i = np.asarray(impostor, dtype=np.float64)
    fmr = float((i <= threshold).mean()) if i.size else 0.0
    fnmr = float((g > threshold).mean()) if g.size else 0.0
    return fmr, fnmr


def threshold_for_fmr(genuine: Sequence[float], impostor: Sequence[float], target_fmr: float) -> float:
    """The threshold with FMR <= target_fmr and the lowest FNMR, with a margin on both sides."""
    if not impostor:
        raise ValueError("calibration needs impostor distances (at least two identities)")
    imp = np.sort(np.asarray(impostor, dtype=np.float64))
    allowed = math.floor(target_fmr * len(imp) + 1e-9)  # false matches the target permits
    if allowed >= len(imp):
        return float(imp[-1])
    first_disallowed = float(imp[allowed])
    below = [g for g in genuine if g < first_disallowed]
    below_imp = float(imp[allowed - 1]) if allowed > 0 else -math.inf
    lower = max(max(below, default=-math.inf), below_imp)
    if math.isinf(lower):
        return first_disallowed * 0.999
    return (lower + first_disallowed) / 2.0


def equal_error_rate(genuine: Sequence[float], impostor: Sequence[float]) -> tuple[float, float]:
    """(EER, its threshold): where FMR and FNMR are closest, scanning every observed distance."""
    candidates = sorted(set(genuine) | set(impostor))
    best = (math.inf, 1.0, 0.0)
    for t in candidates:
        fmr, fnmr = error_rates(genuine, impostor, t)
        gap = abs(fmr - fnmr)
        if gap < best[0]:
            best = (gap, (fmr + fnmr) / 2.0, t)
    return best[1], best[2]


def calibrate_distances(
    genuine: Sequence[float],
    impostor: Sequence[float],
    target_fmr: float = DEFAULT_TARGET_FMR,
    *,
    engine_id: str = "",
    identities: int = 0,
    unusable: Sequence[str] = (),
) -> CalibrationResult:
    if not genuine:
        raise ValueError("calibration needs genuine distances (probes of enrolled identities)")
    threshold = threshold_for_fmr(genuine, impostor, target_fmr)
    fmr, fnmr = error_rates(genuine, impostor, threshold)
    eer, eer_threshold = equal_error_rate(genuine, impostor)
    return CalibrationResult(
        threshold=threshold,
        target_fmr=target_fmr,
        fmr=fmr,
        fnmr=fnmr,
        genuine_count=len(genuine),
        impostor_count=len(impostor),
        genuine_range=(float(min(genuine)), float(max(genuine))),
        impostor_range=(float(min(impostor)), float(max(impostor))),
        eer=eer,
        eer_threshold=eer_threshold,
        engine_id=engine_id,
        identities=identities,
        unusable=tuple(unusable),
        genuine=tuple(float(g) for g in genuine),
        impostor=tuple(float(i) for i in impostor),
    )


# ----- from a folder of labelled photos -----


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def labelled_photos(faces_dir: Path) -> tuple[dict[str, list[Path]], dict[str, list[Path]]]:
    """({identity: enrolment photos}, {identity: probe photos}) of the folder layout above."""
    enrolled: dict[str, list[Path]] = {}
    enrolled_dir = faces_dir / "enrolled"
    for entry in sorted(enrolled_dir.iterdir()) if enrolled_dir.is_dir() else []:
        if entry.is_dir():
            enrolled.setdefault(entry.name, []).extend(_images(entry))
        elif entry.suffix.lower() in IMAGE_SUFFIXES:
            enrolled.setdefault(entry.stem, []).append(entry)
    probes: dict[str, list[Path]] = {}
    probes_dir = faces_dir / "probes"
    for entry in sorted(probes_dir.iterdir()) if probes_dir.is_dir() else []:
        if entry.is_dir() and entry.name in enrolled:
            probes[entry.name] = _images(entry)
    return enrolled, probes


def calibrate_folder(
    engine: FaceEngine,
    faces_dir: Path,
    target_fmr: float = DEFAULT_TARGET_FMR,
    *,
    upsample: int = 1,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CalibrationResult:
    enrolled, probes = labelled_photos(Path(faces_dir))
    total = sum(map(len, enrolled.values())) + sum(map(len, probes.values()))
    done = 0
    unusable: list[str] = []

    def embed_all(paths: list[Path]) -> list[Embedding]:
        nonlocal done
        vectors: list[Embedding] = []
        for path in paths:
            if cancelled is not None and cancelled():
                raise InterruptedError("calibration cancelled")
            image = read_rgb(path)
            vector = None if image is None else embed_photo(engine, image, upsample)[0]
            if vector is None:
                unusable.append(str(path.relative_to(faces_dir)))
            else:
                vectors.append(vector)
            done += 1
            if progress is not None:
                progress(done, total)
        return vectors

    embedded = {name: embed_all(paths) for name, paths in enrolled.items()}
    galleries = {name: np.stack(vectors) for name, vectors in embedded.items() if vectors}
    genuine: list[float] = []
    impostor: list[float] = []
    for name, paths in probes.items():
        for probe in embed_all(paths):
            for other, gallery in galleries.items():
                nearest = float(distances(probe, gallery).min())
                (genuine if other == name else impostor).append(nearest)
    names = sorted(galleries)
    for a_index, a in enumerate(names):
        for b in names[a_index + 1 :]:
            for vector in galleries[a]:
                impostor.append(float(distances(vector, galleries[b]).min()))
    return calibrate_distances(
        genuine,
        impostor,
        target_fmr,
        engine_id=engine.engine_id,
        identities=len(galleries),
        unusable=unusable,
    )


# ----- the workspace's stored threshold (app/vision/calibration_store.py) -----


def save_calibration(
    database: Database, embedding_id: str, result: CalibrationResult, at: datetime | None = None
) -> None:
    """Store the chosen threshold, its figures (without the raw distances) and when (`at`, default
    now) in workspace_meta; the review shows that date beside the threshold."""
    figures = {k: v for k, v in asdict(result).items() if k not in ("genuine", "impostor")}
    with database.writing() as session:
        save_figures(session, embedding_id, figures, at or datetime.now())


def load_threshold(database: Database, embedding_id: str) -> float | None:
    """The workspace's calibrated threshold for this embedding model, or None when never calibrated."""
    with database.reading() as session:
        stored = stored_calibration(session, embedding_id)
    return None if stored is None else stored.threshold
