"""Organisations, their accounts and memberships for the bench data.

Generated accounts and organisations are marked by the email domain (DOMAIN); Business
IDs come from a range of their own (5900000-x upwards), above the demo data's."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from bench.data import organisations as parts
from bench.data.people import FIRST_NAMES, LAST_NAMES, email_local
from bench.db import Copier, reserve_ids
from events.models import TrustedOrganiser
from organisations.models import (
    FieldOfActivity,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Representative,
)
from organisations.validators import make_reference_number

DOMAIN = "bench.example.fi"
STAFF_EMAIL = f"henkilokunta@{DOMAIN}"
PASSWORD = "bench-salasana-2026"


@dataclass
class People:
    """What the later steps need: ids, and who represents which organisation."""

    staff_id: int
    organisations: list = field(default_factory=list)  # (id, name, municipality_id)
    representatives: dict = field(default_factory=dict)  # organisation id -> [user ids]
    members: set = field(default_factory=set)  # organisation ids with an active membership
    users: list = field(default_factory=list)  # (id, name, email)
    municipalities: list = field(default_factory=list)  # Municipality rows
    counts: dict = field(default_factory=dict)


def business_id(n: int) -> str:
    base = 5900000 + 2 * n
    while True:
        digits = f"{base:07d}"
        r = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            return f"{digits}-{0 if r == 0 else 11 - r}"
        base += 1


def _names(rng, municipalities, count):
    """Distinct (Finnish name, Swedish name or None, field codes, municipality)."""
    weights = [parts.BIG_TOWNS.get(m.code, 1) for m in municipalities]
    seen, names = set(), []
    while len(names) < count:
        m = rng.choices(municipalities, weights)[0]
        if rng.random() < 0.2:
            own = rng.choice(parts.OWN_NAMES)
            kind, fields = rng.choice(parts.OWN_KINDS)
            fi, sv = f"{kind} {own} ry", None
        else:
            activity, activity_sv, fields = rng.choice(parts.ACTIVITIES)
            fi = f"{parts.genitive(m.name_fi)} {activity}"
            sv = None
            if m.language_status in (2, 3) or (m.language_status == 1 and rng.random() < 0.3):
                sv = f"{parts.swedish_genitive(m.name_sv or m.name_fi)} {activity_sv}"
                if m.language_status in (2, 3):
                    fi, sv = sv, sv
        if fi in seen:
            if len(seen) > count * 20:
                fi = f"{fi[:-3]} {len(names)} ry"
            else:
                continue
        seen.add(fi)
        names.append((fi, sv, fields, m))
    return names


def generate(rng: random.Random, *, count: int, now, today) -> People:
    User = get_user_model()
    municipalities = list(Municipality.objects.order_by("code"))
    fields = {f.code: f.pk for f in FieldOfActivity.objects.all()}
    password = make_password(PASSWORD)

    users = Copier(User, now=now)
    emails = Copier(EmailAddress, now=now)
    staff_id = reserve_ids(User, 1)[0]
    users.add(
        id=staff_id,
        username=STAFF_EMAIL,
        email=STAFF_EMAIL,
        first_name="Sanna",
        last_name="Henkilökunta",
        password=password,
        is_staff=True,
        is_superuser=True,
        is_active=True,
        date_joined=now - datetime.timedelta(days=2000),
    )
    emails.add(user_id=staff_id, email=STAFF_EMAIL, verified=True, primary=True)
    people = People(staff_id=staff_id, municipalities=municipalities)

    orgs = Copier(Organisation, now=now)
    org_fields = Copier(Organisation.fields_of_activity.through, now=now)
    names = _names(rng, municipalities, count)
    org_ids = reserve_ids(Organisation, count)
    for n, (org_id, (fi, sv, codes, m)) in enumerate(zip(org_ids, names, strict=True)):
        kind = Organisation.Kind.ASSOCIATION
        if rng.random() < 0.04:
            kind = rng.choice(["company", "educational_institution", "public_body", "other"])
        created = now - datetime.timedelta(days=rng.randrange(30, 3000))
        slug = email_local("yhdistys", str(n + 1))
        orgs.add(
            id=org_id,
            kind=kind,
            name=fi,
            name_fi=fi,
            name_sv=sv,
            description=f"{fi}: toimintaa ja tapahtumia jäsenille ja kaikille kiinnostuneille.",
            description_fi=f"{fi}: toimintaa ja tapahtumia jäsenille ja kaikille kiinnostuneille.",
            business_id=business_id(n) if rng.random() < 0.85 else None,
            register_number=str(100000 + 7 * n) if kind == "association" else "",
            municipality_id=m.pk,
            email=f"{slug}@{DOMAIN}",
            phone=f"0{rng.randrange(2, 9)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
            website=f"https://{slug.replace('.', '')}.{DOMAIN}/" if rng.random() < 0.4 else "",
            street_address=f"{rng.choice(['Kauppa', 'Koulu', 'Kirkko', 'Asema'])}katu {n % 60 + 1}",
            postal_code=f"{rng.randrange(100, 99999):05d}",
            post_office=m.name_fi,
            is_public=rng.random() < 0.92,
            status="dissolved" if rng.random() < 0.03 else "active",
            created_at=created,
            updated_at=created,
        )
        for code in codes:
            org_fields.add(organisation_id=org_id, fieldofactivity_id=fields[code])
        people.organisations.append((org_id, fi, m.pk))

    reps = Copier(Representative, now=now)
    user_count = 0
    user_ids = reserve_ids(User, 2 * count)[::-1]
    for org_id, _name, _m in people.organisations:
        if rng.random() > 0.65:
            continue
        for role in ["admin"] + (["member"] if rng.random() < 0.25 else []):
            user_count += 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{email_local(first, last)}.{user_count}@{DOMAIN}"
            user_id = user_ids.pop()
            joined = now - datetime.timedelta(days=rng.randrange(10, 1800))
            users.add(
                id=user_id,
                username=email,
                email=email,
                first_name=first,
                last_name=last,
                password=password,
                is_active=True,
                date_joined=joined,
                last_login=joined if rng.random() < 0.7 else None,
            )
            emails.add(user_id=user_id, email=email, verified=True, primary=True)
            approved = role == "admin" or rng.random() < 0.85
            reps.add(
                user_id=user_id,
                organisation_id=org_id,
                role=role,
                status="approved" if approved else "requested",
                requested_at=joined,
                decided_by_id=staff_id if approved else None,
                decided_at=joined + datetime.timedelta(days=2) if approved else None,
            )
            if approved:
                people.representatives.setdefault(org_id, []).append(user_id)
            people.users.append((user_id, f"{first} {last}", email))

    membership_counts = _memberships(rng, people, now=now, today=today)
    trusted = Copier(TrustedOrganiser, now=now)
    for org_id in sorted(people.representatives):
        if rng.random() < 0.1:
            trusted.add(organisation_id=org_id, trusted_by_id=staff_id, trusted_at=now)
    people.counts = {
        "users": users.write(),
        "organisations": orgs.write(),
        "fields of activity (links)": org_fields.write(),
        "representatives": reps.write(),
    }
    emails.write()
    trusted.write()
    people.counts.update(membership_counts)
    return people


def _memberships(rng, people, *, now, today):
    memberships = Copier(Membership, now=now)
    fees = Copier(MembershipFee, now=now)
    membership_ids = reserve_ids(Membership, len(people.organisations))[::-1]
    for org_id, _name, _m in people.organisations:
        draw = rng.random()
        if draw > 0.9:
            continue
        since = today - datetime.timedelta(days=rng.randrange(60, 3650))
        applied_at = now - datetime.timedelta(days=(today - since).days + rng.randrange(7, 40))
        row = {"organisation_id": org_id, "applied_at": applied_at, "applied_by_id": None}
        if draw < 0.72:
            membership_id = membership_ids.pop()
            memberships.add(
                id=membership_id,
                status="active",
                member_since=since,
                decided_by_id=people.staff_id,
                decided_at=applied_at + datetime.timedelta(days=5),
                **row,
            )
            people.members.add(org_id)
            amount = Decimal("60.00") if rng.random() < 0.3 else Decimal("30.00")
            for year in range(max(since.year, today.year - 2), today.year + 1):
                due = datetime.date(year, 3, 31)
                paid = year < today.year or rng.random() < 0.6
                fees.add(
                    membership_id=membership_id,
                    year=year,
                    amount=amount,
                    due_date=due,
                    paid_on=min(due - datetime.timedelta(days=rng.randrange(0, 40)), today)
                    if paid
                    else None,
                    reference_number=make_reference_number(f"{year:04d}{membership_id:06d}"),
                )
        elif draw < 0.78:
            memberships.add(
                status="applied",
                application_text="Haluamme mukaan yhteisökeskuksen toimintaan ja tilojen käyttäjiksi.",
                **{**row, "applied_at": now - datetime.timedelta(days=rng.randrange(1, 30))},
            )
        elif draw < 0.87:
            ended = min(since + datetime.timedelta(days=rng.randrange(300, 2000)), today)
            memberships.add(
                status="ended",
                member_since=since,
                ended_on=ended,
                decided_by_id=people.staff_id,
                **row,
            )
        else:
            memberships.add(
                status="declined",
                decline_reason="Toiminta ei vastaa yhteisökeskuksen jäsenyyden ehtoja.",
                decided_by_id=people.staff_id,
                decided_at=applied_at + datetime.timedelta(days=10),
                **row,
            )
    return {"memberships": memberships.write(), "membership fees": fees.write()}
