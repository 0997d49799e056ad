"""Demo data for local use: about 60 Satakunta associations with memberships and fees,
and four demo accounts. Safe to run again and again (everything is matched by Business
ID, email or year); refuses to run when DEBUG is off."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from organisations import demo_network, services
from organisations.demo_data import (
    APPLIED,
    ASSOCIATIONS,
    DEMO_PASSWORD,
    DISSOLVED,
    FEE_LARGE,
    FEE_SMALL,
    NONE,
    PERSON_EMAIL,
    PORI,
    PORI_REPRESENTATIVE,
    RAUMA_REPRESENTATIVE,
    STAFF_EMAIL,
    STAFF_GROUP,
    demo_business_id,
)
from organisations.models import (
    FieldOfActivity,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Representative,
)


class Command(BaseCommand):
    help = (
        "Load demo data for local use: about 60 Satakunta associations with memberships "
        "and fees, and these demo accounts, all with the password "
        f"{DEMO_PASSWORD!r} and a verified email: {STAFF_EMAIL} (staff), "
        f"{PORI_REPRESENTATIVE} (admin of Porin Seudun Mielenterveysyhdistys ry), "
        f"{RAUMA_REPRESENTATIVE} (admin of Rauman Eläkkeensaajat ry) and {PERSON_EMAIL} "
        "(a plain person). Idempotent. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo data and demo accounts are for local use only: DEBUG is off, so "
                "nothing was created."
            )
        if not Municipality.objects.filter(code=PORI).exists():
            raise CommandError("Municipalities are missing: run migrate first.")
        with transaction.atomic():
            staff = self._accounts()
            organisations = self._organisations(staff)
            self._representatives(organisations)
            demo_network.load(
                staff=staff, organisations=organisations, business_id=demo_business_id
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(organisations)} organisations, 4 demo accounts "
                f"(password {DEMO_PASSWORD})."
            )
        )

    # Accounts ---------------------------------------------------------------------------

    def _user(self, email, *, first_name, last_name, staff=False):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, first_name=first_name, last_name=last_name)
            if hasattr(user, "username"):
                user.username = email
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _accounts(self):
        staff = self._user(STAFF_EMAIL, first_name="Sanna", last_name="Henkilökunta", staff=True)
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="organisations"))
        staff.groups.add(group)
        self._user(PORI_REPRESENTATIVE, first_name="Pekka", last_name="Porilainen")
        self._user(RAUMA_REPRESENTATIVE, first_name="Riitta", last_name="Raumalainen")
        self._user(PERSON_EMAIL, first_name="Heli", last_name="Henkilö")
        return staff

    # Organisations ----------------------------------------------------------------------

    def _organisations(self, staff):
        today = clock.today()
        municipalities = {m.code: m for m in Municipality.objects.all()}
        fields = {f.code: f for f in FieldOfActivity.objects.all()}
        organisations = {}
        for n, (code, name, field_codes, description, state, extra) in enumerate(ASSOCIATIONS):
            business_id = demo_business_id(n)
            organisation = Organisation.objects.filter(business_id=business_id).first()
            if organisation is None:
                organisation = services.organisation_create(
                    name_fi=name,
                    description_fi=description,
                    business_id=business_id,
                    register_number=str(180000 + 37 * n),
                    municipality=municipalities[code],
                    fields_of_activity=[fields[c] for c in field_codes],
                    email=f"info{n + 1}@yhdistys.example.fi",
                    phone=f"02 {630 + n % 90:03d} {1000 + n:04d}",
                    is_public=True,
                    status=(
                        Organisation.Status.DISSOLVED
                        if state == DISSOLVED
                        else Organisation.Status.ACTIVE
                    ),
                    **extra,
                )
            organisations[name] = organisation
            self._membership(organisation, n, state, staff, today)
        return organisations

    def _membership(self, organisation, n, state, staff, today):
        if state == NONE or organisation.memberships.exists():
            return
        since = datetime.date(today.year - 1 - n % 6, 1 + n % 12, 1)
        if state == APPLIED:
            Membership.objects.create(
                organisation=organisation,
                status=Membership.Status.APPLIED,
                application_text="Haluamme mukaan yhteisökeskuksen toimintaan ja tilojen käyttäjiksi.",
            )
            return
        if state == DISSOLVED:
            Membership.objects.create(
                organisation=organisation,
                status=Membership.Status.ENDED,
                member_since=since,
                ended_on=datetime.date(today.year - 1, 12, 31),
                decided_by=staff,
            )
            return
        membership = Membership.objects.create(
            organisation=organisation,
            status=Membership.Status.ACTIVE,
            member_since=since,
            decided_by=staff,
        )
        amount = FEE_LARGE if n % 3 == 0 else FEE_SMALL
        for year in (today.year - 1, today.year):
            if (
                year < since.year
                or MembershipFee.objects.filter(membership=membership, year=year).exists()
            ):
                continue
            fee = services.membership_fee_create(
                membership=membership,
                year=year,
                amount=amount,
                due_date=datetime.date(year, 3, 31),
            )
            # Last year's fees are paid; this year's by about two in three.
            if year < today.year or n % 3 != 1:
                services.membership_fee_mark_paid(
                    fee=fee, paid_on=min(datetime.date(year, 3, 15), today)
                )

    def _representatives(self, organisations):
        User = get_user_model()
        for email, name in (
            (PORI_REPRESENTATIVE, "Porin Seudun Mielenterveysyhdistys ry"),
            (RAUMA_REPRESENTATIVE, "Rauman Eläkkeensaajat ry"),
        ):
            Representative.objects.update_or_create(
                user=User.objects.get(email__iexact=email),
                organisation=organisations[name],
                defaults={
                    "role": Representative.Role.ADMIN,
                    "status": Representative.Status.APPROVED,
                },
            )
