"""RSS 2.0 and Atom (RFC 4287) feeds of the news. Every link is absolute from SITE_URL;
an Atom entry's id is the news item's address (an IRI that never changes) and the feed
names the centre as its author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url

from .selectors import published_news

FEED_SIZE = 30


class NewsRssFeed(Feed):
    title = _("News of the resource centre")
    description = _("News of the resource centre and the region's associations.")
    author_name = _("Resource centre")

    def author_email(self):
        return settings.CONTACT_EMAIL

    def link(self):
        return absolute_url(reverse("newsletters:news_list"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    url_name = "newsletters:news_rss"

    def items(self):
        return published_news()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.body[:400]

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
    url_name = "newsletters:news_atom"
