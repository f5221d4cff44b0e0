"""Human labels for the domain's enums, in the user's language.

The enums carry stable ASCII codes (stored, sent to the platform); the words people read come from
here, through QCoreApplication.translate with the "Labels" context so that pyside6-lupdate collects
them into i18n/*.ts. Source strings are English; the zh_CN words are given in comments for the
translator. The dicts are rebuilt on each call so a language switch takes effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.enums import (
    CompletionState,
    EventKind,
    EventState,
    LicenceClass,
    PhotoFlag,
    Post,
    Programme,
    ScopeLevel,
    Severity,
    SiteKind,
    SpotCheckVerdict,
    StudyMode,
)


def post_label(post: Post) -> str:
    labels = {
        Post.SUPERVISOR: QCoreApplication.translate("Labels", "Supervisory post"),  # 监督岗
        Post.COUNTY_MANAGER: QCoreApplication.translate("Labels", "County manager"),  # 管理岗
        Post.ACCEPTANCE: QCoreApplication.translate("Labels", "Acceptance post"),  # 受理岗
        Post.DUTY_MANAGER: QCoreApplication.translate("Labels", "Duty manager"),  # 值班领导
    }
    return labels[post]


def site_kind_label(kind: SiteKind) -> str:
    labels = {
        # 车管所
        SiteKind.VEHICLE_ADMIN_OFFICE: QCoreApplication.translate("Labels", "Vehicle administration office"),
        # 机动车登记服务站
        SiteKind.REGISTRATION_STATION: QCoreApplication.translate("Labels", "Vehicle registration station"),
        SiteKind.DRIVING_SCHOOL: QCoreApplication.translate("Labels", "Driving school"),  # 驾校
        SiteKind.POLICE_SQUADRON: QCoreApplication.translate("Labels", "Traffic police squadron"),  # 交警中队
        SiteKind.GOVERNMENT_SERVICE_CENTRE: QCoreApplication.translate(
            "Labels",
            "Government service centre",  # 政务服务中心
        ),
    }
    return labels[kind]


def site_kind_icon_name(kind: SiteKind) -> str:
    """Name of the SVG in resources/icons that stands for this kind of site."""
    return f"site_{kind.value}"


def scope_level_label(level: ScopeLevel) -> str:
    labels = {
        ScopeLevel.CITY: QCoreApplication.translate("Labels", "City"),  # 市
        ScopeLevel.COUNTY: QCoreApplication.translate("Labels", "County / district"),  # 区县
        ScopeLevel.SITE: QCoreApplication.translate("Labels", "Site"),  # 服务站点
    }
    return labels[level]


def programme_label(programme: Programme) -> str:
    labels = {
        Programme.FULL_SCORE: QCoreApplication.translate("Labels", "Full-score education"),  # 满分教育
        Programme.REVIEW: QCoreApplication.translate("Labels", "Review education"),  # 审验教育
    }
    return labels[programme]


def licence_class_label(licence: LicenceClass) -> str:
    """The class code with its usual name, e.g. "C1 · Small car"; heavy classes first in the table."""
    names = {
        LicenceClass.A1: QCoreApplication.translate("Labels", "Large bus"),  # 大型客车
        LicenceClass.A2: QCoreApplication.translate("Labels", "Tractor-trailer"),  # 牵引车
        LicenceClass.A3: QCoreApplication.translate("Labels", "City bus"),  # 城市公交车
        LicenceClass.B1: QCoreApplication.translate("Labels", "Medium bus"),  # 中型客车
        LicenceClass.B2: QCoreApplication.translate("Labels", "Large truck"),  # 大型货车
        LicenceClass.C1: QCoreApplication.translate("Labels", "Small car"),  # 小型汽车
        LicenceClass.C2: QCoreApplication.translate("Labels", "Small automatic car"),  # 小型自动挡汽车
        LicenceClass.C3: QCoreApplication.translate("Labels", "Low-speed truck"),  # 低速载货汽车
        LicenceClass.C4: QCoreApplication.translate("Labels", "Three-wheeled vehicle"),  # 三轮汽车
        LicenceClass.C5: QCoreApplication.translate("Labels", "Car for disabled drivers"),  # 残疾人专用
        LicenceClass.C6: QCoreApplication.translate("Labels", "Light trailer"),  # 轻型牵引挂车
        LicenceClass.D: QCoreApplication.translate("Labels", "Three-wheeled motorcycle"),  # 普通三轮摩托车
        LicenceClass.E: QCoreApplication.translate("Labels", "Two-wheeled motorcycle"),  # 普通二轮摩托车
        LicenceClass.F: QCoreApplication.translate("Labels", "Light motorcycle"),  # 轻便摩托车
        LicenceClass.M: QCoreApplication.translate("Labels", "Wheeled machinery"),  # 轮式专用机械车
        LicenceClass.N: QCoreApplication.translate("Labels", "Trolleybus"),  # 无轨电车
        LicenceClass.P: QCoreApplication.translate("Labels", "Tram"),  # 有轨电车
    }
    return f"{licence.value} · {names[licence]}"


# One colour per event kind, every view: 替学 high-severity red, a lost stream grey.
EVENT_KIND_COLOURS: dict[EventKind, str] = {
    EventKind.FACE_MISMATCH: "#e5534b",
    EventKind.UNKNOWN_FACE: "#39c5cf",
    EventKind.ABSENCE: "#f0883e",
    EventKind.LATE_ARRIVAL: "#d4b106",
    EventKind.EARLY_LEAVE: "#a371f7",
    EventKind.LEFT_TOO_OFTEN: "#db61a2",
    EventKind.STREAM_LOST: "#8f99a6",
}


def event_kind_label(kind: EventKind) -> str:
    labels = {
        EventKind.ABSENCE: QCoreApplication.translate("Labels", "Absent from seat"),  # 离座
        EventKind.LATE_ARRIVAL: QCoreApplication.translate("Labels", "Late arrival"),  # 迟到
        EventKind.EARLY_LEAVE: QCoreApplication.translate("Labels", "Early leave"),  # 早退
        EventKind.LEFT_TOO_OFTEN: QCoreApplication.translate("Labels", "Left too often"),  # 离开次数过多
        EventKind.FACE_MISMATCH: QCoreApplication.translate("Labels", "Face mismatch"),  # 人脸不符（替学）
        EventKind.UNKNOWN_FACE: QCoreApplication.translate("Labels", "Unknown face"),  # 陌生人脸
        EventKind.STREAM_LOST: QCoreApplication.translate("Labels", "Stream lost"),  # 视频中断
    }
    return labels[kind]


def severity_label(severity: Severity) -> str:
    labels = {
        Severity.LOW: QCoreApplication.translate("Labels", "Low"),  # 低
        Severity.MEDIUM: QCoreApplication.translate("Labels", "Medium"),  # 中
        Severity.HIGH: QCoreApplication.translate("Labels", "High"),  # 高
    }
    return labels[severity]


def event_state_label(state: EventState) -> str:
    labels = {
        EventState.NEW: QCoreApplication.translate("Labels", "New"),  # 新
        EventState.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),  # 处理中
        EventState.CONFIRMED: QCoreApplication.translate("Labels", "Confirmed"),  # 已确认
        EventState.DISMISSED: QCoreApplication.translate("Labels", "Dismissed"),  # 误报
        EventState.ESCALATED: QCoreApplication.translate("Labels", "Escalated"),  # 已上报
    }
    return labels[state]


def photo_flag_label(flag: PhotoFlag) -> str:
    labels = {
        PhotoFlag.NO_FACE: QCoreApplication.translate("Labels", "No face"),  # 无人脸
        PhotoFlag.MULTIPLE_FACES: QCoreApplication.translate("Labels", "Several faces"),  # 多张人脸
        PhotoFlag.MISMATCH: QCoreApplication.translate(
            "Labels", "Does not match enrolment"
        ),  # 与备案照片不符
        PhotoFlag.LOW_QUALITY: QCoreApplication.translate("Labels", "Low quality"),  # 质量差
        PhotoFlag.UNREADABLE: QCoreApplication.translate("Labels", "Unreadable photo"),  # 照片无法读取
    }
    return labels[flag]


def spot_check_verdict_label(verdict: SpotCheckVerdict) -> str:
    labels = {
        SpotCheckVerdict.PENDING: QCoreApplication.translate("Labels", "Pending"),  # 待抽查
        SpotCheckVerdict.PASS: QCoreApplication.translate("Labels", "Pass"),  # 通过
        SpotCheckVerdict.FAIL: QCoreApplication.translate("Labels", "Fail"),  # 不通过
        SpotCheckVerdict.SKIPPED: QCoreApplication.translate("Labels", "Skipped"),  # 跳过
    }
    return labels[verdict]


def completion_state_label(state: CompletionState) -> str:
    labels = {
        CompletionState.PENDING: QCoreApplication.translate("Labels", "Awaiting review"),  # 待审核
        CompletionState.APPROVED: QCoreApplication.translate("Labels", "Approved"),  # 已通过
        CompletionState.REJECTED: QCoreApplication.translate("Labels", "Rejected"),  # 已驳回
    }
    return labels[state]


def study_mode_label(mode: StudyMode) -> str:
    labels = {
        StudyMode.ON_SITE: QCoreApplication.translate("Labels", "On-site study"),  # 现场学习
        StudyMode.ONLINE: QCoreApplication.translate("Labels", "Online study"),  # 网络学习
        StudyMode.SELF_STUDY: QCoreApplication.translate("Labels", "Self-study"),  # 自学
    }
    return labels[mode]


def engine_label(engine: str) -> str:
    """Who raised an event, in words: the stored id names a component ("classroom-rules/1")."""
    family = engine.split("/", 1)[0]
    labels = {
        "classroom-rules": QCoreApplication.translate(
            "Labels", "Face analysis and classroom rules"
        ),  # 人脸分析与课堂规则
        "video-wall": QCoreApplication.translate("Labels", "Video stream monitor"),  # 视频流监测
        "demo-seed": QCoreApplication.translate("Labels", "Demo data"),  # 演示数据
        "demo-history": QCoreApplication.translate("Labels", "Demo data"),
    }
    return labels.get(family, engine)
