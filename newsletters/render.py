"""An issue as readers see it, in the active language: its sections of gathered items
(only those included, in the order staff left them)."""

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.links import absolute_url

from .gathering import GATHERERS, Entry


@dataclass
class Section:
    kind: str
    heading: str
    entries: list[Entry] = field(default_factory=list)


def issue_sections(issue, *, include_left_out=False) -> list[Section]:
    """The issue's sections with their entries; an item whose row is gone or no longer
    public is left out."""
    items = list(issue.items.order_by("position", "pk"))
    sections = []
    for kind, gatherer in GATHERERS.items():
        chosen = [i for i in items if i.kind == kind and (i.included or include_left_out)]
        rows = gatherer.load([i.object_id for i in chosen])
        entries = [gatherer.entry(rows[i.object_id]) for i in chosen if i.object_id in rows]
        if entries:
            sections.append(Section(kind, str(gatherer.heading), entries))
    return sections


def snapshot_of(issue) -> dict:
    """The issue's sections in every language, as plain data, for Issue.snapshot."""
    snapshot = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            snapshot[code] = [asdict(section) for section in issue_sections(issue)]
    return snapshot


def current_sections(issue):
    """The sections as sent (the snapshot in the active language), or as gathered now
    for a draft."""
    if issue.snapshot:
        language = translation.get_language() or settings.LANGUAGE_CODE
        return issue.snapshot.get(language) or issue.snapshot.get(settings.LANGUAGE_CODE, [])
    return issue_sections(issue)


def issue_context(issue) -> dict:
    return {
        "issue": issue,
        "sections": current_sections(issue),
        "site_url": absolute_url("/"),
        "archive_url": absolute_url(reverse("newsletters:archive_detail", args=[issue.pk])),
        "contact_email": settings.CONTACT_EMAIL,
    }


def issue_body_html(issue) -> str:
    """The issue's content for the web archive and the staff preview (no email frame)."""
    return render_to_string("newsletters/_issue_body.html", issue_context(issue))
