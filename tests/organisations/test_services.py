import datetime
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from organisations import services
from organisations.errors import RegisterError
from organisations.models import (
    FieldOfActivity,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Representative,
)
from organisations.validators import validate_reference_number
from tests.factories.organisations import (
    MembershipFactory,
    MembershipFeeFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
    business_id,
)

pytestmark = pytest.mark.django_db


def pori():
    return Municipality.objects.get(code="609")


# Organisations ----------------------------------------------------------------------------


def test_create_normalises_the_business_id():
    valid = business_id(500)
    organisation = services.organisation_create(
        name_fi="Porin Testiyhdistys ry",
        business_id=f" {valid[:3]} {valid[3:7]} {valid[-1]} ",
        municipality=pori(),
        fields_of_activity=[FieldOfActivity.objects.get(code="culture")],
    )
    organisation.refresh_from_db()
    assert organisation.business_id == valid
    assert list(organisation.fields_of_activity.values_list("code", flat=True)) == ["culture"]
    assert organisation.name_sv is None  # falls back to Finnish


def test_create_pads_a_legacy_six_digit_business_id():
    # 0737546-2 is written by its owner as 737546-2.
    organisation = services.organisation_create(name_fi="Vanha ry", business_id="737546-2")
    assert organisation.business_id == "0737546-2"


def test_invalid_business_id_is_refused_and_nothing_saved():
    with pytest.raises(RegisterError) as caught:
        services.organisation_create(name_fi="Huono ry", business_id="1234567-8")
    assert caught.value.field == "business_id"
    assert "1234567-8" in caught.value.errors_by_field["business_id"][0]
    assert not Organisation.objects.exists()


def test_duplicate_organisation_gets_a_clear_message_and_nothing_is_saved():
    existing = OrganisationFactory()
    with pytest.raises(RegisterError) as caught:
        services.organisation_create(
            name_fi="Toinen ry",
            business_id=existing.business_id,
            fields_of_activity=[FieldOfActivity.objects.get(code="sports")],
        )
    assert caught.value.field == "business_id"
    message = caught.value.errors_by_field["business_id"][0]
    assert existing.business_id in message and "on jo rekisterissä" in message
    assert Organisation.objects.count() == 1


def test_duplicate_caught_even_when_a_concurrent_insert_wins_the_race():
    existing = OrganisationFactory()
    with mock.patch.object(services, "_check_business_id_free"):
        with pytest.raises(RegisterError) as caught:
            services.organisation_create(name_fi="Kilpaileva ry", business_id=existing.business_id)
    assert caught.value.field == "business_id"
    assert Organisation.objects.count() == 1


def test_over_long_name_is_refused():
    with pytest.raises(RegisterError) as caught:
        services.organisation_create(name_fi="x" * 201, business_id=business_id(501))
    assert set(caught.value.errors_by_field) & {"name", "name_fi"}
    assert not Organisation.objects.exists()


def test_update_by_org_admin_and_refusals():
    admin = RepresentativeFactory()
    organisation = admin.organisation
    services.organisation_update(
        organisation=organisation, actor=admin.user, name_fi="Uusi nimi ry", phone="02 123"
    )
    organisation.refresh_from_db()
    assert organisation.name_fi == "Uusi nimi ry"

    member = RepresentativeFactory(organisation=organisation, role=Representative.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=organisation, actor=member.user, phone="1")
    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=organisation, actor=UserFactory(), phone="1")

    other = OrganisationFactory()
    with pytest.raises(RegisterError) as caught:
        services.organisation_update(
            organisation=organisation, actor=admin.user, business_id=other.business_id
        )
    assert caught.value.field == "business_id"
    organisation.refresh_from_db()
    assert organisation.business_id != other.business_id


def test_only_staff_dissolve_an_organisation():
    admin = RepresentativeFactory()
    services.organisation_update(
        organisation=admin.organisation, actor=admin.user, status="dissolved"
    )
    admin.organisation.refresh_from_db()
    assert not admin.organisation.is_dissolved
    services.organisation_update(
        organisation=admin.organisation, actor=StaffFactory(), status="dissolved"
    )
    admin.organisation.refresh_from_db()
    assert admin.organisation.is_dissolved


# Membership -------------------------------------------------------------------------------


