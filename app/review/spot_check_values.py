"""What the Spot-check pane shows and asks with: a claimed spot-check with its pictures' paths
(ReviewItem), the fail reasons, the refusal of an item no longer held, and a day's sampling policy
and record. Plain values, no database: app.review.spot_check_queue and spot_check_sampling use them
and re-export them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.casework import SpotCheck
from app.domain.face_verdict import VerdictParameters
from app.domain.study import CapturedPhoto

# Fail reasons (stable codes; the review view shows 不是本人, 无人脸, 多人, 非学习状态, 翻拍照片).
FAIL_REASONS = ("not_the_learner", "no_face", "multiple_people", "not_studying", "photo_of_photo")
OTHER_CAPTURES = 12  # how many of the learner's other captures the strip shows


class ClaimLostError(Exception):
    """The item is no longer claimed by this officer (released, or decided elsewhere)."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """Everything the review view shows for one claimed spot-check (image files, not pixels)."""

    check: SpotCheck
    photo: CapturedPhoto
    learner_name: str
    county_id: int
    enrolment_paths: tuple[str, ...]
    other_captures: tuple[CapturedPhoto, ...] = field(default=())
    today: VerdictParameters | None = None  # the workspace's threshold now, for the photo's embedding


@dataclass(frozen=True, slots=True)
class SamplingPolicy:
    random_share: float = 0.05  # of unflagged photos, per stratum
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.random_share <= 1.0:
            raise ValueError("random_share must lie between 0 and 1")


@dataclass(frozen=True, slots=True)
class SampleRecord:
    """What workspace_meta keeps for one sampled day."""

    day: str
    seed: int
    random_share: float
    policy_version: int
    sampled_at: str
    sampled_by: int | None
    flagged: int
    random: int
