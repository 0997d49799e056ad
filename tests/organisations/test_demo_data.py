import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisations.models import Membership, MembershipFee, Organisation, Representative
from organisations.selectors import user_is_org_admin
from organisations.validators import validate_business_id, validate_reference_number

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "henkilokunta@example.fi",
    "edustaja.pori@example.fi",
    "edustaja.rauma@example.fi",
    "henkilo@example.fi",
]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            get_user_model(),
            EmailAddress,
            Organisation,
            Membership,
            MembershipFee,
            Representative,
        )
    }


def load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_data_is_idempotent(settings):
    settings.DEBUG = True
    load()
    first = counts()
    load()
    assert counts() == first
    assert 55 <= first["Organisation"] <= 70


def test_demo_data_content(settings):
    settings.DEBUG = True
    load()
    organisations = Organisation.objects.all()
    assert organisations.members().count() >= 50
    assert organisations.non_members().filter(status="active").count() >= 2
    assert organisations.filter(status="dissolved").count() == 1
    assert organisations.filter(municipality__region__code="04").count() == organisations.count()
    assert organisations.values("municipality").distinct().count() >= 12
    for organisation in organisations:
        validate_business_id(organisation.business_id)
        assert organisation.fields_of_activity.exists()
    fees = MembershipFee.objects.all()
    assert (
        fees.filter(paid_on__isnull=True).exists() and fees.filter(paid_on__isnull=False).exists()
    )
    for fee in fees:
        validate_reference_number(fee.reference_number)


def test_demo_accounts(settings):
    settings.DEBUG = True
    load()
    User = get_user_model()
    for email in ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.check_password("demo-salasana-2026")
        assert EmailAddress.objects.get(user=user, email=email).verified
    staff = User.objects.get(email="henkilokunta@example.fi")
    assert staff.is_staff and staff.groups.filter(name="Henkilökunta").exists()
    pori = User.objects.get(email="edustaja.pori@example.fi")
    rauma = User.objects.get(email="edustaja.rauma@example.fi")
    pori_org = Organisation.objects.get(name_fi="Porin Seudun Mielenterveysyhdistys ry")
    rauma_org = Organisation.objects.get(name_fi="Rauman Eläkkeensaajat ry")
    assert user_is_org_admin(pori, pori_org) and not user_is_org_admin(pori, rauma_org)
    assert user_is_org_admin(rauma, rauma_org) and not user_is_org_admin(rauma, pori_org)
    person = User.objects.get(email="henkilo@example.fi")
    assert not person.is_staff and not person.representations.exists()


def test_demo_accounts_can_log_in(client, settings):
    settings.DEBUG = True
    load()
    response = client.post(
        "/accounts/login/",
        {"login": "edustaja.pori@example.fi", "password": "demo-salasana-2026"},
    )
    assert response.status_code == 302
    assert (
        "Porin Seudun Mielenterveysyhdistys ry" in client.get("/omat-yhdistykset/").content.decode()
    )


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        load()
    assert not get_user_model().objects.filter(email__in=ACCOUNTS).exists()
    assert not Organisation.objects.exists()
