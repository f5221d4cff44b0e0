"""Exports: one learner's evidence report (HTML, or PDF through QPdfWriter) and a day's approvals (CSV).

The HTML is self-contained (photos embedded as data: URIs, thumbnails only) so it can be mailed or
archived as one file. Labels go through QCoreApplication.translate so the report follows the
console's language. Threads: blocking, run on a worker (app.tasks); QTextDocument and QPdfWriter
do not need the GUI thread.

Both are EXPORT of the permission matrix, judged on the officer as stored now in the transaction
that reads what is exported: a learner's report on the learner's county; a day's approvals list
only the learners within the officer's reach (a county manager's county). A refusal raises
PermissionDenied and writes nothing.
"""

from __future__ import annotations

import base64
import csv
import html
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from sqlalchemy import select

from app.domain.casework import AuditEntry, Completion, SpotCheck
from app.domain.people import Learner, User
from app.domain.permissions import Action, within_reach
from app.domain.study import CapturedPhoto
from app.persistence.database import Database
from app.persistence.orm import AuditEntryRow, CompletionRow, LearnerRow, SpotCheckRow
from app.persistence.repositories.learner_repository import LearnerRepository
from app.persistence.repositories.online_study_repository import OnlineStudyRepository
from app.persistence.repositories.permission_subjects import (
    acting_user,
    learner_place,
    require_acting,
    require_at_all,
)
from app.persistence.repositories.scope_filters import learner_condition
from app.review.completion_evaluator import CompletionEvidence, evaluate_facts
from app.review.study_facts import load_facts
from app.vision.image_header import decode_refusal

THUMBNAIL_PX = 160


@dataclass(frozen=True, slots=True)
class EvidenceData:
    learner: Learner
    evidence: CompletionEvidence
    photos: list[CapturedPhoto]
    checks: dict[int, SpotCheck]  # photo id → spot-check
    completions: list[Completion]
    audit: list[AuditEntry]


def load_evidence(database: Database, learner_id: int, user: User) -> EvidenceData:
    with database.reading() as session:
        learner = LearnerRepository(session).get(learner_id)
        if learner is None:
            raise KeyError(f"learner {learner_id} does not exist")
        require_acting(session, user.id, Action.EXPORT, learner_place(session, learner_id))
        facts = load_facts(session, select(LearnerRow.id).where(LearnerRow.id == learner_id))
        photos = OnlineStudyRepository(session).photos_for(learner_id)
        checks = {
            row.photo_id: row.to_domain()
            for row in session.scalars(select(SpotCheckRow).where(SpotCheckRow.learner_id == learner_id))
        }
        completions = [
            row.to_domain()
            for row in session.scalars(
                select(CompletionRow).where(CompletionRow.learner_id == learner_id).order_by(CompletionRow.id)
            )
        ]
        subjects = [f"completion:{c.id}" for c in completions] + [
            f"spot_check:{c.id}" for c in checks.values()
        ]
        audit = [
            row.to_domain()
            for row in session.scalars(
                select(AuditEntryRow).where(AuditEntryRow.subject.in_(subjects)).order_by(AuditEntryRow.id)
            )
        ]
    return EvidenceData(learner, evaluate_facts(facts[learner_id]), photos, checks, completions, audit)


