"""News and newsletter issues kept only in Finnish are marked lang="fi" on Swedish and
English pages (WCAG 3.1.2); what is translated is not."""

import pytest
from django.urls import reverse
from django.utils import translation

from core import clock
from newsletters.models import Issue
from tests.factories.newsletters import IssueFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def _get(client, name, language, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    return client.get(url).content.decode()


def test_finnish_only_news_is_marked_on_the_swedish_pages(client):
    item = NewsItemFactory(
        title_fi="Kevätjuhla", title_sv="", lead_sv="", lead_fi="Tervetuloa!", body_fi="Ohjelma."
    )
    detail = _get(client, "newsletters:news_detail", "sv", item.pk)
    assert '<h1><span lang="fi">Kevätjuhla</span></h1>' in detail
    assert '<p class="intro" lang="fi">Tervetuloa!</p>' in detail
    assert '<div lang="fi"><p>Ohjelma.</p></div>' in detail
    assert '<span lang="fi">Kevätjuhla</span>' in _get(client, "newsletters:news_list", "sv")
    assert '<span lang="fi">Kevätjuhla</span>' in _get(client, "home", "sv")
    finnish = _get(client, "newsletters:news_detail", "fi", item.pk)
    assert "<h1>Kevätjuhla</h1>" in finnish and 'lang="fi"' not in finnish.split("<main", 1)[1]


def test_a_translated_news_item_is_not_marked(client):
    item = NewsItemFactory(title_sv="Vårfest", body_sv="Program.")
    detail = _get(client, "newsletters:news_detail", "sv", item.pk)
    assert "<h1>Vårfest</h1>" in detail and 'lang="fi"' not in detail.split("<main", 1)[1]


def test_a_finnish_only_issue_is_marked_in_the_archive(client):
    issue = IssueFactory(
        subject_fi="Joulukirje", subject_sv="", subject_en="", editorial_sv="", editorial_en=""
    )
    now = clock.now()
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT, send_started_at=now, sent_at=now
    )
    assert '<span lang="fi">Joulukirje</span>' in _get(client, "newsletters:archive_list", "sv")
    detail = _get(client, "newsletters:archive_detail", "en", issue.pk)
    assert '<h1><span lang="fi">Joulukirje</span></h1>' in detail
    assert '<div class="editorial" lang="fi">' in detail
