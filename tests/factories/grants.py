import datetime
from decimal import Decimal

import factory

from core import clock
from grants.models import (
    Application,
    BudgetLine,
    Call,
    CriteriaSet,
    Criterion,
    Decision,
    ReviewerAssignment,
)
from tests.factories.organisations import (
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
)


class CallFactory(factory.django.DjangoModelFactory):
    """An open, published call."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Avustushaku {n}")
    description_fi = "Avustuksia yhdistysten hyvinvointia edistävään toimintaan."
    funder = factory.SubFactory(OrganisationFactory, kind="wellbeing_county")
    budget = Decimal("10000.00")
    min_grant = Decimal("500.00")
    max_grant = Decimal("5000.00")
    opens_at = factory.LazyFunction(lambda: clock.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=10))
    self_financing_percent = Decimal("10.00")
    first_instalment_percent = Decimal("70.00")
    report_due = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=365))
    is_published = True


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaSet

    call = factory.SubFactory(CallFactory)
    status = CriteriaSet.Status.PUBLISHED
    approved_by = factory.SubFactory(StaffFactory)
    approved_at = factory.LazyFunction(clock.now)
    published_at = factory.LazyFunction(clock.now)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    name_fi = factory.Sequence(lambda n: f"Kriteeri {n}")
    guidance_fi = "Arvioi asteikolla."
    weight = Decimal("1")
    scale_min = 0
    scale_max = 5
    allow_na = False


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft whose budget balances: costs 2 000, own money 200, requested 1 800."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.LazyAttribute(
        lambda o: RepresentativeFactory(organisation=o.organisation).user
    )
    project_name = factory.Sequence(lambda n: f"Hanke {n}")
    goals = "Lisää liikuntaa ikäihmisille."
    target_group = "Ikäihmiset"
    requested_amount = Decimal("1800.00")

    @factory.post_generation
    def lines(obj, create, extracted, **kwargs):
        if not create:
            return
        lines = (
            extracted if extracted is not None else [("personnel", "2000.00"), ("own", "200.00")]
        )
        for category, amount in lines:
            BudgetLine.objects.create(application=obj, category=category, amount=Decimal(amount))


def submitted(application, criteria_set):
    """Mark an application submitted with ``criteria_set`` (bypassing the time checks)."""
    application.status = Application.Status.SUBMITTED
    application.submitted_at = clock.now()
    application.criteria_set = criteria_set
    application.save()
    return application


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerAssignment

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory("tests.factories.organisations.UserFactory")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory)
    call = factory.LazyAttribute(lambda o: o.application.call)
    outcome = Decision.Outcome.GRANTED
    amount = Decimal("1000.00")
    rationale = "Hyvä hanke."
    decided_at = factory.LazyFunction(clock.now)
