"""The tracker's settings (app/vision/tracker.py, app/vision/identity_judge.py): plain values, each with
the measurement that chose it. AnalysisSettings.tracker carries them; the settings dialog edits a few."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TrackerSettings:
    min_iou: float = 0.3  # box overlap to continue a track from one sample to the next
    # A sample this long after the camera's previous one follows a gap in analysis (the camera was off
    # the wall's page, a worker restarted): a track continues its seat only once a check shows the
    # same face there (FaceTracker.update). Within it a seat's occupant cannot change unseen: a face
    # missing for `max_misses` samples (~5 s) already ends its track. Twice that, so that samples late
    # by a few seconds on a busy machine are not taken for a page flip.
    continuity_gap_s: float = 10.0
    reidentify_distance: float = 0.3  # a lost track is revived only by a clearly close embedding
    confirm_hits: int = 2
    # Samples; at 1 fps a face undetected for 5 s becomes LOST. Not shorter: a face the detector finds
    # in only every other frame (a low-contrast face, looking down) must keep its seat's track.
    max_misses: int = 5
    recheck_interval_s: float = 30.0
    reidentify_s: float = 120.0  # how long a lost track can be revived
    window: int = 4  # recent agreeing checks whose mean distance decides the identity
    settle_checks: int = 2  # a young track is re-checked every sample until it has this many
    votes_to_change: int = 2  # disagreeing checks in a row before a track's identity changes
    # Weak votes (IdentityJudge._weak_vote: nobody within the threshold, the learner within threshold ×
    # (1 + margin)) change the identity only once they have lasted this long: longer than a learner
    # looks down at the desk. The demo's mover looks down for ~4 s of each 12 s loop and lies up to
    # 0.448 from his photo then (threshold 0.398: × 1.13).
    weak_vote_margin: float = 0.2
    weak_vote_span_s: float = 6.0
    # ... and lie this near the learner's session template, when there is one. Measured with
    # bench/tracker_replay.py (16 classrooms): looking down, the movers' first disagreeing checks lay
    # 0.23-0.33 from their templates; substitutes within the margin of the learner's photo 0.39-0.46.
    weak_vote_template: float = 0.36
    # A check the photo calls the track's learner L but this far from L's session template is a doubt:
    # a weak vote (it must last `weak_vote_span_s`). A look-alike substitute stays there; L does not.
    # Measured on the demo (camera 13, 75 views each): learner 152's own views 0.06-0.15 from his
    # template, a mover looking down ≤ 0.21 (the replay's movers 0.23-0.33, for ~4 s), the look-alike
    # who replaced 152 0.27-0.31 throughout, 0.38-0.43 from 152's photo (threshold 0.398).
    template_doubt: float = 0.24
    # A check this far from the track's mean embedding is another face. Measured on the demo's
    # classroom faces: one person across frames 0.03-0.30 pairwise (≤0.2 from their own mean),
    # two people 0.28-0.71.
    change_distance: float = 0.2
    # The same face keeps its learner while the mean distance stays within threshold × (1 + this):
    # a borderline learner's mean wanders around the threshold, which is not a change of person
    # (a different person is a change of face, decided by vote). Joining an identity needs the threshold.
    identity_hysteresis: float = 0.1
    # A box overlapping every box the track was checked in by less than this is a new pose (or a new
    # face): check it. HOG boxes of a still face repeat exactly; a one-cell shift is IoU ≈ 0.8.
    pose_iou: float = 0.9
    max_poses: int = 8
    activity_recheck_s: float = 10.0  # at most this often, a face arriving or leaving re-checks all
    # "Nobody" with a mean just above the threshold (within the hysteresis band) needs this many
    # checks: a learner whose face sits at the threshold is not called a stranger on two frames.
    grey_checks: int = 3
    # Checks of one track at least this far apart, except a possible substitute's (a disagreeing
    # check waiting for its vote). A camera sampled faster while a face is in doubt
    # (app/vision/sample_pacing.py) must not turn a third of a second into three "independent" looks
    # at a young or borderline face: on the demo script, three checks within a second of a learner at
    # the threshold (0.40 against 0.397) called them a stranger; a second apart they were identified.
    # Below the usual 1 s sampling interval (0.96 s as the decoder delivers it at 25 fps).
    check_spacing_s: float = 0.8
    holder_margin: float = 0.05  # two faces matching one learner: the one shown as them before keeps it
    # Session template: learner L's classroom faces on this camera, kept while a track is confidently
    # L (an agreeing check, the track's mean within threshold × `template_confidence`). One person's
    # classroom views (same camera, light, pose range) sit far closer together than to the enrolment
    # photo, so a face matched to L but farther than `template_distance` from L's template (once it
    # has `template_min` views) is another person who looks like L's photo — a look-alike substitute
    # inside the enrolment threshold — and is reported as not L. Measured on the demo's classroom
    # faces (16 learners, 4 cameras, 215 views): a learner's mean of 4 checks lies 0.14 (p95 0.22,
    # max 0.28 across clip and pose changes) from a template of their other views, while a look-alike
    # 0.38-0.40 from the learner's photo (inside the 0.397 threshold) lies 0.33-0.36 from it.
    template_distance: float = 0.3
    template_confidence: float = 0.95
    template_min: int = 3
    template_size: int = 8
