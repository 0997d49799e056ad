import pytest
from django.urls import reverse

from organisations.models import Membership, Organisation, Representative
from tests.factories.organisations import (
    MembershipFactory,
    MembershipFeeFactory,
    OrganisationFactory,
    RepresentativeFactory,
    UserFactory,
    business_id,
)

pytestmark = pytest.mark.django_db

APPLY = reverse("organisations:membership_apply")
REQUEST = reverse("organisations:representative_request")
MINE = reverse("organisations:my_organisations")


def edit_url(organisation):
    return reverse("organisations:organisation_edit", args=[organisation.pk])


@pytest.mark.parametrize(
    "url",
    [
        APPLY,
        REQUEST,
        MINE,
        reverse("organisations:organisation_edit", args=[1]),
        reverse("organisations:representative_approve", args=[1]),
        reverse("organisations:representative_decline", args=[1]),
    ],
)
def test_pages_require_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_apply_for_a_represented_organisation(client):
    rep = RepresentativeFactory()
    client.force_login(rep.user)
    page = client.get(APPLY)
    assert rep.organisation.name in page.content.decode()
    response = client.post(APPLY, {"organisation": rep.organisation.pk, "application_text": "Hei"})
    assert response.status_code == 302
    assert response["Location"] == MINE
    assert Membership.objects.get(organisation=rep.organisation).status == "applied"


def test_apply_with_a_new_organisation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        APPLY,
        {
            "new_name_fi": "Porin Uusi Yhdistys ry",
            "new_business_id": business_id(700).replace("-", ""),
            "new_municipality": OrganisationFactory().municipality_id,
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_fi="Porin Uusi Yhdistys ry")
    assert organisation.business_id == business_id(700)
    assert organisation.memberships.get().status == "applied"