def test_representative_applies_for_their_organisation():
    rep = RepresentativeFactory(role=Representative.Role.MEMBER)
    membership = services.membership_apply(
        user=rep.user, organisation=rep.organisation, application_text="Haluamme mukaan."
    )
    assert membership.status == Membership.Status.APPLIED
    assert membership.applied_by == rep.user


def test_a_stranger_cannot_apply_for_an_organisation():
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.membership_apply(user=UserFactory(), organisation=organisation)
    assert not Membership.objects.exists()


@pytest.mark.parametrize("status", [Membership.Status.APPLIED, Membership.Status.ACTIVE])
def test_no_second_application_while_one_is_open(status):
    rep = RepresentativeFactory()
    MembershipFactory(organisation=rep.organisation, status=status)
    with pytest.raises(RegisterError) as caught:
        services.membership_apply(user=rep.user, organisation=rep.organisation)
    assert caught.value.field == "organisation"
    assert Membership.objects.count() == 1


def test_apply_with_a_new_organisation_registers_it():
    user = UserFactory()
    membership = services.membership_apply(
        user=user,
        new_organisation={
            "name_fi": "Nakkilan Uusi ry",
            "business_id": business_id(600),
            "municipality": Municipality.objects.get(code="531"),
        },
    )
    organisation = membership.organisation
    assert organisation.business_id == business_id(600)
    assert not organisation.is_public  # until staff publish it
    request = Representative.objects.get(user=user, organisation=organisation)
    assert (request.role, request.status) == ("admin", "requested")


def test_apply_with_a_bad_new_organisation_saves_nothing():
    existing = OrganisationFactory()
    user = UserFactory()
    for bad_id in ("1234567-8", existing.business_id):
        with pytest.raises(RegisterError) as caught:
            services.membership_apply(
                user=user, new_organisation={"name_fi": "Uusi ry", "business_id": bad_id}
            )
        assert caught.value.field == "business_id"
    assert Organisation.objects.count() == 1
    assert not Membership.objects.exists()
    assert not Representative.objects.exists()


@time_machine.travel(datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC))
def test_staff_approve_and_the_applicant_becomes_admin():
    user = UserFactory()
    membership = services.membership_apply(
        user=user, new_organisation={"name_fi": "Uusi ry", "business_id": business_id(601)}
    )
    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, actor=user)
    staff = StaffFactory()
    services.membership_approve(membership=membership, actor=staff)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.member_since == datetime.date(2026, 5, 4)
    assert membership.decided_by == staff
    assert Representative.objects.get(user=user).status == Representative.Status.APPROVED
    assert Organisation.objects.members().filter(pk=membership.organisation_id).exists()
    # Approving twice is refused.
    with pytest.raises(RegisterError):
        services.membership_approve(membership=membership, actor=staff)


def test_decline_requires_a_reason():
    membership = MembershipFactory(status=Membership.Status.APPLIED, member_since=None)
    staff = StaffFactory()
    with pytest.raises(RegisterError) as caught:
        services.membership_decline(membership=membership, actor=staff, reason="  ")
    assert caught.value.field == "decline_reason"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED

    services.membership_decline(membership=membership, actor=staff, reason="Ei aatteellinen.")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert membership.decline_reason == "Ei aatteellinen."
    assert not Organisation.objects.members().exists()


def test_decline_is_for_staff_only():
    membership = MembershipFactory(status=Membership.Status.APPLIED, member_since=None)
    with pytest.raises(PermissionDenied):
        services.membership_decline(membership=membership, actor=UserFactory(), reason="x")


def test_end_membership():
    membership = MembershipFactory(member_since=datetime.date(2024, 1, 1))
    staff = StaffFactory()
    with pytest.raises(RegisterError) as caught:
        services.membership_end(
            membership=membership, actor=staff, ended_on=datetime.date(2023, 12, 31)
        )
    assert caught.value.field == "ended_on"
    with pytest.raises(PermissionDenied):
        services.membership_end(membership=membership, actor=UserFactory())
    services.membership_end(membership=membership, actor=staff, ended_on=datetime.date(2025, 6, 30))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
    assert membership.ended_on == datetime.date(2025, 6, 30)
    assert not Organisation.objects.members().exists()


