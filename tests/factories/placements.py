import datetime
from decimal import Decimal

import factory

from placements.models import Authority, Host, Participant, Placement
from tests.factories.organisations import OrganisationFactory, RepresentativeFactory


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kunnan työllisyyspalvelut {n}")
    kind = Authority.Kind.MUNICIPALITY
    contact_email = factory.Sequence(lambda n: f"tyollisyys{n}@kunta.example.fi")
    daily_compensation = Decimal("9.00")


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    organisation = factory.SubFactory(OrganisationFactory)
    tasks = "Kahvilan ja kirpputorin tehtävät"
    capacity = 2
    place = "Yhdistyskatu 1, Pori"
    accessibility = "Esteetön sisäänkäynti"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    email = factory.Sequence(lambda n: f"osallistuja{n}@example.fi")


def supervisor_of(host):
    return RepresentativeFactory(organisation=host.organisation)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A rehabilitative work activity placement within the limits, Mon–Thu 4 h."""

    class Meta:
        model = Placement

    kind = Placement.Kind.REHABILITATIVE
    participant = factory.SubFactory(ParticipantFactory)
    host = factory.SubFactory(HostFactory)
    supervisor = factory.LazyAttribute(lambda o: supervisor_of(o.host))
    authority = factory.SubFactory(AuthorityFactory)
    goals = "Päivärytmi ja työelämävalmiudet"
    tasks = "Kahvilan tehtävät"
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2026, 11, 30)
    days_per_week = 4
    hours_per_day = Decimal("4.00")
    weekdays = [0, 1, 2, 3]