def test_invalid_business_id_is_shown_next_to_its_field(client):
    client.force_login(UserFactory())
    response = client.post(
        APPLY,
        {
            "new_name_fi": "Huono ry",
            "new_business_id": "1234567-8",
            "new_municipality": OrganisationFactory().municipality_id,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "new_business_id" in errors
    assert "1234567-8" in errors["new_business_id"][0]
    assert 'id="id_new_business_id_error"' in response.content.decode()
    assert not Organisation.objects.filter(name_fi="Huono ry").exists()


def test_duplicate_organisation_on_the_apply_page(client):
    existing = OrganisationFactory()
    client.force_login(UserFactory())
    response = client.post(
        APPLY,
        {
            "new_name_fi": "Kopio ry",
            "new_business_id": existing.business_id,
            "new_municipality": existing.municipality_id,
        },
    )
    assert response.status_code == 200
    assert existing.business_id in response.context["form"].errors["new_business_id"][0]
    assert Organisation.objects.count() == 1


def test_apply_needs_a_choice(client):
    client.force_login(UserFactory())
    response = client.post(APPLY, {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_cannot_apply_for_an_organisation_one_does_not_represent(client):
    client.force_login(UserFactory())
    organisation = OrganisationFactory()
    response = client.post(APPLY, {"organisation": organisation.pk})
    assert response.status_code == 200  # not one of the choices
    assert "organisation" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_representative_request_page(client):
    organisation = OrganisationFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        REQUEST, {"organisation": organisation.pk, "role": "member", "message": "Olen jäsen."}
    )
    assert response.status_code == 302
    assert Representative.objects.get(user=user).status == "requested"
    # Asking twice shows the reason next to the field.
    response = client.post(REQUEST, {"organisation": organisation.pk, "role": "member"})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors


def test_my_organisations_shows_status_fees_and_pending_requests(client):
    admin = RepresentativeFactory()
    fee = MembershipFeeFactory(membership=MembershipFactory(organisation=admin.organisation))
    pending = RepresentativeFactory(organisation=admin.organisation, status="requested")
    client.force_login(admin.user)
    html = client.get(MINE).content.decode()
    assert admin.organisation.name in html
    assert fee.reference_number in html
    assert pending.user.email in html
    assert reverse("organisations:representative_approve", args=[pending.pk]) in html
    assert edit_url(admin.organisation) in html


def test_requested_representative_sees_no_fees_or_requests(client):
    requested = RepresentativeFactory(status="requested")
    fee = MembershipFeeFactory(membership=MembershipFactory(organisation=requested.organisation))
    other = RepresentativeFactory(organisation=requested.organisation, status="requested")
    client.force_login(requested.user)
    html = client.get(MINE).content.decode()
    assert requested.organisation.name in html
    assert fee.reference_number not in html
    assert other.user.email not in html
    assert edit_url(requested.organisation) not in html


def test_my_organisations_query_count_does_not_grow(client, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(6):
        rep = RepresentativeFactory(user=user)
        membership = MembershipFactory(organisation=rep.organisation)
        MembershipFeeFactory(membership=membership, year=2025)
        MembershipFeeFactory(membership=membership, year=2026)
        RepresentativeFactory(organisation=rep.organisation, status="requested")
    client.force_login(user)
    with django_assert_max_num_queries(10):
        response = client.get(MINE)
    assert response.status_code == 200
    assert len(response.context["pending"]) == 6


def test_org_admin_edits_the_profile(client):
    admin = RepresentativeFactory()
    client.force_login(admin.user)
    assert client.get(edit_url(admin.organisation)).status_code == 200
    response = client.post(
        edit_url(admin.organisation),
        {
            "name_fi": "Muokattu ry",
            "name_sv": "Redigerad rf",
            "business_id": admin.organisation.business_id,
            "municipality": admin.organisation.municipality_id,
            "email": "uusi@example.fi",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    admin.organisation.refresh_from_db()
    assert admin.organisation.name_fi == "Muokattu ry"
    assert admin.organisation.name_sv == "Redigerad rf"
    assert admin.organisation.email == "uusi@example.fi"


def test_edit_shows_a_duplicate_business_id_next_to_the_field(client):
    admin = RepresentativeFactory()
    other = OrganisationFactory()
    client.force_login(admin.user)
    response = client.post(
        edit_url(admin.organisation), {"name_fi": "X ry", "business_id": other.business_id}
    )
    assert response.status_code == 200
    assert other.business_id in response.context["form"].errors["business_id"][0]


@pytest.mark.parametrize("role", ["admin", "member"])
def test_another_organisations_edit_page_is_404(client, role):
    rep = RepresentativeFactory(role=role)
    other = OrganisationFactory()
    client.force_login(rep.user)
    assert client.get(edit_url(other)).status_code == 404
    assert client.post(edit_url(other), {"name_fi": "Kaapattu"}).status_code == 404
    if role == "member":
        assert client.get(edit_url(rep.organisation)).status_code == 404
    other.refresh_from_db()
    assert other.name_fi != "Kaapattu"


def test_admin_approves_and_declines_requests_of_their_organisation(client):
    admin = RepresentativeFactory()
    first = RepresentativeFactory(organisation=admin.organisation, status="requested")
    second = RepresentativeFactory(organisation=admin.organisation, status="requested")
    client.force_login(admin.user)
    approve = reverse("organisations:representative_approve", args=[first.pk])
    assert client.get(approve).status_code == 405
    assert client.post(approve).status_code == 302
    decline = reverse("organisations:representative_decline", args=[second.pk])
    assert client.post(decline).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "declined")


def test_admin_of_one_organisation_cannot_decide_for_another(client):
    admin_a = RepresentativeFactory()
    admin_b = RepresentativeFactory()
    request_b = RepresentativeFactory(organisation=admin_b.organisation, status="requested")
    client.force_login(admin_a.user)
    for name in ("representative_approve", "representative_decline"):
        response = client.post(reverse(f"organisations:{name}", args=[request_b.pk]))
        assert response.status_code == 404
    request_b.refresh_from_db()
    assert request_b.status == "requested"
    assert request_b.user.email not in client.get(MINE).content.decode()
