"""Reads of participation: what the public pages show, each in a fixed number of
queries whatever the number of sections, comments and replies."""

from django.db.models import Count, Prefetch, Q

from .models import Comment, Consultation, Poll, PollOption, Section


def public_consultations():
    return Consultation.objects.filter(is_published=True).annotate(
        comment_count=Count("sections__comments", filter=Q(sections__comments__hidden_at=None))
    )


def _comments():
    return Comment.objects.select_related("municipality", "workshop").annotate(
        vote_count=Count("votes", distinct=True)
    )


def consultation_with_sections(queryset, *, staff=False):
    """The consultation with its sections; each section's top-level comments (pinned
    first) with their replies, vote counts and (for staff) open flags; its polls with
    their options and answer counts."""
    comments = _comments()
    if staff:
        comments = comments.annotate(
            open_flags=Count("flags", filter=Q(flags__handled_at=None), distinct=True)
        )
    return queryset.prefetch_related(
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch(
                    "comments",
                    queryset=comments.filter(parent=None).prefetch_related(
                        Prefetch("replies", queryset=comments.order_by("created_at", "pk"))
                    ),
                    to_attr="top_comments",
                ),
                Prefetch(
                    "polls",
                    queryset=Poll.objects.prefetch_related(
                        Prefetch(
                            "options",
                            queryset=PollOption.objects.annotate(answer_count=Count("answers")),
                        )
                    ),
                ),
            ),
        )
    )


def results(consultation) -> dict:
    """Counts of the consultation's shown comments (replies included) by section, by
    municipality and by workshop: three queries. Poll results come with the sections."""
    comments = Comment.objects.filter(section__consultation=consultation, hidden_at=None)
    by_section = list(
        comments.values("section_id").annotate(count=Count("pk")).order_by("section_id")
    )
    counts = {row["section_id"]: row["count"] for row in by_section}
    return {
        "total": sum(counts.values()),
        "by_section": [
            (section, counts.get(section.pk, 0)) for section in consultation.sections.all()
        ],
        "by_municipality": list(
            comments.values("municipality__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "municipality__name")
        ),
        "by_workshop": list(
            comments.filter(workshop__isnull=False)
            .values(
                "workshop__place",
                "workshop__held_on",
                "workshop__municipality__name",
                "workshop__participants",
            )
            .annotate(count=Count("pk"))
            .order_by("workshop__held_on", "workshop__place")
        ),
    }


def theme_counts(consultation) -> dict:
    """How many shown comments each theme of the consultation has, in all, by
    municipality and by workshop: three queries."""
    from .models import Theme

    coded = Comment.themes.through.objects.filter(
        theme__consultation=consultation, comment__hidden_at=None
    )
    themes = list(
        Theme.objects.filter(consultation=consultation).annotate(
            count=Count("comments", filter=Q(comments__hidden_at=None))
        )
    )
    by_municipality = {}
    for row in coded.values("theme_id", "comment__municipality__name").annotate(n=Count("pk")):
        by_municipality.setdefault(row["theme_id"], []).append(
            (row["comment__municipality__name"], row["n"])
        )
    by_workshop = {}
    for row in (
        coded.filter(comment__workshop__isnull=False)
        .values("theme_id", "comment__workshop__place")
        .annotate(n=Count("pk"))
    ):
        by_workshop.setdefault(row["theme_id"], []).append(
            (row["comment__workshop__place"], row["n"])
        )
    for theme in themes:
        theme.by_municipality = sorted(
            by_municipality.get(theme.pk, []), key=lambda r: (-r[1], r[0] or "")
        )
        theme.by_workshop = sorted(by_workshop.get(theme.pk, []), key=lambda r: (-r[1], r[0]))
    return {"themes": themes}
