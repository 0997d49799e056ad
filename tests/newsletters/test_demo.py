import pytest
from django.core.management import call_command

from newsletters.models import Consent, Issue, MailingList, NewsItem, Subscriber

pytestmark = pytest.mark.django_db


def test_the_demo_data_loads_twice_without_duplicates(settings):
    settings.DEBUG = True
    call_command("load_demo_data")
    for _ in range(2):
        call_command("load_newsletters_demo")
    assert NewsItem.objects.count() == 4
    assert MailingList.objects.count() == 2
    assert sorted(Subscriber.objects.values_list("language", flat=True)) == ["en", "fi", "sv"]
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}
    assert Consent.objects.filter(action="confirm").count() == 3
    sent = Issue.objects.get(status="sent")
    assert sent.deliveries.filter(sent_at__isnull=False, last_error="").count() == 3
    assert Issue.objects.filter(status="draft").count() == 1