def _thumbnail_uri(path: str) -> str:
    if decode_refusal(path) is not None:  # larger than a photo may be: shown as missing, not decoded
        return ""
    image = QImage(path)
    if image.isNull():
        return ""
    small = image.scaled(
        THUMBNAIL_PX,
        THUMBNAIL_PX,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    small.save(buffer, b"JPEG", 80)
    return "data:image/jpeg;base64," + base64.b64encode(bytes(data.data())).decode("ascii")


def _img(path: str) -> str:
    uri = _thumbnail_uri(path)
    return (
        f'<img src="{uri}" width="{THUMBNAIL_PX}">'
        if uri
        else html.escape(QCoreApplication.translate("EvidenceReport", "(photo missing)"))
    )


def _labels() -> dict[str, str]:
    # Literal translate() calls, one per string, so that pyside6-lupdate collects them.
    return {
        "onsite": QCoreApplication.translate("EvidenceReport", "On-site days"),
        "online": QCoreApplication.translate("EvidenceReport", "Online days"),
        "self": QCoreApplication.translate("EvidenceReport", "Self-study days (reported by the platform)"),
        "required": QCoreApplication.translate("EvidenceReport", "Required days"),
        "met": QCoreApplication.translate("EvidenceReport", "Requirement met"),
        "yes": QCoreApplication.translate("EvidenceReport", "yes"),
        "no": QCoreApplication.translate("EvidenceReport", "no"),
        "events": QCoreApplication.translate("EvidenceReport", "Open / confirmed events"),
        "spot": QCoreApplication.translate("EvidenceReport", "Spot-checks passed / failed / pending"),
        "title": QCoreApplication.translate("EvidenceReport", "Study evidence"),
        "enrolment": QCoreApplication.translate("EvidenceReport", "Enrolment photo"),
        "captures": QCoreApplication.translate("EvidenceReport", "Captured photos"),
        "photo": QCoreApplication.translate("EvidenceReport", "Photo"),
        "at": QCoreApplication.translate("EvidenceReport", "Captured at"),
        "distance": QCoreApplication.translate("EvidenceReport", "Distance"),
        "verdict": QCoreApplication.translate("EvidenceReport", "Verdict"),
        "trail": QCoreApplication.translate("EvidenceReport", "Decisions and audit trail"),
    }


def evidence_html(data: EvidenceData) -> str:
    e, learner = data.evidence, data.learner
    esc = html.escape
    t = {key: esc(text) for key, text in _labels().items()}
    rows = [
        (t["onsite"], f"{e.onsite_days} ({e.onsite_hours:.1f} h)"),
        (t["online"], f"{e.online_days} ({e.online_hours:.1f} h)"),
        (t["self"], str(e.self_study_days)),
        (t["required"], str(e.required_days) if e.required_days else "—"),
        (t["met"], t["yes"] if e.met else t["no"]),
        (t["events"], f"{e.open_events} / {e.confirmed_events}"),
        (t["spot"], f"{e.spot_passed} / {e.spot_failed} / {e.spot_pending}"),
    ]
    table = "<table border='1' cellspacing='0' cellpadding='4'>"
    parts = [
        "<html><head><meta charset='utf-8'></head><body>",
        f"<h1>{t['title']}: {esc(learner.name)}</h1>",
        f"<p>{esc(learner.id_number_masked)} · {esc(learner.licence_class.value)} · "
        f"{esc(learner.programme.value)}</p>",
        table,
        "".join(f"<tr><th align=left>{k}</th><td>{esc(v)}</td></tr>" for k, v in rows),
        "</table>",
        f"<h2>{t['enrolment']}</h2>",
        "".join(_img(p.path) for p in learner.photos),
        f"<h2>{t['captures']}</h2>{table}",
        f"<tr><th>{t['photo']}</th><th>{t['at']}</th><th>{t['distance']}</th><th>{t['verdict']}</th></tr>",
    ]
    for photo in data.photos:
        check = data.checks.get(photo.id)
        verdict = "" if check is None else f"{check.verdict.value} {check.fail_reason}".strip()
        distance = "—" if photo.distance is None else f"{photo.distance:.3f}"
        parts.append(
            f"<tr><td>{_img(photo.path)}</td><td>{photo.captured_at:%Y-%m-%d %H:%M}</td>"
            f"<td>{distance}</td><td>{esc(verdict)}</td></tr>"
        )
    parts.append(f"</table><h2>{t['trail']}</h2><ul>")
    for entry in data.audit:
        parts.append(
            f"<li>#{entry.id} {entry.at:%Y-%m-%d %H:%M:%S} · {esc(entry.action)} · {esc(entry.subject)}"
            f" · {esc(str(entry.actor_id))} · {esc(entry.detail)} · <code>{entry.entry_hash[:16]}</code></li>"
        )
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def export_evidence(database: Database, learner_id: int, target: Path, user: User) -> Path:
    """Write the report as .pdf (QPdfWriter) or, for any other suffix, as HTML."""
    document = evidence_html(load_evidence(database, learner_id, user))
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() != ".pdf":
        target.write_text(document, encoding="utf-8")
        return target
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    text = QTextDocument()
    text.setHtml(document)
    text.print_(writer)
    return target


CSV_COLUMNS = (
    "completion_id",
    "learner_id",
    "learner_name",
    "programme",
    "state",
    "decided_by",
    "decided_at",
    "reason",
)


def export_approvals_csv(database: Database, day: date, target: Path, user: User) -> int:
    """The completions decided on `day` (approved and rejected) of the learners within `user`'s
    EXPORT reach, for the platform or the archive.

    UTF-8 with BOM so that Excel on Chinese Windows opens the names correctly. Returns the row count."""
    start = datetime.combine(day, time(0))
    with database.reading() as session:
        actor = acting_user(session, user.id, Action.EXPORT)
        require_at_all(actor, Action.EXPORT)
        query = (
            select(CompletionRow, LearnerRow.name)
            .join(LearnerRow, LearnerRow.id == CompletionRow.learner_id)
            .where(
                CompletionRow.decided_at >= start,
                CompletionRow.decided_at < start + timedelta(days=1),
                learner_condition(CompletionRow.learner_id, within_reach(actor, Action.EXPORT, None)),
            )
            .order_by(CompletionRow.decided_at, CompletionRow.id)
        )
        rows = [(row.to_domain(), name) for row, name in session.execute(query)]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for completion, name in rows:
            writer.writerow(
                [
                    completion.id,
                    completion.learner_id,
                    name,
                    completion.programme.value,
                    completion.state.value,
                    completion.decided_by,
                    completion.decided_at.isoformat(sep=" ") if completion.decided_at else "",
                    completion.reason,
                ]
            )
    return len(rows)