# Fees -------------------------------------------------------------------------------------


def test_fee_gets_a_valid_unique_reference_number():
    first, second = MembershipFactory(), MembershipFactory()
    fees = [
        services.membership_fee_create(
            membership=m, year=2026, amount="45.5", due_date=datetime.date(2026, 3, 31)
        )
        for m in (first, second)
    ]
    assert fees[0].amount == Decimal("45.50")
    references = {fee.reference_number for fee in fees}
    assert len(references) == 2
    for reference in references:
        validate_reference_number(reference)
    # Deterministic: the same membership and year always give the same number.
    assert fees[0].reference_number.startswith(f"2026{first.pk:06d}")


def test_fee_refusals():
    membership = MembershipFactory()
    MembershipFeeFactory(membership=membership, year=2026)
    due = datetime.date(2026, 3, 31)
    with pytest.raises(RegisterError) as caught:
        services.membership_fee_create(membership=membership, year=2026, amount=50, due_date=due)
    assert caught.value.field == "year"
    with pytest.raises(RegisterError) as caught:
        services.membership_fee_create(membership=membership, year=2027, amount=-1, due_date=due)
    assert caught.value.field == "amount"
    applied = MembershipFactory(status=Membership.Status.APPLIED, member_since=None)
    with pytest.raises(RegisterError):
        services.membership_fee_create(membership=applied, year=2026, amount=50, due_date=due)
    with pytest.raises(PermissionDenied):
        services.membership_fee_create(
            membership=membership, year=2028, amount=50, due_date=due, actor=UserFactory()
        )
    assert MembershipFee.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC))
def test_mark_fee_paid_once():
    fee = MembershipFeeFactory()
    services.membership_fee_mark_paid(fee=fee, actor=StaffFactory())
    fee.refresh_from_db()
    assert fee.paid_on == datetime.date(2026, 4, 1)
    with pytest.raises(RegisterError):
        services.membership_fee_mark_paid(fee=fee)


# Representatives --------------------------------------------------------------------------


def test_representative_request_and_duplicates():
    organisation = OrganisationFactory()
    user = UserFactory()
    request = services.representative_request(
        user=user, organisation=organisation, role="member", message="Olen sihteeri."
    )
    assert request.status == Representative.Status.REQUESTED
    with pytest.raises(RegisterError) as caught:
        services.representative_request(user=user, organisation=organisation)
    assert caught.value.field == "organisation"
    with pytest.raises(RegisterError):
        services.representative_request(user=user, organisation=organisation, role="boss")


def test_asking_again_after_a_decline():
    request = RepresentativeFactory(status=Representative.Status.DECLINED)
    again = services.representative_request(
        user=request.user, organisation=request.organisation, role="member"
    )
    assert again.pk == request.pk
    assert again.status == Representative.Status.REQUESTED


def test_org_admin_approves_for_their_own_organisation_only():
    admin_a = RepresentativeFactory()
    admin_b = RepresentativeFactory()
    request_a = RepresentativeFactory(organisation=admin_a.organisation, status="requested")
    request_b = RepresentativeFactory(organisation=admin_b.organisation, status="requested")

    services.representative_approve(representative=request_a, actor=admin_a.user)
    request_a.refresh_from_db()
    assert request_a.status == Representative.Status.APPROVED
    assert request_a.decided_by == admin_a.user

    with pytest.raises(PermissionDenied):
        services.representative_approve(representative=request_b, actor=admin_a.user)
    with pytest.raises(PermissionDenied):
        services.representative_decline(representative=request_b, actor=admin_a.user)
    request_b.refresh_from_db()
    assert request_b.status == Representative.Status.REQUESTED


def test_member_role_cannot_approve_but_staff_can():
    member = RepresentativeFactory(role=Representative.Role.MEMBER)
    request = RepresentativeFactory(organisation=member.organisation, status="requested")
    with pytest.raises(PermissionDenied):
        services.representative_approve(representative=request, actor=member.user)
    services.representative_decline(representative=request, actor=StaffFactory())
    request.refresh_from_db()
    assert request.status == Representative.Status.DECLINED
    with pytest.raises(RegisterError):
        services.representative_approve(representative=request, actor=StaffFactory())
