"""Reads of news and newsletters."""

from django.db.models import Count, Q

from core import clock

from .models import Issue, MailingList, NewsItem


def published_news():
    return NewsItem.objects.published(clock.now())


def news_for_home(limit: int = 3):
    """The latest published news for the home page's news block."""
    return list(published_news()[:limit])


def public_lists():
    return MailingList.objects.filter(is_public=True)


def archive():
    """Sent issues, newest first."""
    return Issue.objects.filter(status=Issue.Status.SENT).order_by("-sent_at", "-pk")


def staff_issues():
    from core.outbox import MAX_ATTEMPTS

    return Issue.objects.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
        failed=Count(
            "deliveries",
            filter=Q(deliveries__sent_at__isnull=True, deliveries__attempts__gte=MAX_ATTEMPTS),
        ),
    ).order_by("-created_at", "-pk")
