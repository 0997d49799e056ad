import datetime

import factory

from core import clock
from participation.models import (
    Action,
    Comment,
    Consultation,
    FeedbackForm,
    FeedbackStatement,
    Goal,
    Indicator,
    Poll,
    PollOption,
    Section,
    StrategyItem,
    Theme,
    Workshop,
)
from tests.factories.organisations import MunicipalityFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation: opened yesterday, closes in a fortnight."""

    class Meta:
        model = Consultation

    title_fi = factory.Sequence(lambda n: f"Kuuleminen {n}")
    introduction_fi = "Kerro mielipiteesi."
    opens_at = factory.LazyFunction(lambda: clock.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=14))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    consultation = factory.SubFactory(ConsultationFactory)
    title_fi = factory.Sequence(lambda n: f"Osio {n}")
    body_fi = "Osion teksti."
    order = factory.Sequence(lambda n: n)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    consultation = factory.SubFactory(ConsultationFactory)
    place = "Kirjasto"
    municipality = factory.SubFactory(MunicipalityFactory)
    held_on = datetime.date(2026, 3, 10)
    participants = 12
    facilitator = "Ohjaaja"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"Kommentti {n}")
    author_key = factory.Sequence(lambda n: f"sfactory{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    consultation = factory.SubFactory(ConsultationFactory)
    name_fi = factory.Sequence(lambda n: f"Teema {n}")


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    section = factory.SubFactory(SectionFactory)
    question_fi = "Mikä on tärkeintä?"


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(PollFactory)
    text_fi = factory.Sequence(lambda n: f"Vaihtoehto {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    title_fi = factory.Sequence(lambda n: f"Tavoite {n}")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2028, 12, 31)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    unit = "kpl"
    baseline = 10
    target = 20


class ActionFactory(factory.django.DjangoModelFactory):
    """An action under way towards a goal (pass ``goals=[…]`` for others)."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    title_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
    responsible = "Yhteisökeskus"
    starts_on = datetime.date(2026, 2, 1)
    ends_on = datetime.date(2026, 12, 31)
    status = Action.Status.IN_PROGRESS
    progress = 50
    weight = 1

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create:
            self.goals.set(extracted if extracted is not None else [GoalFactory()])


class StrategyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyItem

    title_fi = factory.Sequence(lambda n: f"Strategian kohta {n}")


class FeedbackFormFactory(factory.django.DjangoModelFactory):
    """A feedback form of a service with one statement (``form.statements.get()``)."""

    class Meta:
        model = FeedbackForm
        skip_postgeneration_save = True

    title_fi = factory.Sequence(lambda n: f"Palaute {n}")
    open_question_fi = "Mitä haluat kertoa?"
    service = "Avoin kohtaamispaikka"
    statement = factory.RelatedFactory(
        "tests.factories.participation.FeedbackStatementFactory", factory_related_name="form"
    )


class FeedbackStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackStatement

    form = factory.SubFactory(FeedbackFormFactory, statement=None)
    text_fi = factory.Sequence(lambda n: f"Väittämä {n}")
    order = factory.Sequence(lambda n: n)
