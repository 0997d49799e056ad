import datetime

import factory

from core import clock
from events.models import Event, Keyword, Place
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import MunicipalityFactory, OrganisationFactory


class KeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keyword
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"aihe-{n}")
    name_fi = factory.Sequence(lambda n: f"Aihe {n}")
    name_sv = factory.Sequence(lambda n: f"Ämne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_fi = factory.Sequence(lambda n: f"Porin pääkirjasto {n}")
    street_address = "Gallen-Kallelan katu 12"
    postal_code = "28100"
    post_office = "Pori"
    municipality = factory.SubFactory(MunicipalityFactory)


class EventFactory(factory.django.DjangoModelFactory):
    """A published two-hour event next Wednesday at 18 in a place in Pori."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Tapahtuma {n}")
    short_description_fi = "Lyhyt kuvaus."
    description_fi = "Pitkä kuvaus tapahtumasta."
    start = factory.LazyFunction(lambda: at(next_weekday(2), 18))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    organisation = factory.SubFactory(OrganisationFactory)
    place = factory.SubFactory(PlaceFactory)
    publication = Event.Publication.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: clock.now() if o.publication == Event.Publication.PUBLISHED else None
    )
    audiences = factory.LazyFunction(lambda: ["everyone"])
    languages = factory.LazyFunction(lambda: ["fi"])
    created_by = None

    @factory.post_generation
    def keywords(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.keywords.set(extracted)
