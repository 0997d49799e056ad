"""News and the newsletter in the browser, at desktop (1280 px) and phone (390 px)
width, every page axe-checked: a visitor subscribes in Swedish and confirms from the
email; staff compose, leave an item out, preview, send a test and send; the visitor
unsubscribes from the link of the email received."""

import re

import pytest
from django.core import mail

from newsletters.mail import send_confirmations, send_issues
from newsletters.models import Issue, Subscriber
from tests.factories.events import EventFactory
from tests.factories.newsletters import MailingListFactory, NewsItemFactory
from tests.factories.organisations import StaffFactory

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("width", WIDTHS)
def test_news_pages_and_archive_are_accessible(new_page, url, width):
    item = NewsItemFactory(title_fi="Aamukahvit järjestöille", title_sv="Morgonkaffe")
    page = new_page(viewport=WIDTHS[width])
    visit(page, url(path("home")))
    assert "Aamukahvit järjestöille" in page.inner_text("main")
    visit(page, url(path("newsletters:news_list", "sv")))
    page.locator("main a", has_text="Morgonkaffe").click()
    check_page(page, label="news-detail-sv")
    assert page.locator("main h1").inner_text() == "Morgonkaffe"
    visit(page, url(path("newsletters:archive_list", "en")))
    assert item.pk


@pytest.mark.parametrize("width", WIDTHS)
def test_subscribe_in_swedish_staff_send_and_unsubscribe_from_the_email(new_page, url, width):
    monthly = MailingListFactory(
        name_fi="Kuukausikirje", name_sv="Månadsbrev", name_en="Monthly letter"
    )
    EventFactory(name_fi="Joulumyyjäiset", name_sv="Julbasar")
    EventFactory(name_fi="Hallituskoulutus", name_sv="Styrelseutbildning")

    # A visitor subscribes in Swedish and confirms from the email.
    visitor = new_page(viewport=WIDTHS[width], locale="sv-FI")
    visit(visitor, url(path("newsletters:subscribe", "sv")))
    visitor.fill("input[name=email]", "lasare@example.fi")
    visitor.check("input[name=consent]")
    assert visitor.is_checked("input[name=lists]")
    visitor.locator("main form button[type=submit]").click()
    check_page(visitor, label="subscribe-sent")
    assert "Kontrollera din e-post" in visitor.inner_text("main h1")
    assert send_confirmations() == 1
    link = re.search(r"https?://\S+/vahvista/\S+/", mail.outbox[-1].body).group(0)
    visit(visitor, url(_path_of(link)), label="confirm")
    visitor.locator("main form button[type=submit]").click()
    check_page(visitor, label="preferences")
    assert "Tack! Din prenumeration är bekräftad." in visitor.inner_text("main")
    assert Subscriber.objects.get().status == "confirmed"

    # Staff compose, leave an item out, preview in Swedish, test and send.
    staff_user = StaffFactory(email="toimittaja@example.fi")
    staff = new_page(viewport=WIDTHS[width])
    log_in(staff, url, staff_user.email)
    visit(staff, url(path("newsletters:issue_create")))
    staff.fill("input[name=subject_fi]", "Joulukirje")
    staff.fill("input[name=subject_sv]", "Julbrev")
    staff.fill("textarea[name=editorial_sv]", "God jul!")
    staff.check(f"input[name=lists][value='{monthly.pk}']")
    staff.locator("main form button[type=submit]").click()
    check_page(staff, label="issue-edit")
    issue = Issue.objects.get()
    assert issue.items.count() == 2
    second = issue.items.get(position=2)
    staff.locator(f"#item-{second.pk} button", has_text="Jätä pois").click()
    check_page(staff, label="item-left-out")
    staff.locator("main a[lang=sv]").first.click()
    check_page(staff, label="preview-sv")
    preview = staff.inner_text("main")
    assert "Julbrev" in preview and "God jul!" in preview and "Julbasar" in preview
    assert "Styrelseutbildning" not in preview
    staff.go_back()
    staff.select_option("select[name=language]", "sv")
    staff.locator("main button[value=test]").click()
    check_page(staff, label="test-sent")
    assert mail.outbox[-1].to == ["toimittaja@example.fi"]
    staff.locator("main button[value=send]").click()
    check_page(staff, label="sending")
    assert "Lähetys 1 vastaanottajalle alkoi." in staff.inner_text("main")
    assert send_issues() == 1
    from newsletters.services import issues_finish

    issues_finish()
    visit(staff, staff.url, label="sent")
    assert "Lähetetty" in staff.inner_text("main")

    # The visitor unsubscribes from the link of the email received.
    message = mail.outbox[-1]
    assert message.to == ["lasare@example.fi"] and message.subject == "Julbrev"
    link = re.search(r"https?://\S+/uutiskirje/peru/\S+/", message.body).group(0)
    visit(visitor, url(_path_of(link)), label="unsubscribe")
    visitor.locator("main form button[type=submit]").click()
    check_page(visitor, label="unsubscribed")
    assert "Din prenumeration har avslutats" in visitor.inner_text("main h1")
    assert Subscriber.objects.get().status == "unsubscribed"
