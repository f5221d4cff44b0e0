"""The tracker's settings (app/vision/tracker.py, app/vision/identity_judge.py): plain values, each with
the measurement that chose it. AnalysisSettings.tracker carries them; the settings dialog edits a few."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TrackerSettings:
    min_iou: float = 0.3  # box overlap to continue a track from one sample to the next
    # A sample this late follows a gap in analysis: tracks continue only once re-checked.
    continuity_gap_s: float = 10.0
    reidentify_distance: float = 0.3  # a lost track is revived only by a clearly close embedding
    confirm_hits: int = 2
    # Samples (~5 s) before LOST; a face detected every other frame keeps its track.
    max_misses: int = 5
    recheck_interval_s: float = 30.0
    reidentify_s: float = 120.0  # how long a lost track can be revived
    window: int = 4  # recent agreeing checks whose mean distance decides the identity
    settle_checks: int = 2  # a young track is re-checked every sample until it has this many
    votes_to_change: int = 2  # disagreeing checks in a row before a track's identity changes
    # Weak votes (learner within threshold × (1 + margin)) must outlast looking down (decision 0004).
    weak_vote_margin: float = 0.2
    weak_vote_span_s: float = 6.0
    # ... and lie this near the learner's session template (measured: decision 0004).
    weak_vote_template: float = 0.36
    # A photo match this far from L's session template is only a weak vote.
    template_doubt: float = 0.24
    # A check this far from the track's mean is another face.
    change_distance: float = 0.2
    # A learner is kept within threshold × (1 + this), joined within the threshold.
    identity_hysteresis: float = 0.1
    # Overlapping every checked box by less: a new pose, so check it.
    pose_iou: float = 0.9
    max_poses: int = 8
    activity_recheck_s: float = 10.0  # at most this often, a face arriving or leaving re-checks all
    # Checks before "nobody" just above the threshold is reported: not a stranger on two frames.
    grey_checks: int = 3
    # Least spacing of a track's checks, so faster sampling is not three "independent" looks.
    check_spacing_s: float = 0.8
    holder_margin: float = 0.05  # two faces matching one learner: the one shown as them before keeps it
    # Farther than this from L's session template, a face matched to L is not L.
    template_distance: float = 0.3
    template_confidence: float = 0.95
    template_min: int = 3
    template_size: int = 8
