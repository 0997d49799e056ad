"""Staff reports of a training, as data, CSV and PDF: the participant list, an attendance
summary and a feedback summary. Each reads with a fixed number of queries however many
participants there are."""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import clock
from core.pdf import html_to_pdf

from .models import Attendance, Enrolment, Feedback, Training

KINDS = ("participants", "attendance", "feedback")


def participants(training: Training) -> list[Enrolment]:
    """Everyone who is or was enrolled: confirmed first, then offered, waiting (in
    order) and the rest."""
    order = {"confirmed": 0, "offered": 1, "waiting": 2, "expired": 3, "cancelled": 4}
    rows = list(training.enrolments.select_related("organisation"))
    return sorted(rows, key=lambda e: (order[e.status], e.waiting_since or e.created_at, e.pk))


@dataclass
class AttendanceRow:
    enrolment: Enrolment
    marks: list  # True, False or None (not marked) per session
    attended: int
    certificate: str


def attendance_summary(training: Training):
    sessions = list(training.sessions.all())
    enrolments = list(
        training.enrolments.confirmed()
        .select_related("organisation", "certificate")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.all()))
        .order_by("name", "pk")
    )
    rows = []
    for enrolment in enrolments:
        by_session = {a.session_id: a.present for a in enrolment.attendance.all()}
        marks = [by_session.get(s.pk) for s in sessions]
        certificate = getattr(enrolment, "certificate", None)
        rows.append(
            AttendanceRow(
                enrolment,
                marks,
                sum(1 for m in marks if m),
                certificate.number if certificate else "",
            )
        )
    per_session = [sum(1 for row in rows if row.marks[i]) for i in range(len(sessions))]
    return sessions, rows, per_session


@dataclass
class FeedbackSummary:
    count: int = 0
    average: float | None = None
    distribution: list = field(default_factory=list)  # (rating, count) for 5..1
    comments: list = field(default_factory=list)


def feedback_summary(training: Training) -> FeedbackSummary:
    feedback = list(Feedback.objects.filter(enrolment__training=training).order_by("created_at"))
    counts = Counter(f.rating for f in feedback)
    return FeedbackSummary(
        count=len(feedback),
        average=round(sum(f.rating for f in feedback) / len(feedback), 1) if feedback else None,
        distribution=[(rating, counts.get(rating, 0)) for rating in range(5, 0, -1)],
        comments=[f.comment for f in feedback if f.comment],
    )


def _local(moment) -> str:
    return (
        formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""
    )


def report_csv(training: Training, kind: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    if kind == "participants":
        writer.writerow(
            [
                _("Name"),
                _("Email"),
                _("Organisation"),
                _("Status"),
                _("Price (€)"),
                _("Dietary or accessibility needs"),
                _("Enrolled"),
            ]
        )
        for e in participants(training):
            writer.writerow(
                [
                    e.name,
                    e.email,
                    e.organisation.name if e.organisation else "",
                    e.get_status_display(),
                    f"{e.price:.2f}".replace(".", ","),
                    e.needs,
                    _local(e.created_at),
                ]
            )
    elif kind == "attendance":
        sessions, rows, _per_session = attendance_summary(training)
        writer.writerow(
            [_("Name"), _("Organisation")]
            + [_local(s.starts) for s in sessions]
            + [_("Sessions attended"), _("Certificate")]
        )
        marks = {True: _("present"), False: _("absent"), None: ""}
        for row in rows:
            e = row.enrolment
            writer.writerow(
                [e.name, e.organisation.name if e.organisation else ""]
                + [marks[m] for m in row.marks]
                + [row.attended, row.certificate]
            )
    else:
        summary = feedback_summary(training)
        writer.writerow([_("Rating"), _("Answers")])
        for rating, count in summary.distribution:
            writer.writerow([rating, count])
        writer.writerow([])
        writer.writerow([_("Comments")])
        for comment in summary.comments:
            writer.writerow([comment])
    # A byte order mark, so that spreadsheet programs read the UTF-8 (ä, ö, å) right.
    return "\ufeff" + out.getvalue()


def report_pdf(training: Training, kind: str, language: str) -> bytes:
    with translation.override(language), timezone.override(timezone.get_default_timezone()):
        context = {"training": training, "kind": kind, "generated_at": clock.now()}
        if kind == "participants":
            context["participants"] = participants(training)
        elif kind == "attendance":
            context["sessions"], context["rows"], context["per_session"] = attendance_summary(
                training
            )
        else:
            context["summary"] = feedback_summary(training)
        html = render_to_string("pdf/trainings/report.html", context)
    return html_to_pdf(html)


def report_filename(training: Training, kind: str, extension: str) -> str:
    names = {"participants": "osallistujat", "attendance": "lasnaolo", "feedback": "palaute"}
    return f"koulutus-{training.pk}-{names[kind]}.{extension}"
