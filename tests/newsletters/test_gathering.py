"""An issue gathers the open grant calls of its period: published, not closed, open at
some time in the period; with municipalities, those open to applicants from them."""

import datetime

import pytest

from core import clock
from newsletters import services
from newsletters.gathering import GATHERERS
from tests.factories.grants import CallFactory
from tests.factories.newsletters import IssueFactory
from tests.factories.organisations import (
    MunicipalityFactory,
    StaffFactory,
    WellbeingCountyFactory,
)

pytestmark = pytest.mark.django_db


def _issue(**extra):
    return services.issue_create(
        actor=StaffFactory(),
        data={
            "subject_fi": "Joulukuu",
            "period_start": clock.today(),
            "period_end": clock.today() + datetime.timedelta(days=30),
            **extra,
        },
    )


def test_an_issue_gathers_the_open_grant_calls():
    now = clock.now()
    day = datetime.timedelta(days=1)
    open_call = CallFactory(name_fi="Liikuntaavustus")
    opening_soon = CallFactory(opens_at=now + 10 * day, closes_at=now + 40 * day)
    unpublished = CallFactory(is_published=False)
    closed = CallFactory(opens_at=now - 40 * day, closes_at=now - day)
    much_later = CallFactory(opens_at=now + 60 * day, closes_at=now + 90 * day)

    issue = _issue()

    gathered = set(issue.items.filter(kind="grant_call").values_list("object_id", flat=True))
    assert gathered == {open_call.pk, opening_soon.pk}
    assert not gathered & {unpublished.pk, closed.pk, much_later.pk}
    entry = GATHERERS["grant_call"].entry(open_call)
    assert entry.title == "Liikuntaavustus"
    assert entry.url.endswith(f"/avustukset/{open_call.pk}/")
    assert services.issue_gather(issue=issue) == 0


def test_municipalities_narrow_the_grant_calls():
    here = MunicipalityFactory(code="609", name_fi="Pori")
    there = MunicipalityFactory(
        code="091",
        name_fi="Helsinki",
        wellbeing_county=WellbeingCountyFactory(code="90", name_fi="Helsinki"),
    )
    anywhere = CallFactory()
    for_here = CallFactory()
    for_here.municipalities.add(here)
    for_there = CallFactory()
    for_there.municipalities.add(there)
    by_county = CallFactory()
    by_county.wellbeing_counties.add(here.wellbeing_county)

    issue = IssueFactory()
    issue.municipalities.set([here])
    services.issue_gather(issue=issue)

    gathered = set(issue.items.filter(kind="grant_call").values_list("object_id", flat=True))
    assert gathered == {anywhere.pk, for_here.pk, by_county.pk}
    assert for_there.pk not in gathered
