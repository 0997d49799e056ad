import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisations.models import Membership, MembershipFee, Organisation, Representative
from organisations.services.csv_import import organisation_import_csv
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

HEADER = "name_fi;name_sv;name_en;kind;business_id;register_number;municipality_code;fields;email;phone;website;is_public"
IMPORT_URL = reverse("admin:organisations_organisation_import")


def csv_file(*rows, header=HEADER, bom=True, delimiter=";"):
    text = "\n".join([header, *rows]) + "\n"
    if delimiter != ";":
        text = text.replace(";", delimiter)
    return io.BytesIO((("\ufeff" if bom else "") + text).encode("utf-8"))


# The Business IDs of the imported rows lie far beyond those OrganisationFactory hands out
# (business_id(n) of its n-th organisation), however many organisations the suite made.
def valid_rows():
    return [
        f"Porin Kuoro ry;Björneborgs kör rf;;association;{business_id(3_000_900)};123456;609;culture|leisure;kuoro@example.fi;02 123 4567;https://kuoro.example.fi;1",
        f"Rauman Seura ry;;;;{business_id(3_000_901).replace('-', ' ')};;684;;;;;0",
    ]


def import_(*rows, dry_run=False, **kwargs):
    return organisation_import_csv(file=csv_file(*rows, **kwargs), dry_run=dry_run)


def test_valid_file_is_imported():
    result = import_(*valid_rows())
    assert result.ok, result.errors
    assert result.imported == 2
    choir = Organisation.objects.get(business_id=business_id(3_000_900))
    assert choir.name_sv == "Björneborgs kör rf"
    assert choir.municipality.code == "609"
    assert set(choir.fields_of_activity.values_list("code", flat=True)) == {"culture", "leisure"}
    assert choir.is_public
    second = Organisation.objects.get(business_id=business_id(3_000_901))
    assert second.kind == Organisation.Kind.ASSOCIATION
    assert not second.is_public


@pytest.mark.parametrize("delimiter,bom", [(",", False), (";", False), (",", True)])
def test_comma_or_semicolon_with_or_without_bom(delimiter, bom):
    result = import_(
        *[row.replace(";", delimiter) for row in valid_rows()], delimiter=delimiter, bom=bom
    )
    assert result.ok, result.errors
    assert Organisation.objects.count() == 2


def test_dry_run_imports_nothing():
    result = import_(*valid_rows(), dry_run=True)
    assert result.ok and result.rows == 2 and result.imported == 0
    assert not Organisation.objects.exists()


def test_every_bad_row_is_reported_by_line_and_field_and_nothing_is_imported():
    existing = OrganisationFactory()
    rows = [
        *valid_rows(),  # lines 2 and 3 are fine
        "Väärä ry;;;association;1234567-8;;609;;;;;1",  # 4: invalid Business ID
        f"Kopio ry;;;association;{business_id(3_000_900)};;609;;;;;1",  # 5: duplicate of line 2
        f"Vanha ry;;;association;{existing.business_id};;609;;;;;1",  # 6: already registered
        f"Kunnaton ry;;;association;{business_id(3_000_902)};;999;;;;;1",  # 7: unknown municipality
        f"{'P' * 201};;;association;{business_id(3_000_903)};;609;;;;;1",  # 8: over-long name
        f"Outo ry;;;club;{business_id(3_000_904)};;609;nonsense;not-an-email;;;maybe",  # 9
        "Lyhyt ry;;;association",  # 10: too few columns
    ]
    result = import_(*rows)
    found = {(e.line, e.field) for e in result.errors}
    assert {
        (4, "business_id"),
        (5, "business_id"),
        (6, "business_id"),
        (7, "municipality_code"),
        (8, "name_fi"),
        (9, "kind"),
        (9, "fields"),
        (9, "email"),
        (9, "is_public"),
        (10, "file"),
    } <= found
    assert not {line for line, _ in found} & {2, 3}
    messages = {(e.line, e.field): e.message for e in result.errors}
    assert "rivillä 2" in messages[(5, "business_id")]
    assert "999" in messages[(7, "municipality_code")]
    assert "200" in messages[(8, "name_fi")]
    assert Organisation.objects.count() == 1  # only the one that was there


def test_missing_columns_and_bad_encoding():
    result = import_("A ry;1", header="name_fi;kind")
    assert {e.field for e in result.errors if e.line == 1} >= {"business_id", "municipality_code"}
    latin1 = organisation_import_csv(
        file=io.BytesIO((HEADER + "\nÄänekosken ry;;;;;;;;;;;1\n").encode("latin-1"))
    )
    assert not latin1.ok and latin1.errors[0].field == "file"
    assert not Organisation.objects.exists()


