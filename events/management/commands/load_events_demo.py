"""Demo events for local use: about forty events of Satakunta associations over the
coming months, at places around the region, online and in the rooms of Me-talo (booked
through the booking rules), with a weekly open café series, some waiting for moderation,
one returned with a comment, one cancelled and one postponed.

Run after load_demo_data and load_facilities_demo (`make run` does all three). Safe to
run again: keywords and places are matched by code and name, and events are added only
when no demo event is coming up, so a second run creates nothing and a run months later
fills the calendar again. Refuses to run when DEBUG is off."""

from datetime import time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import services
from events.models import Event, Keyword, Place
from events.services import EventInput
from facilities.models import Room
from organisations.errors import RegisterError
from organisations.management.commands.load_demo_data import (
    HARJAVALTA,
    KANKAANPAA,
    PORI,
    PORI_REPRESENTATIVE,
    RAUMA,
    STAFF_EMAIL,
    STAFF_GROUP,
    ULVILA,
)
from organisations.models import Municipality, Organisation
from yhteisokeskus import clock

KEYWORDS = {
    "musiikki": ("Musiikki", "Musik", "Music"),
    "liikunta": ("Liikunta", "Motion", "Exercise"),
    "kulttuuri": ("Kulttuuri", "Kultur", "Culture"),
    "vertaistuki": ("Vertaistuki", "Kamratstöd", "Peer support"),
    "yhdistystoiminta": ("Yhdistystoiminta", "Föreningsverksamhet", "Associations"),
    "luonto": ("Luonto", "Natur", "Nature"),
    "taide": ("Taide", "Konst", "Art"),
    "koulutus": ("Koulutus", "Utbildning", "Training"),
    "vapaaehtoistyo": ("Vapaaehtoistyö", "Frivilligarbete", "Volunteering"),
    "kirjallisuus": ("Kirjallisuus", "Litteratur", "Literature"),
    "ruoka": ("Ruoka", "Mat", "Food"),
    "terveys": ("Terveys", "Hälsa", "Health"),
}

# name_fi, street address, postal code, post office, municipality
PLACES = {
    "kirjasto": ("Porin pääkirjasto", "Gallen-Kallelan katu 12", "28100", "Pori", PORI),
    "promenadi": ("Porin Promenadikeskus", "Yrjönkatu 14", "28100", "Pori", PORI),
    "yyteri": ("Yyterin hiekkaranta", "Yyterinsantojentie", "28840", "Pori", PORI),
    "rauma": ("Rauman kaupunginkirjasto", "Alfredinkatu 2", "26100", "Rauma", RAUMA),
    "vanharauma": ("Vanhan Rauman tori", "Kauppakatu", "26100", "Rauma", RAUMA),
    "ulvila": ("Ulvilan kirjasto", "Kauppatie 13", "28400", "Ulvila", ULVILA),
    "harjavalta": ("Harjavallan kulttuuritalo", "Myllykatu 2", "29200", "Harjavalta", HARJAVALTA),
    "kankaanpaa": (
        "Kankaanpään kaupunginkirjasto",
        "Keskuskatu 37",
        "38700",
        "Kankaanpää",
        KANKAANPAA,
    ),
}

