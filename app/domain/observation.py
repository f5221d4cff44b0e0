"""What face analysis tells the rules engine: one identity seen on one camera at one moment.

This is the contract between app.vision (producer, analysis coordinator thread) and
app.supervision (consumer, rules engine), kept in the domain so that neither imports the other
for it. Plain frozen dataclasses, no Qt, no numpy: an Observation can be logged, queued, pickled or
compared in a test without the vision stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Box:
    """Face box in pixels of the ORIGINAL camera frame (not the analysis thumbnail).

    left/top inclusive, right/bottom exclusive, like dlib rectangles.
    """

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return max(0, self.right - self.left)

    @property
    def height(self) -> int:
        return max(0, self.bottom - self.top)

    @property
    def area(self) -> int:
        return self.width * self.height


@dataclass(frozen=True, slots=True)
class Observation:
    """One tracked face on one camera in one analysed sample.

    - ``at``: when the analysed frame was decoded, as a NAIVE LOCAL wall-clock time like every
      time in the domain and the database (app/persistence/column_types.py), so the rules can
      compare it with class session times directly.
    - ``track_id``: stable for as long as the tracker follows the same face on this camera
      (unique per camera within a run of the AnalysisService; not stored across restarts).
    - ``learner_id``: the roster learner whose enrolment embedding is nearest AND within the
      verification threshold; ``None`` means an unknown face (nobody on the roster matched).
    - ``distance``: Euclidean distance to the nearest roster learner (even when above the
      threshold, so that the rules can tell "clearly a stranger" from "borderline");
      ``None`` when the roster is empty or the face has not been embedded yet.
    - ``second_best_*``: the runner-up roster learner, for ambiguity checks (替学 evidence).
    - ``engine_id``: the face engine + model versions that produced the distance.
    - ``verified_at``: when the identity was last (re)computed from an embedding; between
      re-checks the tracker carries the identity forward by box association.
    - ``agreeing_checks``: how many of the track's recent identity checks agree with ``learner_id``
      (the tracker averages them and changes a track's identity only after several agree): the
      rules engine counts them as confirmations. 0: not said (a producer without voting).
    - ``replaced_learner_id``: the learner whose face in this seat the tracker's votes replaced
      (someone else sat down there), with how far the face now there lies from that learner's
      enrolment photo (``replaced_distance``) and from their classroom views this session
      (``replaced_template_distance``, None without a session template): the measures a FACE_MISMATCH
      of that learner rests on. ``distance`` is to the face's nearest learner, which for a substitute
      resembling another learner is that learner's, under the threshold. None: nobody was replaced.
    """

    camera_id: int
    at: datetime
    track_id: int
    learner_id: int | None
    distance: float | None
    box: Box
    second_best_learner_id: int | None = None
    second_best_distance: float | None = None
    engine_id: str = ""
    verified_at: datetime | None = None
    threshold: float | None = None
    agreeing_checks: int = 0
    replaced_learner_id: int | None = None
    replaced_distance: float | None = None
    replaced_template_distance: float | None = None

    @property
    def is_unknown(self) -> bool:
        return self.learner_id is None


@dataclass(frozen=True, slots=True)
class CameraSample:
    """Everything analysed for one camera frame: the rules engine receives one per sample.

    ``observations`` may be empty (nobody visible), which is itself evidence for absence rules.

    Evidence pictures (only when the AnalysisService's `evidence_jpeg` setting is on and the sample
    has observations): ``frame_jpeg`` is the analysed frame, ``face_jpegs`` maps a track id to a crop
    of that face (with a margin). A consumer that keeps them only for raised events holds a few
    tens of KB per queued sample.
    """

    camera_id: int
    at: datetime
    observations: tuple[Observation, ...]
    engine_id: str = ""
    frame_jpeg: bytes = b""
    face_jpegs: Mapping[int, bytes] = field(default_factory=dict)
