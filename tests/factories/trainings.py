import datetime
from decimal import Decimal

import factory

from core import clock
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import OrganisationFactory, UserFactory
from trainings.models import Enrolment, Programme, Session, Training


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name_fi = factory.Sequence(lambda n: f"Hallitusvalmennus {n}")
    name_en = factory.Sequence(lambda n: f"Board coaching {n}")
    starts_on = factory.LazyFunction(lambda: clock.today().replace(month=1, day=1))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on.replace(month=12, day=31))


class TrainingFactory(factory.django.DjangoModelFactory):
    """A published training whose enrolment is open (from yesterday for a week)."""

    class Meta:
        model = Training
        skip_postgeneration_save = True

    organiser = factory.SubFactory(OrganisationFactory)
    title_fi = factory.Sequence(lambda n: f"Yhdistyksen talous {n}")
    title_sv = factory.Sequence(lambda n: f"Föreningens ekonomi {n}")
    title_en = factory.Sequence(lambda n: f"Association finances {n}")
    description_fi = "Kirjanpidon ja budjetoinnin perusteet."
    audience_fi = "Hallitusten jäsenet"
    trainers = "Tiina Kouluttaja"
    capacity = 10
    enrolment_opens = factory.LazyFunction(lambda: clock.now() - datetime.timedelta(days=1))
    enrolment_closes = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=7))
    price_member = Decimal("0.00")
    price_other = Decimal("20.00")
    status = Training.Status.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    """An online session (no room to book) on a Tuesday two weeks ahead, 17–19."""

    class Meta:
        model = Session

    training = factory.SubFactory(TrainingFactory)
    starts = factory.LazyFunction(lambda: at(next_weekday(1, weeks=2), 17))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=2))
    online_url = "https://meet.example.fi/koulutus"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    training = factory.SubFactory(TrainingFactory)
    user = factory.SubFactory(UserFactory)
    enrolled_by = factory.LazyAttribute(lambda o: o.user)
    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "muu@example.fi")
    status = Enrolment.Status.CONFIRMED
    price = Decimal("0.00")
    created_at = factory.LazyFunction(clock.now)
    confirmed_at = factory.LazyFunction(clock.now)
