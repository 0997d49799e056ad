"""Drafting a call's criteria on the staff pages: a draft set, its criteria with weights
and scales (bad input: the message next to the field, nothing saved), approval with the
partners, publication; frozen once an application has arrived, changed through a new
version that keeps the old one."""

from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import CriteriaSet, Criterion
from tests.factories.grants import ApplicationFactory, CallFactory, submitted
from tests.factories.organisations import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

CRITERION = {
    "name_fi": "Vaikuttavuus",
    "name_sv": "Verkan",
    "name_en": "",
    "guidance_fi": "Miten hanke muuttaa arkea?",
    "weight": "2,5",
    "scale_min": "0",
    "scale_max": "5",
    "allow_na": "on",
}


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def test_staff_draft_approve_and_publish_the_criteria(staff_client):
    call = CallFactory()
    partner = OrganisationFactory(name_fi="Hyvinvointialue")
    page = staff_client.get(reverse("grants:staff_call", args=[call.pk]))
    assert reverse("grants:criteria_create", args=[call.pk]) in page.text

    staff_client.post(reverse("grants:criteria_create", args=[call.pk]))
    draft = CriteriaSet.objects.get(call=call)
    assert (draft.version, draft.status) == (1, "draft")

    add = reverse("grants:criterion_add", args=[draft.pk])
    assert staff_client.get(add).status_code == 200
    response = staff_client.post(add, CRITERION)
    assert response.status_code == 302
    staff_client.post(add, {**CRITERION, "name_fi": "Yhteistyö", "weight": "1", "allow_na": ""})
    criteria = list(draft.criteria.order_by("order"))
    assert [(c.name_fi, c.weight, c.allow_na, c.order) for c in criteria] == [
        ("Vaikuttavuus", Decimal("2.50"), True, 1),
        ("Yhteistyö", Decimal("1.00"), False, 2),
    ]
    assert criteria[0].name_sv == "Verkan"

    edit = reverse("grants:criterion_edit", args=[criteria[1].pk])
    assert "Yhteistyö" in staff_client.get(edit).text
    staff_client.post(edit, {**CRITERION, "name_fi": "Yhteistyö", "weight": "1,5"})
    criteria[1].refresh_from_db()
    assert criteria[1].weight == Decimal("1.50")

    staff_client.post(
        reverse("grants:criteria_action", args=[draft.pk, "approve"]), {"partners": [partner.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == "approved"
    assert draft.approved_by == staff_client.staff and draft.approved_at
    assert list(draft.partners.all()) == [partner]
    # Approved criteria are no longer edited here.
    response = staff_client.post(edit, {**CRITERION, "weight": "9"})
    assert response.status_code == 302
    criteria[1].refresh_from_db()
    assert criteria[1].weight == Decimal("1.50")

    staff_client.post(reverse("grants:criteria_action", args=[draft.pk, "publish"]))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert call.current_criteria() == draft


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name_fi": ""}, "name_fi", "Tämä kenttä vaaditaan"),
        ({"weight": "0"}, "weight", "Painokertoimen on oltava yli 0"),
        ({"scale_min": "3", "scale_max": "3"}, "scale_max", "Ylimmän pistemäärän on oltava"),
    ],
)
def test_bad_criteria_are_refused_next_to_the_field(staff_client, change, field, message):
    draft = CriteriaSet.objects.create(call=CallFactory(), version=1)
    response = staff_client.post(
        reverse("grants:criterion_add", args=[draft.pk]), {**CRITERION, **change}
    )
    assert response.status_code == 400
    assert message in response.text
    assert response.context["form"].errors[field]
    assert not Criterion.objects.exists()


def test_frozen_criteria_change_through_a_new_version(staff_client):
    call = CallFactory()
    staff_client.post(reverse("grants:criteria_create", args=[call.pk]))
    v1 = CriteriaSet.objects.get(call=call)
    staff_client.post(reverse("grants:criterion_add", args=[v1.pk]), CRITERION)
    staff_client.post(reverse("grants:criteria_action", args=[v1.pk, "approve"]))
    staff_client.post(reverse("grants:criteria_action", args=[v1.pk, "publish"]))
    application = submitted(ApplicationFactory(call=call), v1)
    CriteriaSet.objects.filter(pk=v1.pk).update(frozen_at=application.submitted_at)
    first = v1.criteria.get()

    response = staff_client.post(reverse("grants:criterion_delete", args=[first.pk]), follow=True)
    assert "Kriteerit on lukittu" in response.text
    assert v1.criteria.count() == 1

    staff_client.post(reverse("grants:criteria_create", args=[call.pk]))
    v2 = CriteriaSet.objects.get(call=call, version=2)
    assert v2.status == "draft"
    copy = v2.criteria.get()
    assert (copy.name_fi, copy.weight) == ("Vaikuttavuus", Decimal("2.50"))
    staff_client.post(reverse("grants:criterion_delete", args=[copy.pk]))
    assert not v2.criteria.exists()
    # The old version stays as it was for the application scored with it.
    assert v1.criteria.get() == first
    application.refresh_from_db()
    assert application.criteria_set == v1
