"""Enumerations shared by the whole domain.

Values are stable ASCII codes because they are stored in the database and sent to the platform;
the Chinese and English labels live in widgets/ (through tr()), never here.
"""

from __future__ import annotations

from enum import StrEnum


class LicenceClass(StrEnum):
    """准驾车型 (GB 16735 / 公安部令第162号 附件)."""

    A1 = "A1"
    A2 = "A2"
    A3 = "A3"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"
    C6 = "C6"
    D = "D"
    E = "E"
    F = "F"
    M = "M"
    N = "N"
    P = "P"

    @property
    def is_heavy(self) -> bool:
        """大中型客货车: the classes with the longer 满分教育 (163号令 Art. 18)."""
        return self in HEAVY_CLASSES


HEAVY_CLASSES: frozenset[LicenceClass] = frozenset(
    {LicenceClass.A1, LicenceClass.A2, LicenceClass.A3, LicenceClass.B1, LicenceClass.B2}
)


class Programme(StrEnum):
    FULL_SCORE = "full_score"  # 满分教育
    REVIEW = "review"  # 审验教育


class SiteKind(StrEnum):
    VEHICLE_ADMIN_OFFICE = "vehicle_admin_office"  # 车管所
    REGISTRATION_STATION = "registration_station"  # 机动车登记服务站
    DRIVING_SCHOOL = "driving_school"  # 驾校
    POLICE_SQUADRON = "police_squadron"  # 交警中队
    GOVERNMENT_SERVICE_CENTRE = "government_service_centre"  # 政务服务中心


class Post(StrEnum):
    SUPERVISOR = "supervisor"  # 监督岗
    COUNTY_MANAGER = "county_manager"  # 管理岗
    ACCEPTANCE = "acceptance"  # 受理岗
    DUTY_MANAGER = "duty_manager"  # 值班领导


class ScopeLevel(StrEnum):
    CITY = "city"
    COUNTY = "county"
    SITE = "site"


class EventKind(StrEnum):
    ABSENCE = "absence"
    LATE_ARRIVAL = "late_arrival"
    EARLY_LEAVE = "early_leave"
    LEFT_TOO_OFTEN = "left_too_often"
    FACE_MISMATCH = "face_mismatch"  # 替学
    UNKNOWN_FACE = "unknown_face"
    STREAM_LOST = "stream_lost"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class EventState(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    CONFIRMED = "confirmed"  # confirmed violation
    DISMISSED = "dismissed"  # false alarm
    ESCALATED = "escalated"

    @property
    def is_closed(self) -> bool:
        return self in (EventState.CONFIRMED, EventState.DISMISSED)


class PhotoFlag(StrEnum):
    NO_FACE = "no_face"
    MULTIPLE_FACES = "multiple_faces"
    MISMATCH = "mismatch"
    LOW_QUALITY = "low_quality"
    UNREADABLE = "unreadable"  # the file is missing, empty, not an image or damaged: nothing to judge


class SpotCheckVerdict(StrEnum):
    PENDING = "pending"
    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"


class CompletionState(StrEnum):
    PENDING = "pending"  # waiting for review
    APPROVED = "approved"
    REJECTED = "rejected"


class StudyMode(StrEnum):
    ON_SITE = "on_site"  # 现场学习
    ONLINE = "online"  # 网络学习
    SELF_STUDY = "self_study"  # 自学
