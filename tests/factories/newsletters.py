import datetime

import factory

from core import clock
from newsletters.models import Issue, MailingList, NewsItem, Subscriber


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A news item published an hour ago, in three languages."""

    class Meta:
        model = NewsItem

    title_fi = factory.Sequence(lambda n: f"Uutinen {n}")
    title_sv = factory.Sequence(lambda n: f"Nyhet {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    lead_fi = "Ingressi suomeksi."
    lead_sv = "Ingress på svenska."
    lead_en = "Lead in English."
    body_fi = "Leipäteksti."
    published_at = factory.LazyFunction(lambda: clock.now() - datetime.timedelta(hours=1))


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingList
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Kuukausikirje {n}")
    name_sv = factory.Sequence(lambda n: f"Månadsbrev {n}")
    name_en = factory.Sequence(lambda n: f"Monthly letter {n}")
    kind = MailingList.Kind.SUBSCRIBED
    is_public = True


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber of the lists given (``lists=[…]``)."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"tilaaja{n}@example.fi")
    language = "fi"
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(clock.now)

    @factory.post_generation
    def lists(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lists.set(extracted)


class IssueFactory(factory.django.DjangoModelFactory):
    """A draft for the coming month with texts in three languages."""

    class Meta:
        model = Issue
        skip_postgeneration_save = True

    subject_fi = factory.Sequence(lambda n: f"Kuukausikirje {n}")
    subject_sv = factory.Sequence(lambda n: f"Månadsbrev {n}")
    subject_en = factory.Sequence(lambda n: f"Monthly letter {n}")
    editorial_fi = "Hyvää joulukuuta!"
    editorial_sv = "God december!"
    editorial_en = "Happy December!"
    period_start = factory.LazyFunction(clock.today)
    period_end = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=40))

    @factory.post_generation
    def lists(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lists.set(extracted)
