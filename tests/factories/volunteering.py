import datetime
from decimal import Decimal

import factory

from core import clock
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import MunicipalityFactory, OrganisationFactory, UserFactory
from volunteering.models import (
    Assignment,
    ExperienceArea,
    FeeTier,
    Profile,
    Request,
    RequestDate,
    Skill,
    Slot,
)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name_fi = factory.Sequence(lambda n: f"Taito {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class ExperienceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceArea

    name_fi = factory.Sequence(lambda n: f"Kokemusalue {n}")
    name_en = factory.Sequence(lambda n: f"Experience area {n}")


class ProfileFactory(factory.django.DjangoModelFactory):
    """An approved volunteer profile: a volunteer and an experience expert, in Finnish."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Vapaaehtoinen {n}")
    roles = factory.LazyFunction(lambda: ["volunteer", "expert"])
    languages = factory.LazyFunction(lambda: ["fi"])
    weekdays = factory.LazyFunction(lambda: [0, 1, 2, 3, 4])
    day_parts = factory.LazyFunction(lambda: ["morning", "afternoon", "evening"])
    status = Profile.Status.APPROVED
    last_active_at = factory.LazyFunction(clock.now)

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create:
            obj.municipalities.set(extracted or [MunicipalityFactory()])


class RequestFactory(factory.django.DjangoModelFactory):
    """An open online request for one experience expert, with one date next Tuesday
    10–12 (``dates=[(start, end), …]``, or ``dates__day``, ``dates__start`` and
    ``dates__end`` change it)."""

    class Meta:
        model = Request
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Kokemuspuheenvuoro {n}")
    description = "Puheenvuoro hyvinvointialueen koulutuksessa."
    place = Request.Place.ONLINE
    people_needed = 1
    roles = factory.LazyFunction(lambda: ["expert"])
    fee_paid = True
    answer_by = factory.LazyFunction(clock.today)
    created_at = factory.LazyFunction(clock.now)

    @factory.post_generation
    def dates(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            day = kwargs.get("day") or next_weekday(1)
            extracted = [(at(day, kwargs.get("start", 10)), at(day, kwargs.get("end", 12)))]
        for start, end in extracted:
            RequestDate.objects.create(request=obj, start=start, end=end)


def past_request(days_ago=2, hours=2, **kwargs):
    """A request whose one date was ``days_ago`` days ago (created directly: the service
    refuses dates in the past)."""
    day = clock.today() - datetime.timedelta(days=days_ago)
    return RequestFactory(dates=[(at(day, 10), at(day, 10 + hours))], **kwargs)


def assign(request, profile, actor=None):
    """An active assignment with its slots, as the service makes it."""
    assignment = Assignment.objects.create(
        request=request, profile=profile, created_at=clock.now(), created_by=actor
    )
    for d in request.dates.all():
        Slot.objects.create(
            assignment=assignment, date=d, profile=profile, start=d.start, end=d.end
        )
    return assignment


def fee_tiers():
    return (
        FeeTier.objects.create(
            name_fi="Koulutettu", hourly_rate=Decimal("25.00"), for_trained=True
        ),
        FeeTier.objects.create(name_fi="Kouluttamaton", hourly_rate=Decimal("15.00")),
    )
