"""Composing an issue from the portal, previewing and testing it, sending it once to
each recipient in their language through the outbox, and unsubscribing from it."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core import clock
from newsletters import services
from newsletters.errors import NewsletterError
from newsletters.mail import send_issues
from newsletters.models import (
    Issue,
    IssueDelivery,
    MailingList,
    Subscriber,
    Suppression,
    email_hash,
)
from newsletters.recipients import recipients_for
from tests.factories.events import EventFactory
from tests.factories.newsletters import (
    IssueFactory,
    MailingListFactory,
    NewsItemFactory,
    SubscriberFactory,
)
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
)
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_an_issue_gathers_events_trainings_with_places_and_news():
    event = EventFactory()
    draft_event = EventFactory(publication="draft", published_at=None)
    later_start = clock.now() + datetime.timedelta(days=90)
    later = EventFactory(start=later_start, end=later_start + datetime.timedelta(hours=2))
    open_training = SessionFactory().training
    full = TrainingFactory(capacity=1)
    SessionFactory(training=full)
    EnrolmentFactory(training=full, status="confirmed")
    news = NewsItemFactory()
    issue = services.issue_create(
        actor=StaffFactory(),
        data={
            "subject_fi": "Joulukuu",
            "period_start": clock.today(),
            "period_end": clock.today() + datetime.timedelta(days=30),
        },
    )
    gathered = set(issue.items.values_list("kind", "object_id"))
    assert ("event", event.pk) in gathered
    assert ("event", draft_event.pk) not in gathered
    assert ("event", later.pk) not in gathered
    assert ("training", open_training.pk) in gathered
    assert ("training", full.pk) not in gathered
    assert ("news", news.pk) in gathered
    # Gathering again adds nothing twice.
    assert services.issue_gather(issue=issue) == 0


def test_items_can_be_left_out_and_reordered(client):
    first, second = EventFactory(), EventFactory()
    second.start = first.start + datetime.timedelta(hours=1)
    second.end = second.start + datetime.timedelta(hours=1)
    second.save()
    issue = IssueFactory()
    services.issue_gather(issue=issue)
    staff = StaffFactory()
    client.force_login(staff)
    item_first = issue.items.get(object_id=first.pk, kind="event")
    item_second = issue.items.get(object_id=second.pk, kind="event")
    client.post(
        reverse("newsletters:item_action", args=[issue.pk, item_second.pk]), {"action": "up"}
    )
    page = client.get(reverse("newsletters:issue_preview", args=[issue.pk, "fi"])).content.decode()
    assert page.index(second.name_fi) < page.index(first.name_fi)
    client.post(
        reverse("newsletters:item_action", args=[issue.pk, item_first.pk]), {"action": "exclude"}
    )
    page = client.get(reverse("newsletters:issue_preview", args=[issue.pk, "sv"])).content.decode()
    assert first.name_fi not in page and second.name_fi in page
    assert "God december!" in page


def test_preview_in_each_language(client):
    issue = IssueFactory(subject_sv="Decemberbrev")
    client.force_login(StaffFactory())
    page = client.get(reverse("newsletters:issue_preview", args=[issue.pk, "sv"])).content.decode()
    assert "Decemberbrev" in page and "God december!" in page
    assert (
        client.get(reverse("newsletters:issue_preview", args=[issue.pk, "de"])).status_code == 404
    )


def test_a_test_goes_to_oneself_only_and_marks_nothing_sent(client):
    monthly = MailingListFactory()
    SubscriberFactory(lists=[monthly])
    issue = IssueFactory(lists=[monthly])
    staff = StaffFactory(email="toimittaja@example.fi")
    client.force_login(staff)
    client.post(
        reverse("newsletters:issue_action", args=[issue.pk]), {"action": "test", "language": "en"}
    )
    assert [m.to for m in mail.outbox] == [["toimittaja@example.fi"]]
    assert mail.outbox[0].subject.startswith("[TEST] Monthly letter")
    issue.refresh_from_db()
    assert issue.status == "draft" and not IssueDelivery.objects.exists()


def test_audiences_from_the_register_and_subscribers_each_once():
    member = OrganisationFactory(email="Jasen@Example.fi")
    MembershipFactory(organisation=member, status="active", member_since=clock.today())
    OrganisationFactory(email="ei-jasen@example.fi")
    admin = RepresentativeFactory(organisation=member, role="admin", user__email="admin@example.fi")
    RepresentativeFactory(organisation=member, role="member", user__email="rivi@example.fi")
    contacts = MailingListFactory(kind="member_contacts", is_public=False, language="sv")
    admins = MailingListFactory(kind="representatives", role="admin", is_public=False)
    monthly = MailingListFactory()
    SubscriberFactory(email="jasen@example.fi", language="en", lists=[monthly])
    SubscriberFactory(
        email="odottaa@example.fi", status="pending", confirmed_at=None, lists=[monthly]
    )
    SubscriberFactory(email="estetty@example.fi", lists=[monthly])
    Suppression.objects.create(email_hash=email_hash("estetty@example.fi"), reason="bounced")
    issue = IssueFactory(lists=[contacts, admins, monthly])
    recipients = recipients_for(issue)
    assert set(recipients) == {"jasen@example.fi", admin.user.email}
    assert recipients["jasen@example.fi"][0] == "en"  # the subscriber's own choice wins


def test_send_once_each_in_their_language_with_unsubscribe_headers(settings):
    settings.SITE_URL = "https://portaali.example.fi"
    monthly = MailingListFactory()
    for language in ("fi", "sv", "en"):
        SubscriberFactory(email=f"{language}@example.fi", language=language, lists=[monthly])
    issue = IssueFactory(lists=[monthly], subject_sv="Decemberbrev")
    EventFactory(name_fi="Syysjuhla", name_sv="Höstfest")
    services.issue_gather(issue=issue)
    assert services.issue_send(issue=issue, actor=StaffFactory()) == 3
    assert send_issues() == 3
    assert send_issues() == 0
    services.issues_finish()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3
    swedish = by_address["sv@example.fi"]
    assert swedish.subject == "Decemberbrev"
    assert "Höstfest" in swedish.body and "God december!" in swedish.body
    html = swedish.alternatives[0][0]
    assert 'style="' in html and "<style" not in html  # CSS inlined
    assert "<img" not in html  # no tracking pixel
    unsubscribe = swedish.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https://portaali\.example\.fi/sv/uutiskirje/peru/\S+/>", unsubscribe)
    assert swedish.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert by_address["en@example.fi"].subject == issue.subject_en
    issue.refresh_from_db()
    assert issue.status == "sent" and issue.sent_at


def test_sending_again_or_an_empty_issue_is_refused(client):
    monthly = MailingListFactory()
    SubscriberFactory(lists=[monthly])
    empty = IssueFactory(lists=[monthly], editorial_fi="", editorial_sv="", editorial_en="")
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        "/sv" + f"/uutiskirje/hallinta/{empty.pk}/toiminto/", {"action": "send"}, follow=True
    )
    assert "Numret är tomt" in response.content.decode()
    assert not IssueDelivery.objects.exists()

    issue = IssueFactory(lists=[monthly])
    services.issue_send(issue=issue, actor=staff)
    with translation.override("en"), pytest.raises(NewsletterError, match="already been sent"):
        services.issue_send(issue=issue, actor=staff)
    assert IssueDelivery.objects.count() == 1
    response = client.post(
        f"/en/uutiskirje/hallinta/{issue.pk}/toiminto/", {"action": "send"}, follow=True
    )
    assert "already been sent" in response.content.decode()
    assert IssueDelivery.objects.count() == 1


def test_one_click_post_unsubscribes_without_login_or_csrf(settings):
    from django.test import Client

    monthly = MailingListFactory()
    subscriber = SubscriberFactory(language="sv", lists=[monthly])
    issue = IssueFactory(lists=[monthly])
    services.issue_send(issue=issue, actor=StaffFactory())
    send_issues()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client = Client(enforce_csrf_checks=True)
    page = client.get(_path(url))
    assert page.status_code == 200 and 'lang="sv"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"  # a GET (a link scanner) changes nothing
    response = client.post(_path(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and not subscriber.lists.exists()
    assert subscriber.consents.last().action == "unsubscribe"
    # The landing page from the email's link, in the reader's language; twice is fine.
    page = client.post(_path(url))
    assert page.status_code == 200 and 'lang="sv"' in page.content.decode()
    tampered = _path(url)[:-4] + "abc/"
    assert client.post(tampered, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_an_address_from_the_register_is_suppressed_by_hash_when_it_unsubscribes(client):
    org = OrganisationFactory(email="yhdistys@example.fi")
    everyone = MailingListFactory(kind="organisations", is_public=False)
    issue = IssueFactory(lists=[everyone])
    services.issue_send(issue=issue, actor=StaffFactory())
    send_issues()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(_path(url), {"List-Unsubscribe": "One-Click"})
    suppression = Suppression.objects.get()
    assert suppression.email_hash == email_hash(org.email)
    assert "yhdistys" not in str(Suppression.objects.values_list())
    second = IssueFactory(lists=[everyone], subject_fi="Toinen")
    with pytest.raises(NewsletterError):
        services.issue_send(issue=second, actor=StaffFactory())  # nobody left


def test_an_unsubscribe_before_the_row_is_sent_skips_it():
    monthly = MailingListFactory()
    subscriber = SubscriberFactory(lists=[monthly])
    issue = IssueFactory(lists=[monthly])
    services.issue_send(issue=issue, actor=StaffFactory())
    Subscriber.objects.filter(pk=subscriber.pk).update(status="unsubscribed")
    assert send_issues() == 0
    assert not mail.outbox
    delivery = IssueDelivery.objects.get()
    assert delivery.sent_at and "unsubscribed" in delivery.last_error


def test_staff_pages(client):
    monthly = MailingListFactory()
    SubscriberFactory(lists=[monthly])
    client.force_login(StaffFactory())
    response = client.post(
        reverse("newsletters:issue_create"),
        {
            "subject_fi": "Tammikuu",
            "period_start": clock.today().isoformat(),
            "period_end": (clock.today() + datetime.timedelta(days=30)).isoformat(),
            "lists": [monthly.pk],
            "editorial_fi": "Tervetuloa!",
        },
    )
    issue = Issue.objects.get()
    assert response.url == reverse("newsletters:issue_edit", args=[issue.pk])
    assert client.get(response.url).status_code == 200
    response = client.post(reverse("newsletters:issue_action", args=[issue.pk]), {"action": "send"})
    assert response.url == reverse("newsletters:issue_progress", args=[issue.pk])
    page = client.get(response.url).content.decode()
    assert "0 / 1" in page or "0 of 1" in page or "1" in page
    assert client.get(reverse("newsletters:staff_list")).status_code == 200


def test_a_bad_period_is_refused(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("newsletters:issue_create"),
        {
            "subject_fi": "Tammikuu",
            "period_start": clock.today().isoformat(),
            "period_end": (clock.today() - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Ajanjakso ei voi päättyä ennen alkuaan." in response.content.decode()
    assert not Issue.objects.exists()
    assert MailingList.objects.count() == 0


def test_municipalities_narrow_what_is_gathered():
    from tests.factories.organisations import MunicipalityFactory

    pori = MunicipalityFactory(code="609", name="Pori")
    rauma = MunicipalityFactory(code="684", name="Rauma")
    here = EventFactory(place__municipality=pori)
    there = EventFactory(place__municipality=rauma, organisation__municipality=rauma)
    issue = IssueFactory()
    issue.municipalities.set([pori])
    services.issue_gather(issue=issue)
    gathered = set(issue.items.filter(kind="event").values_list("object_id", flat=True))
    assert here.pk in gathered and there.pk not in gathered


def test_a_sent_issue_cannot_change_and_its_edit_page_shows_progress(client):
    issue = IssueFactory(status="sent", send_started_at=clock.now(), sent_at=clock.now())
    item = issue.items.create(kind="news", object_id=NewsItemFactory().pk)
    client.force_login(StaffFactory())
    response = client.get(reverse("newsletters:issue_edit", args=[issue.pk]))
    assert response.url == reverse("newsletters:issue_progress", args=[issue.pk])
    with pytest.raises(NewsletterError):
        services.issue_item_change(item=item, action="exclude")
    with pytest.raises(NewsletterError):
        services.issue_gather(issue=issue)
    item.refresh_from_db()
    assert item.included


@pytest.mark.parametrize("name", ["newsletters:archive_list", "newsletters:staff_list"])
def test_list_pages_query_counts_do_not_grow(client, name, django_assert_max_num_queries):
    client.force_login(StaffFactory())

    def make(n):
        for _ in range(n):
            IssueFactory(status="sent", send_started_at=clock.now(), sent_at=clock.now())

    make(2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse(name)).status_code == 200
    make(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(name))


def test_the_archive_shows_the_issue_as_sent_in_each_language(client):
    monthly = MailingListFactory()
    SubscriberFactory(language="sv", lists=[monthly])
    event = EventFactory(name_fi="Joulumyyjäiset", name_sv="Julbasar")
    issue = IssueFactory(lists=[monthly], subject_sv="Julbrev")
    services.issue_gather(issue=issue)
    services.issue_send(issue=issue, actor=StaffFactory())
    event.name_fi = "Muutettu nimi"
    event.name_sv = "Ändrat namn"
    event.save()
    send_issues()
    services.issues_finish()
    assert "Julbasar" in mail.outbox[0].body  # as it was when sending started
    swedish = client.get(f"/sv/uutiskirje/arkisto/{issue.pk}/").content.decode()
    assert "Julbrev" in swedish and "Julbasar" in swedish and "Ändrat namn" not in swedish
    finnish = client.get(f"/uutiskirje/arkisto/{issue.pk}/").content.decode()
    assert "Joulumyyjäiset" in finnish and "Hyvää joulukuuta!" in finnish
    listing = client.get("/sv/uutiskirje/arkisto/").content.decode()
    assert "Julbrev" in listing