def test_import_is_for_staff_only():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        organisation_import_csv(file=csv_file(*valid_rows()), actor=UserFactory())


# The admin page ---------------------------------------------------------------------------


def upload(*rows):
    return SimpleUploadedFile("org.csv", csv_file(*rows).getvalue(), content_type="text/csv")


def test_changelist_links_to_the_import(client):
    client.force_login(StaffFactory())
    html = client.get(reverse("admin:organisations_organisation_changelist")).content.decode()
    assert IMPORT_URL in html


def test_admin_import_dry_run_then_real(client):
    client.force_login(StaffFactory())
    response = client.post(IMPORT_URL, {"file": upload(*valid_rows()), "dry_run": "on"})
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    response = client.post(IMPORT_URL, {"file": upload(*valid_rows())})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_admin_import_lists_the_problems(client):
    client.force_login(StaffFactory())
    response = client.post(
        IMPORT_URL, {"file": upload(valid_rows()[0], "Väärä ry;;;association;1234567-8;;609;;;;;1")}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1234567-8" in html
    assert html.count('class="import-error"') == 1
    assert not Organisation.objects.exists()


def test_admin_import_needs_staff(client):
    client.force_login(UserFactory())
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert not Organisation.objects.exists()


# The command ------------------------------------------------------------------------------


def test_import_command(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(*valid_rows()).getvalue())
    call_command("import_organisations", str(good), "--dry-run", stdout=io.StringIO())
    assert not Organisation.objects.exists()
    call_command("import_organisations", str(good), stdout=io.StringIO())
    assert Organisation.objects.count() == 2

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file("Väärä ry;;;association;1234567-8;;609;;;;;1").getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(bad), stderr=err)
    assert "line 2, business_id" in err.getvalue()
    assert Organisation.objects.count() == 2


# Admin actions ----------------------------------------------------------------------------


def action(client, model, name, ids, **extra):
    return client.post(
        reverse(f"admin:organisations_{model}_changelist"),
        {"action": name, "_selected_action": [str(i) for i in ids], **extra},
    )


def test_admin_approves_and_declines_applications(client):
    staff = StaffFactory()
    client.force_login(staff)
    first = MembershipFactory(status="applied", member_since=None)
    second = MembershipFactory(status="applied", member_since=None)
    assert action(client, "membership", "approve", [first.pk]).status_code == 302
    first.refresh_from_db()
    assert first.status == "active" and first.member_since and first.decided_by == staff

    # Declining first asks for the reason…
    page = action(client, "membership", "decline", [second.pk])
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    second.refresh_from_db()
    assert second.status == "applied"
    # …and a blank one is not accepted.
    again = action(client, "membership", "decline", [second.pk], apply="1", reason=" ")
    assert again.status_code == 200
    second.refresh_from_db()
    assert second.status == "applied"
    done = action(client, "membership", "decline", [second.pk], apply="1", reason="Ei sovi.")
    assert done.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.decline_reason) == ("declined", "Ei sovi.")


def test_admin_representative_actions_and_fee_paid(client):
    client.force_login(StaffFactory())
    request = RepresentativeFactory(status="requested")
    action(client, "representative", "approve", [request.pk])
    request.refresh_from_db()
    assert request.status == Representative.Status.APPROVED

    fee = MembershipFeeFactory()
    action(client, "membershipfee", "mark_paid", [fee.pk])
    fee.refresh_from_db()
    assert fee.paid_on is not None


def test_admin_adds_a_fee_with_a_reference_number(client):
    client.force_login(StaffFactory())
    membership = MembershipFactory()
    url = reverse("admin:organisations_membershipfee_add")
    data = {"membership": membership.pk, "year": 2026, "amount": "40.00", "due_date": "2026-03-31"}
    assert client.post(url, data).status_code == 302
    fee = MembershipFee.objects.get()
    assert fee.reference_number.startswith(f"2026{membership.pk:06d}")
    # The same year twice is shown as an error, not a crash.
    response = client.post(url, data)
    assert response.status_code == 200
    assert MembershipFee.objects.count() == 1
    assert Membership.objects.count() == 1


def test_admin_ends_a_membership(client):
    client.force_login(StaffFactory())
    membership = MembershipFactory()
    assert action(client, "membership", "end", [membership.pk]).status_code == 302
    membership.refresh_from_db()
    assert membership.status == "ended" and membership.ended_on is not None
