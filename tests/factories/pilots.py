import datetime
from decimal import Decimal

import factory

from pilots.models import Goal, Indicator, Measurement, Pilot, PilotPartner, Theme
from tests.factories.organisations import OrganisationFactory, StaffFactory


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Kokeilu {n}")
    description_fi = "Kokeillaan uutta palvelua."
    theme = Theme.WELLBEING
    status = "running"
    lead_organisation = factory.SubFactory(OrganisationFactory)
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    budget = Decimal("25000.00")
    responsible = factory.SubFactory(StaffFactory)
    is_public = True


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotPartner

    pilot = factory.SubFactory(PilotFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PilotPartner.Role.IMPLEMENTER


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    pilot = factory.SubFactory(PilotFactory)
    text_fi = factory.Sequence(lambda n: f"Tavoite {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    pilot = factory.SubFactory(PilotFactory)
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    unit = "hlöä"
    baseline = Decimal("10")
    target = Decimal("50")
    direction = Indicator.Direction.INCREASE
    interval = Indicator.Interval.MONTHLY


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2026, 2, 1)
    value = Decimal("20")