# (days from today, start, end or None, name fi, [sv, en], organisation, where, kind,
#  keywords, audiences, extras)
EVENTS = [
    (
        3,
        time(18),
        time(20),
        "Kuoron joulukonsertti",
        ("Körens julkonsert", "Choir Christmas concert"),
        "Porin Kuoroyhdistys ry",
        "promenadi",
        "general",
        ["musiikki"],
        ["everyone"],
        {
            "is_free": False,
            "price": "15 € / 10 €",
            "induction_loop": True,
            "wheelchair_accessible": True,
            "languages": ["fi", "sv"],
        },
    ),
    (
        5,
        time(19),
        time(22),
        "Jazz-ilta Promenadissa",
        ("Jazzkväll", "Jazz evening"),
        "Porin Jazzin Ystävät ry",
        "promenadi",
        "general",
        ["musiikki", "kulttuuri"],
        ["adults"],
        {"is_free": False, "price": "12 €"},
    ),
    (
        6,
        time(10),
        time(14),
        "Marttojen joulumyyjäiset",
        None,
        "Porin Martat ry",
        "kirjasto",
        "general",
        ["ruoka"],
        ["everyone", "families"],
        {},
    ),
    (
        8,
        time(17),
        time(19),
        "Omaishoitajien vertaisryhmä",
        ("Kamratgrupp för närståendevårdare", "Peer group for family carers"),
        "Porin Omaishoitajat ry",
        "room",
        "meeting_place",
        ["vertaistuki"],
        ["adults", "older_people"],
        {"wheelchair_accessible": True},
    ),
    (
        9,
        time(13),
        time(15),
        "Selkokielinen lukupiiri",
        ("Lättläst läscirkel", "Easy-to-read book circle"),
        "Porin Seudun Näkövammaiset ry",
        "kirjasto",
        "meeting_place",
        ["kirjallisuus"],
        ["adults", "immigrants"],
        {"plain_language": True, "induction_loop": True},
    ),
    (
        10,
        time(18),
        time(19, 30),
        "Yhdistyksen talous haltuun -verkkokoulutus",
        ("Webbutbildning: föreningens ekonomi", "Online training: association finances"),
        "Porin Seudun Yrittäjät ry",
        "online",
        "course",
        ["koulutus", "yhdistystoiminta"],
        ["associations"],
        {"registration_url": "https://ilmoittaudu.example.fi/talous"},
    ),
    (
        12,
        time(11),
        time(13),
        "Talviuinti tutuksi Yyterissä",
        None,
        "Porin Ladun Hiihtäjät ry",
        "yyteri",
        "general",
        ["liikunta", "luonto"],
        ["adults"],
        {},
    ),
    (
        13,
        time(14),
        time(16),
        "Partiolaisten perhepäivä",
        ("Scouternas familjedag", "Scouts' family day"),
        "Porin Partiolaiset ry",
        "yyteri",
        "general",
        ["luonto", "liikunta"],
        ["children", "families"],
        {},
    ),
    (
        15,
        time(18),
        time(20),
        "Shakkiturnaus kaikille",
        None,
        "Porin Shakkikerho ry",
        "room",
        "general",
        ["yhdistystoiminta"],
        ["everyone", "youth"],
        {},
    ),
    (
        16,
        time(17),
        time(18, 30),
        "Suomen kielen keskusteluryhmä",
        ("Samtalsgrupp i finska", "Finnish conversation group"),
        "Satakunnan Maahanmuuttajien Tuki ry",
        "kirjasto",
        "meeting_place",
        ["koulutus"],
        ["immigrants"],
        {"plain_language": True, "languages": ["fi", "en", "ar", "uk"]},
    ),
    (
        19,
        time(12),
        time(15),
        "Rauman pitsinnypläystyöpaja",
        ("Knyppling i Raumo", "Rauma bobbin lace workshop"),
        "Rauman Pitsiyhdistys ry",
        "rauma",
        "course",
        ["taide", "kulttuuri"],
        ["adults", "older_people"],
        {"is_free": False, "price": "5 € materiaalimaksu"},
    ),
    (
        20,
        time(10),
        time(12),
        "Eläkeläisten kuntojumppa",
        None,
        "Rauman Eläkkeensaajat ry",
        "rauma",
        "general",
        ["liikunta", "terveys"],
        ["older_people"],
        {},
    ),
    (
        22,
        time(18),
        time(20),
        "Vapaaehtoiseksi ystävätoimintaan – infoilta",
        ("Bli vänfrivillig – infokväll", "Become a volunteer friend – info evening"),
        "Porin Seudun Mielenterveysyhdistys ry",
        "online",
        "volunteering",
        ["vapaaehtoistyo", "vertaistuki"],
        ["adults"],
        {},
    ),
    (
        24,
        time(13),
        time(16),
        "Ulvilan 4H:n askartelupaja",
        None,
        "Ulvilan 4H-yhdistys ry",
        "ulvila",
        "course",
        ["taide"],
        ["children", "families"],
        {},
    ),
    (
        27,
        None,
        None,
        "Kankaanpään taideyhdistyksen talvinäyttely",
        ("Vinterutställning", "Winter exhibition"),
        "Kankaanpään Taideyhdistys ry",
        "kankaanpaa",
        "general",
        ["taide", "kulttuuri"],
        ["everyone"],
        {"days": 14, "wheelchair_accessible": True},
    ),
    (
        29,
        time(18),
        time(21),
        "Teatteri-ilta: Nummisuutarit",
        None,
        "Porin Teatteriyhdistys ry",
        "promenadi",
        "general",
        ["kulttuuri"],
        ["adults", "youth"],
        {"is_free": False, "price": "20 €", "sign_language": True},
    ),
    (
        31,
        time(17),
        time(19),
        "Muistikahvila",
        ("Minneskafé", "Memory café"),
        "Kankaanpään Seudun Muistiyhdistys ry",
        "kankaanpaa",
        "meeting_place",
        ["vertaistuki", "terveys"],
        ["older_people", "families"],
        {},
    ),
    (
        34,
        time(10),
        time(14),
        "Harjavallan kulttuuripäivä",
        None,
        "Harjavallan Kulttuuriyhdistys ry",
        "harjavalta",
        "general",
        ["kulttuuri", "musiikki"],
        ["everyone"],
        {},
    ),
    (
        36,
        time(18),
        time(20),
        "Kotiseutuilta: Vanhan Porin tarinoita",
        None,
        "Porin Vanhan Kaupungin Kotiseutuyhdistys ry",
        "kirjasto",
        "general",
        ["kulttuuri"],
        ["adults", "older_people"],
        {},
    ),
    (
        38,
        time(17),
        time(19),
        "Nuorten pelimaailma-ilta",
        ("Spelkväll för unga", "Games night for young people"),
        "Porin Helluntaiseurakunnan Nuoret ry",
        "room",
        "meeting_place",
        ["yhdistystoiminta"],
        ["youth"],
        {},
    ),
    (
        41,
        time(9),
        time(15),
        "Yhdistysten vapaaehtoistalkoot Vanhassa Raumassa",
        None,
        "Rauman Nuorisoseura ry",
        "vanharauma",
        "volunteering",
        ["vapaaehtoistyo"],
        ["everyone"],
        {},
    ),
    (
        44,
        time(18),
        time(19, 30),
        "Syöpäyhdistyksen luentoilta: liikunta ja hyvinvointi",
        None,
        "Porin Seudun Syöpäyhdistys ry",
        "kirjasto",
        "general",
        ["terveys", "liikunta"],
        ["adults"],
        {"induction_loop": True},
    ),
    (
        48,
        time(12),
        time(14),
        "Kotiseutumuseon opastettu kierros",
        None,
        "Ulvilan Kotiseutuyhdistys ry",
        "ulvila",
        "general",
        ["kulttuuri"],
        ["everyone"],
        {},
    ),
    (
        52,
        time(18),
        time(20),
        "Hallitustyöskentelyn perusteet",
        ("Grunderna i styrelsearbete", "Board work basics"),
        "Porin Seudun Yrittäjät ry",
        "online",
        "course",
        ["koulutus", "yhdistystoiminta"],
        ["associations"],
        {"registration_url": "https://ilmoittaudu.example.fi/hallitus"},
    ),
    (
        58,
        time(19),
        time(21),
        "Kevään jazzklubi",
        None,
        "Porin Jazzin Ystävät ry",
        "promenadi",
        "general",
        ["musiikki"],
        ["adults"],
        {"is_free": False, "price": "10 €"},
    ),
    (
        65,
        time(10),
        time(13),
        "Luontoretki Yyterin dyyneille",
        ("Naturutflykt till Yyteri", "Nature walk in the Yyteri dunes"),
        "Porin Partiolaiset ry",
        "yyteri",
        "general",
        ["luonto"],
        ["families", "children"],
        {},
    ),
    (
        72,
        time(17),
        time(20),
        "Lukijoiden kirjailijavierailu",
        None,
        "Rauman Lukijat ry",
        "rauma",
        "general",
        ["kirjallisuus"],
        ["adults"],
        {},
    ),
    (
        80,
        time(10),
        time(16),
        "Kevätmarkkinat",
        ("Vårmarknad", "Spring market"),
        "Porin Martat ry",
        "kirjasto",
        "general",
        ["ruoka"],
        ["everyone"],
        {},
    ),
]
SERIES = ("Avoin olohuone-kahvila", ("Öppet vardagsrumskafé", "Open living-room café"))
SUBMITTED = [
    (18, time(18), time(20), "Mielenterveysviikon avoimet ovet", PORI_REPRESENTATIVE),
    (26, time(13), time(15), "Vertaisryhmän kevätkauden aloitus", PORI_REPRESENTATIVE),
]
RETURNED = (33, time(17), time(19), "Kevään virkistysilta", "Lisää tapahtumaan hinta ja kuvaus.")
MARKED = [("Teatteri-ilta: Nummisuutarit", "cancelled"), ("Kevään jazzklubi", "postponed")]
DEMO_NAMES = {e[3] for e in EVENTS} | {SERIES[0]} | {e[3] for e in SUBMITTED} | {RETURNED[3]}


