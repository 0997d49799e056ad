"""Every comment of a consultation as an XLSX sheet for staff: the material behind the
consultation report, for reading, coding and quoting elsewhere. Hidden comments are
included with the reason (staff see them on the moderation page too); the voter keys and
accounts are not."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from .models import Comment, Consultation, Theme

CONTENT_TYPE = XLSX_CONTENT_TYPE


def comment_rows(consultation: Consultation) -> tuple[list[str], list[list]]:
    """The header and one row per comment, oldest first; a constant number of queries."""
    comments = (
        Comment.objects.filter(section__consultation=consultation)
        .select_related("section", "municipality", "workshop")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")), "goals")
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("created_at", "pk")
    )
    header = [
        _("Number"),
        _("Section"),
        _("Reply to"),
        _("Comment"),
        _("Name"),
        _("Municipality"),
        _("Workshop"),
        _("Language"),
        _("Created"),
        _("Votes"),
        _("Themes"),
        _("Goals"),
        _("Pinned"),
        _("Hidden"),
        _("Reason for hiding"),
    ]
    rows = [
        [
            c.pk,
            c.section.title,
            c.parent_id or "",
            c.text,
            c.name,
            str(c.municipality) if c.municipality else "",
            str(c.workshop) if c.workshop else "",
            c.language,
            # Spreadsheets hold no time zones: the local time of the centre.
            timezone.localtime(c.created_at).replace(tzinfo=None),
            c.vote_count,
            ", ".join(t.name for t in c.themes.all()),
            ", ".join(g.title for g in c.goals.all()),
            _("yes") if c.is_pinned else "",
            timezone.localtime(c.hidden_at).replace(tzinfo=None) if c.hidden_at else "",
            c.hidden_reason,
        ]
        for c in comments
    ]
    return header, rows


def comments_xlsx(consultation: Consultation) -> bytes:
    header, rows = comment_rows(consultation)
    return xlsx_bytes(
        header,
        rows,
        sheet_title=_("Comments"),
        emphasise_header=True,
        datetime_format="d.m.yyyy h:mm",
    )
