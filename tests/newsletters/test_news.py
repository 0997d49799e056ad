"""News pages, the home page's block and the feeds (RSS 2.0 and RFC 4287 Atom, read as
a feed reader reads them)."""

import datetime

import feedparser
import pytest
from django.urls import reverse

from core import clock
from newsletters.selectors import news_for_home
from tests.factories.newsletters import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_only_published_news_is_shown_newest_first(client):
    old = NewsItemFactory(published_at=clock.now() - datetime.timedelta(days=3))
    new = NewsItemFactory()
    future = NewsItemFactory(published_at=clock.now() + datetime.timedelta(days=1))
    draft = NewsItemFactory(published_at=None)
    page = client.get(reverse("newsletters:news_list")).content.decode()
    assert page.index(new.title_fi) < page.index(old.title_fi)
    assert future.title_fi not in page and draft.title_fi not in page
    assert client.get(reverse("newsletters:news_detail", args=[future.pk])).status_code == 404
    assert client.get(reverse("newsletters:news_detail", args=[draft.pk])).status_code == 404
    assert [n.pk for n in news_for_home(1)] == [new.pk]


def test_news_in_swedish_falls_back_to_finnish(client):
    item = NewsItemFactory(title_sv="Nyhet på svenska", body_fi="Vain suomeksi.")
    page = client.get(f"/sv/uutiset/{item.pk}/").content.decode()
    assert "Nyhet på svenska" in page
    assert "Vain suomeksi." in page


def test_the_home_page_shows_the_latest_news(client):
    item = NewsItemFactory(title_fi="Kahvitilaisuus maanantaina")
    page = client.get(reverse("home")).content.decode()
    assert "Kahvitilaisuus maanantaina" in page
    assert reverse("newsletters:news_detail", args=[item.pk]) in page


def test_news_list_queries_do_not_grow(client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("newsletters:news_list"))
    NewsItemFactory.create_batch(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("newsletters:news_list"))


def test_atom_feed_is_rfc_4287_with_absolute_iris_and_an_author(client, settings):
    settings.SITE_URL = "https://portaali.example.fi"
    item = NewsItemFactory(title_en="Forum on Monday")
    body = client.get("/en/news/feed.atom").content
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.author
    assert feed.feed.id.startswith("https://portaali.example.fi/")
    entry = feed.entries[0]
    assert entry.title == "Forum on Monday"
    assert entry.id == f"https://portaali.example.fi/en/uutiset/{item.pk}/"
    assert entry.link == entry.id
    assert entry.updated
    self_link = [link for link in feed.feed.links if link.rel == "self"][0]
    assert self_link.href == "https://portaali.example.fi/en/news/feed.atom"


def test_rss_feed_has_absolute_links(client, settings):
    settings.SITE_URL = "https://portaali.example.fi"
    item = NewsItemFactory()
    feed = feedparser.parse(client.get(reverse("newsletters:news_rss")).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].link == f"https://portaali.example.fi/uutiset/{item.pk}/"
    assert feed.feed.link == "https://portaali.example.fi/uutiset/"


def test_a_picture_needs_an_alt_text():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        NewsItemFactory(image="news/kuva.png", image_alt_fi="")