class Command(BaseCommand):
    help = "Load about forty demo events over the coming months. Idempotent; DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo events are for local use only: DEBUG is off.")
        User = get_user_model()
        staff = User.objects.filter(email__iexact=STAFF_EMAIL).first()
        if staff is None:
            raise CommandError("Demo accounts are missing: run load_demo_data first.")
        group = Group.objects.filter(name=STAFF_GROUP).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="events"))
        with transaction.atomic():
            keywords = self._keywords()
            places = self._places()
            if Event.objects.filter(name_fi__in=DEMO_NAMES, end__gt=clock.now()).exists():
                self.stdout.write("Demo events are already coming up; nothing added.")
                return
            count = self._events(staff, keywords, places)
        self.stdout.write(self.style.SUCCESS(f"Demo events ready: {count} events."))

    def _keywords(self):
        keywords = {}
        for code, (fi, sv, en) in KEYWORDS.items():
            keywords[code], _ = Keyword.objects.get_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
            )
        return keywords

    def _places(self):
        places = {}
        for key, (name, street, postal, town, code) in PLACES.items():
            place = Place.objects.filter(name_fi=name, source_key="").first()
            if place is None:
                place = Place.objects.create(
                    name_fi=name,
                    street_address=street,
                    postal_code=postal,
                    post_office=town,
                    municipality=Municipality.objects.get(code=code),
                )
            places[key] = place
        return places

    def _organisation(self, name):
        return Organisation.objects.filter(name_fi=name).first() or Organisation.objects.get(
            name_fi="Porin Seudun Mielenterveysyhdistys ry"
        )

    def _input(self, day, start, end, names, where, kind, keywords, audiences, extras, places):
        extras = dict(extras)
        days = extras.pop("days", 0)
        location = {"place": places.get(where)}
        if where == "online":
            location = {"location_kind": "online", "online_url": "https://meet.example.fi/" + kind}
        elif where == "room":
            room = Room.objects.filter(name_fi="Olohuone-kahvila").first()
            location = (
                {"location_kind": "room", "room": room, "expected_attendees": 15}
                if room
                else {"place": places["promenadi"]}
            )
        fi, translations = names
        name = {"fi": fi}
        if translations:
            name.update(sv=translations[0], en=translations[1])
        return EventInput(
            name=name,
            short_description={"fi": f"{fi} – tervetuloa mukaan!"},
            description={
                "fi": f"{fi}. Tapahtuma on avoin kaikille, jotka ovat kiinnostuneita aiheesta. "
                "Lisätietoja järjestäjältä."
            },
            start_date=day,
            start_time=start,
            end_time=end,
            end_date=day + timedelta(days=days) if days else None,
            kind=kind,
            keywords=keywords,
            audiences=audiences,
            languages=extras.pop("languages", ["fi"]),
            **location,
            **extras,
        )

    def _events(self, staff, keywords, places):
        today = clock.today()
        count = 0

        def save(actor, organisation, data, submit=True):
            nonlocal count
            try:
                event = services.event_save(
                    actor=actor, organisation=organisation, data=data, submit=submit
                )
            except RegisterError as error:  # e.g. a demo room booking that collides
                self.stdout.write(f"Skipped {data.name['fi']}: {' '.join(error.messages)}")
                return None
            count += 1
            return event

        for (
            offset,
            start,
            end,
            fi,
            translations,
            org,
            where,
            kind,
            kws,
            audiences,
            extras,
        ) in EVENTS:
            data = self._input(
                today + timedelta(days=offset),
                start,
                end,
                (fi, translations),
                where,
                kind,
                [keywords[k] for k in kws],
                audiences,
                extras,
                places,
            )
            if where == "room":
                # Rooms are open on weekdays: move to the next Tuesday.
                data.start_date += timedelta(days=(1 - data.start_date.weekday()) % 7)
            save(staff, self._organisation(org), data)
        # A weekly open café series: a parent with eight dated sub-events.
        organisation = self._organisation("Porin Kaupunginosayhdistys Itätuuli ry")
        first = today + timedelta(days=(2 - today.weekday()) % 7 + 7)
        series_data = self._input(
            first,
            None,
            None,
            (SERIES[0], SERIES[1]),
            "promenadi",
            "meeting_place",
            [keywords["vertaistuki"]],
            ["everyone"],
            {"days": 49},
            places,
        )
        parent = save(staff, organisation, series_data)
        for week in range(8):
            sub = self._input(
                first + timedelta(weeks=week),
                time(13),
                time(15),
                (SERIES[0], SERIES[1]),
                "promenadi",
                "meeting_place",
                [keywords["vertaistuki"]],
                ["everyone"],
                {},
                places,
            )
            sub.super_event = parent
            save(staff, organisation, sub)
        # Waiting for moderation, and one returned with a comment.
        representative = get_user_model().objects.filter(email__iexact=PORI_REPRESENTATIVE).first()
        pori = Organisation.objects.get(name_fi="Porin Seudun Mielenterveysyhdistys ry")
        if representative is not None:
            for offset, start, end, fi, _email in SUBMITTED:
                data = self._input(
                    today + timedelta(days=offset),
                    start,
                    end,
                    (fi, None),
                    "kirjasto",
                    "general",
                    [keywords["vertaistuki"]],
                    ["adults"],
                    {},
                    places,
                )
                save(representative, pori, data)
            offset, start, end, fi, comment = RETURNED
            data = self._input(
                today + timedelta(days=offset),
                start,
                end,
                (fi, None),
                "kirjasto",
                "general",
                [],
                ["adults"],
                {},
                places,
            )
            returned = save(representative, pori, data)
            if returned is not None:
                services.event_return(actor=staff, event=returned, comment=comment)
        for name, status in MARKED:
            Event.objects.filter(name_fi=name, end__gt=clock.now()).update(status=status)
        return count
