"""Demo data of the partnership network for `make run` (called by load_demo_data):
partners of the centre (the wellbeing services county, a city, a university of applied
sciences), their contact persons, a few partnerships (one ending soon, so that the
reminder shows), and a cooperation group with a past and an upcoming meeting. Matched
by name or title, so running it again changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core import clock

from .models import (
    Attendance,
    ContactPerson,
    CooperationGroup,
    FieldOfActivity,
    GroupMember,
    Meeting,
    Municipality,
    Organisation,
    Partnership,
    Representative,
)

PARTNERS = [
    ("Satakunnan hyvinvointialue", Organisation.Kind.WELLBEING_COUNTY, "609"),
    ("Porin kaupunki", Organisation.Kind.MUNICIPALITY, "609"),
    ("Satakunnan ammattikorkeakoulu", Organisation.Kind.EDUCATIONAL_INSTITUTION, "609"),
]

# (partner, name, title, service area, email)
CONTACTS = [
    (
        "Satakunnan hyvinvointialue",
        "Maija Mäkelä",
        "Järjestöyhdyshenkilö",
        "Porin seudun palvelualue",
        "maija.makela@hyvinvointialue.example",
    ),
    (
        "Satakunnan hyvinvointialue",
        "Lasse Laine",
        "Järjestöyhdyshenkilö",
        "Rauman seudun palvelualue",
        "lasse.laine@hyvinvointialue.example",
    ),
    ("Porin kaupunki", "Outi Ojala", "Järjestökoordinaattori", "", "outi.ojala@pori.example"),
    (
        "Satakunnan ammattikorkeakoulu",
        "Teemu Toivonen",
        "Lehtori, sosiaaliala",
        "",
        "teemu.toivonen@samk.example",
    ),
]

GROUP_NAME = "Satakunnan yhdistysten yhteistyöryhmä"
GROUP_MEMBERS = [
    "Porin Seudun Mielenterveysyhdistys ry",
    "Rauman Eläkkeensaajat ry",
    "Ulvilan 4H-yhdistys ry",
]


def _working_day(day):
    """``day``, or the next day after it that is neither a weekend nor a Finnish public
    holiday or its eve: a demo meeting is never held on Christmas Day."""
    import holidays

    while True:
        closed = holidays.Finland(years=day.year, language="fi")
        if day.weekday() < 5 and day not in closed:
            return day
        day += timedelta(days=1)


def _local(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_default_timezone())


def load(*, staff, organisations: dict, business_id) -> dict:
    """``business_id(n)`` gives the n-th demo Y-tunnus (the loader's own numbering)."""
    today = clock.today()
    other = FieldOfActivity.objects.filter(code="other").first()
    partners = {}
    for n, (name, kind, code) in enumerate(PARTNERS):
        partners[name], created = Organisation.objects.get_or_create(
            name_fi=name,
            kind=kind,
            defaults={
                "municipality": Municipality.objects.get(code=code),
                "business_id": business_id(900 + n),
                "is_public": True,
            },
        )
        if created and other:
            partners[name].fields_of_activity.add(other)
    contacts = {}
    for partner, name, title, area, email in CONTACTS:
        contacts[name], _ = ContactPerson.objects.get_or_create(
            organisation=partners[partner],
            name=name,
            defaults={
                "title": title,
                "service_area": area,
                "email": email,
                "phone": "044 000 0000",
                "legal_basis": ContactPerson.LegalBasis.PUBLIC_TASK,
            },
        )
    specs = [
        (
            "Satakunnan hyvinvointialue",
            Partnership.Kind.SERVICE_COOPERATION,
            "Järjestöyhteistyön palvelusopimus",
            today.replace(month=1, day=1) - timedelta(days=365),
            today + timedelta(days=45),  # within the reminder period
            ["Maija Mäkelä", "Lasse Laine"],
        ),
        (
            "Porin kaupunki",
            Partnership.Kind.FUNDING,
            "Yhteisökeskuksen toiminta-avustus",
            today.replace(month=1, day=1),
            today.replace(month=12, day=31),
            ["Outi Ojala"],
        ),
        (
            "Satakunnan ammattikorkeakoulu",
            Partnership.Kind.AGREEMENT,
            "Harjoittelu- ja opinnäytetyöyhteistyö",
            today.replace(month=1, day=1) - timedelta(days=730),
            None,
            ["Teemu Toivonen"],
        ),
    ]
    partnerships = []
    for partner, kind, title, starts_on, ends_on, people in specs:
        partnership, created = Partnership.objects.get_or_create(
            partner=partners[partner],
            title=title,
            defaults={
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "description": "Demoaineiston kumppanuus.",
            },
        )
        if created:
            partnership.partner_contacts.set([contacts[p] for p in people])
            partnership.staff_contacts.set([staff])
        partnerships.append(partnership)

    convener = organisations[GROUP_MEMBERS[0]]
    group, _ = CooperationGroup.objects.get_or_create(
        name_fi=GROUP_NAME,
        defaults={
            "name_sv": "Samarbetsgruppen för föreningarna i Satakunta",
            "name_en": "Satakunta association cooperation group",
            "description_fi": "Alueen yhdistysten ja yhteisökeskuksen yhteistyöryhmä, joka "
            "kokoontuu neljä kertaa vuodessa.",
            "convener": convener,
        },
    )
    for name in GROUP_MEMBERS:
        member, _ = GroupMember.objects.get_or_create(group=group, organisation=organisations[name])
        seats = Representative.objects.approved().filter(organisation=organisations[name])
        member.representatives.add(*seats)
    past_day = _working_day(today - timedelta(days=30))
    coming_day = _working_day(today + timedelta(days=21))
    past, created = Meeting.objects.get_or_create(
        group=group,
        title="Kevään kokous",
        defaults={
            "start": _local(past_day, 17),
            "end": _local(past_day, 19),
            "place": "Järjestötalo, Yrjönkatu 1, Pori",
            "agenda": "1. Kokouksen avaus\n2. Yhteisökeskuksen kuulumiset\n3. Muut asiat",
            "minutes": "Kokous avattiin klo 17.05. Päätettiin järjestää yhteinen "
            "järjestöpäivä syksyllä.",
            "created_by": staff,
        },
    )
    if created:
        for name in GROUP_MEMBERS[:2]:
            Attendance.objects.create(
                meeting=past, organisation=organisations[name], name=f"Edustaja, {name}"
            )
    Meeting.objects.get_or_create(
        group=group,
        title="Syksyn kokous",
        defaults={
            "start": _local(coming_day, 17),
            "end": _local(coming_day, 19),
            "place": "Järjestötalo, Yrjönkatu 1, Pori",
            "agenda": "1. Kokouksen avaus\n2. Järjestöpäivän suunnittelu\n3. Muut asiat",
            "created_by": staff,
        },
    )
    return {"partnerships": len(partnerships), "groups": 1}
