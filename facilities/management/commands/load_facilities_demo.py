"""Demo premises for local use: the Me-talo community house in Pori with opening hours,
rooms, office leases with keys and four weeks of bookings of the demo organisations.

Run after load_demo_data (`make run` does both). Safe to run again: the site and rooms
are matched by name, dated things are added only when none are coming up, so a second
run on the same day creates nothing and a run weeks later tops the calendar up. Bookings
are made through the booking services as the demo staff user (the hall request as a
representative), so every rule applies. Refuses to run when DEBUG is off."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from core import clock
from facilities import demo_meetings, demo_pictures, office_services, services
from facilities.availability import finnish_holidays, is_public_holiday, local_datetime
from facilities.errors import BookingError
from facilities.models import (
    Booking,
    BookingSeries,
    KeyHandover,
    OfficeLease,
    OpeningException,
    OpeningHours,
    Room,
    Site,
)
from organisations.demo_data import (
    PORI,
    PORI_REPRESENTATIVE,
    STAFF_EMAIL,
    STAFF_GROUP,
)
from organisations.models import Municipality, Organisation

SITE = {
    "name_fi": "Me-talo",
    "name_sv": "Me-huset",
    "name_en": "Me-talo community house",
    "description_fi": (
        "Satakuntalaisten yhdistysten yhteinen talo Porin keskustassa: kokoustiloja, sali, "
        "avoin kohtaamispaikka ja toimistotiloja yhdistyksille."
    ),
    "description_sv": (
        "Ett gemensamt hus för föreningar i Satakunta i centrala Björneborg: mötesrum, en "
        "sal, en öppen mötesplats och kontor för föreningar."
    ),
    "description_en": (
        "A shared house for Satakunta's associations in the centre of Pori: meeting "
        "rooms, a hall, an open meeting place and offices for associations."
    ),
    "accessibility_fi": (
        "Esteetön sisäänkäynti Yrjönkadun puolelta (automaattiovi). Hissi kaikkiin "
        "kerroksiin, esteetön WC ensimmäisessä ja toisessa kerroksessa, induktiosilmukka "
        "salissa. Kaksi invapysäköintipaikkaa sisäpihalla."
    ),
    "accessibility_sv": (
        "Tillgänglig ingång från Yrjögatan (automatisk dörr). Hiss till alla våningar, "
        "tillgänglig toalett på första och andra våningen, induktionsslinga i salen. Två "
        "parkeringsplatser för rörelsehindrade på innergården."
    ),
    "accessibility_en": (
        "Step-free entrance from Yrjönkatu (automatic door). A lift to every floor, "
        "accessible toilets on the first and second floors and an induction loop in the "
        "hall. Two accessible parking spaces in the courtyard."
    ),
    "street_address": "Yrjönkatu 12",
    "postal_code": "28100",
    "post_office": "Pori",
}

# weekday (0 = Monday), opens, closes; closed on Sundays and public holidays
OPENING_HOURS = [(day, time(8), time(20)) for day in range(4)] + [
    (4, time(8), time(16)),
    (5, time(10), time(14)),
]

STEP_FREE = {
    "accessibility_fi": "Katutasossa tai hissillä, leveä oviaukko, esteetön WC lähellä.",
    "accessibility_sv": "I gatuplan eller med hiss, bred dörröppning, tillgänglig toalett nära.",
    "accessibility_en": "At street level or by lift, a wide doorway, an accessible toilet nearby.",
}

# Matched by their Finnish name; the rest are the defaults of a new room.
ROOMS = [
    {
        "kind": Room.Kind.MEETING_ROOM,
        "name_fi": "Neuvotteluhuone Reposaari",
        "name_sv": "Mötesrummet Räfsö",
        "name_en": "Meeting room Reposaari",
        "description_fi": "Valoisa neuvotteluhuone hallituksen kokouksiin ja pienryhmille.",
        "description_sv": "Ett ljust mötesrum för styrelsemöten och små grupper.",
        "description_en": "A bright meeting room for board meetings and small groups.",
        "equipment_fi": "Näyttö ja HDMI-kaapeli, fläppitaulu, langaton verkko, kahvinkeitin.",
        "equipment_sv": "Skärm och HDMI-kabel, blädderblock, trådlöst nät, kaffebryggare.",
        "equipment_en": "A screen with an HDMI cable, a flip chart, Wi-Fi, a coffee maker.",
        **STEP_FREE,
        "photo_alt_fi": "Pyöreä pöytä ja kahdeksan tuolia ikkunan edessä, seinällä näyttö.",
        "photo_alt_sv": "Ett runt bord och åtta stolar framför fönstret, en skärm på väggen.",
        "photo_alt_en": "A round table and eight chairs by the window, a screen on the wall.",
        "capacity": 8,
        "hourly_price_member": Decimal("8.00"),
        "hourly_price_non_member": Decimal("20.00"),
    },
    {
        "kind": Room.Kind.MEETING_ROOM,
        "name_fi": "Kokoushuone Kirjurinluoto",
        "name_sv": "Mötesrummet Kirjurinluoto",
        "name_en": "Meeting room Kirjurinluoto",
        "description_fi": "Kokoushuone koulutuksiin, ryhmille ja yhdistysten kokouksiin.",
        "description_sv": "Ett mötesrum för utbildningar, grupper och föreningsmöten.",
        "description_en": "A meeting room for training, groups and association meetings.",
        "equipment_fi": "Videotykki ja valkokangas, kaiuttimet, fläppitaulu, langaton verkko.",
        "equipment_sv": "Projektor och duk, högtalare, blädderblock, trådlöst nät.",
        "equipment_en": "A projector and screen, speakers, a flip chart, Wi-Fi.",
        **STEP_FREE,
        "photo_alt_fi": "Pöydät U-muodossa kuudelletoista, edessä valkokangas.",
        "photo_alt_sv": "Bord i U-form för sexton personer, en duk längst fram.",
        "photo_alt_en": "Tables in a U shape for sixteen, a projection screen at the front.",
        "capacity": 16,
        "hourly_price_member": Decimal("12.00"),
        "hourly_price_non_member": Decimal("30.00"),
    },
    {
        "kind": Room.Kind.HALL,
        "name_fi": "Sali Karhu",
        "name_sv": "Salen Karhu",
        "name_en": "Hall Karhu",
        "description_fi": (
            "Juhla- ja tapahtumasali yleisötilaisuuksiin, konsertteihin ja vuosikokouksiin. "
            "Varaukset vahvistaa henkilökunta."
        ),
        "description_sv": (
            "En fest- och evenemangssal för offentliga tillställningar, konserter och "
            "årsmöten. Personalen bekräftar bokningarna."
        ),
        "description_en": (
            "A hall for public events, concerts and annual meetings. The staff confirm "
            "the bookings."
        ),
        "equipment_fi": (
            "Äänentoisto ja kaksi langatonta mikrofonia, videotykki, induktiosilmukka, "
            "80 tuolia ja 12 pöytää, keittiö."
        ),
        "equipment_sv": (
            "Ljudanläggning och två trådlösa mikrofoner, projektor, induktionsslinga, "
            "80 stolar och 12 bord, kök."
        ),
        "equipment_en": (
            "A sound system with two wireless microphones, a projector, an induction loop, "
            "80 chairs and 12 tables, a kitchen."
        ),
        "accessibility_fi": (
            "Esteetön sisäänkäynti sisäpihalta, ei kynnyksiä, induktiosilmukka, "
            "pyörätuolipaikkoja eturivissä, esteetön WC salin vieressä."
        ),
        "accessibility_sv": (
            "Tillgänglig ingång från innergården, inga trösklar, induktionsslinga, platser "
            "för rullstolar i första raden, tillgänglig toalett bredvid salen."
        ),
        "accessibility_en": (
            "A step-free entrance from the courtyard, no thresholds, an induction loop, "
            "wheelchair places in the front row, an accessible toilet next to the hall."
        ),
        "photo_alt_fi": "Tuolirivit salissa, edessä matala esiintymislava ja valkokangas.",
        "photo_alt_sv": "Stolsrader i salen, en låg scen och en duk längst fram.",
        "photo_alt_en": "Rows of chairs in the hall, a low stage and a screen at the front.",
        "capacity": 80,
        "requires_approval": True,
        "buffer_minutes": 15,
        "min_duration_minutes": 60,
        "max_duration_minutes": 720,
        "cancellation_deadline_hours": 72,
        "hourly_price_member": Decimal("25.00"),
        "hourly_price_non_member": Decimal("60.00"),
    },
    {
        "kind": Room.Kind.MEETING_PLACE,
        "name_fi": "Olohuone-kahvila",
        "name_sv": "Vardagsrumskaféet",
        "name_en": "Living-room café",
        "description_fi": (
            "Avoin kohtaamispaikka ja kahvila kerhoille, vertaisryhmille ja rennoille "
            "tapaamisille. Maksuton jäsenyhdistyksille."
        ),
        "description_sv": (
            "En öppen mötesplats och ett kafé för klubbar, kamratgrupper och avslappnade "
            "träffar. Avgiftsfri för medlemsföreningar."
        ),
        "description_en": (
            "An open meeting place and café for clubs, peer groups and relaxed get-"
            "togethers. Free for member associations."
        ),
        "equipment_fi": "Sohvaryhmät, pöytiä 30 hengelle, kahvinkeitin ja vedenkeitin, pelejä.",
        "equipment_sv": "Soffgrupper, bord för 30 personer, kaffe- och vattenkokare, spel.",
        "equipment_en": "Sofas, tables for 30, a coffee maker and kettle, board games.",
        **STEP_FREE,
        "photo_alt_fi": "Sohvia ja pyöreitä pöytiä valoisassa kahvilassa, tiskillä kahvikannut.",
        "photo_alt_sv": "Soffor och runda bord i ett ljust kafé, kaffekannor på disken.",
        "photo_alt_en": "Sofas and round tables in a bright café, coffee pots on the counter.",
        "capacity": 30,
        "hourly_price_member": Decimal("0.00"),
        "hourly_price_non_member": Decimal("15.00"),
    },
]

OFFICE_TEXT = {
    "equipment_fi": "Työpöytä, tuoli, lukittava kaappi, langaton verkko, yhteinen tulostin.",
    "equipment_sv": "Skrivbord, stol, låsbart skåp, trådlöst nät, gemensam skrivare.",
    "equipment_en": "A desk, a chair, a lockable cabinet, Wi-Fi, a shared printer.",
    **STEP_FREE,
}
for number in ("201", "202"):
    ROOMS.append(
        {
            "kind": Room.Kind.OFFICE,
            "name_fi": f"Toimisto {number}",
            "name_sv": f"Kontor {number}",
            "name_en": f"Office {number}",
            "description_fi": "Lukittava toimistohuone kahdelle, vuokrataan kuukausittain.",
            "description_sv": "Ett låsbart kontorsrum för två, hyrs per månad.",
            "description_en": "A lockable office for two, let by the month.",
            **OFFICE_TEXT,
            "capacity": 2,
            "is_bookable": False,
        }
    )
for letter in "ABC":
    ROOMS.append(
        {
            "kind": Room.Kind.WORKSTATION,
            "name_fi": f"Työpiste {letter}",
            "name_sv": f"Arbetsplats {letter}",
            "name_en": f"Workstation {letter}",
            "description_fi": "Oma työpiste yhteistoimistossa, vuokrataan kuukausittain.",
            "description_sv": "En egen arbetsplats i det gemensamma kontoret, hyrs per månad.",
            "description_en": "A desk of your own in the shared office, let by the month.",
            **OFFICE_TEXT,
            "capacity": 1,
            "is_bookable": False,
        }
    )

# Room (Finnish name), organisation, monthly rent, key label, key holder
LEASES = [
    (
        "Toimisto 201",
        "Porin Seudun Mielenterveysyhdistys ry",
        Decimal("320.00"),
        "MT-201-1",
        "Pekka Porilainen",
    ),
    (
        "Työpiste A",
        "Satakunnan Maahanmuuttajien Tuki ry",
        Decimal("95.00"),
        "MT-A-1",
        "Amina Hassan",
    ),
]

# Single bookings: (weeks ahead, weekday, start hour, hours, room, organisation, purpose,
# attendees). All but the first of the hall are made by staff, so they are confirmed.
BOOKINGS = [
    (0, 2, 17, 2, "Neuvotteluhuone Reposaari", "Rauman Eläkkeensaajat ry", "Hallituksen kokous", 7),
    (1, 5, 10, 4, "Kokoushuone Kirjurinluoto", "Porin Partiolaiset ry", "Johtajakoulutus", 14),
    (1, 3, 18, 2, "Sali Karhu", "Porin Kuoroyhdistys ry", "Konserttiharjoitus", 35),
    (1, 1, 12, 2, "Olohuone-kahvila", "Porin Omaishoitajat ry", "Omaishoitajien kahvila", 18),
    (2, 5, 10, 4, "Olohuone-kahvila", "Porin Shakkikerho ry", "Pikashakkiturnaus", 24),
    (2, 0, 17, 3, "Kokoushuone Kirjurinluoto", "Porin Martat ry", "Ruokakurssin suunnittelu", 10),
    (
        2,
        4,
        9,
        3,
        "Neuvotteluhuone Reposaari",
        "Porin Teatteriyhdistys ry",
        "Käsikirjoituspalaveri",
        6,
    ),
    (3, 2, 9, 6, "Sali Karhu", "Porin Seudun Yrittäjät ry", "Jäsenilta ja koulutus", 60),
    (3, 3, 13, 2, "Neuvotteluhuone Reposaari", "Porin Jazzin Ystävät ry", "Talkooväen palaveri", 8),
]

# Weekly series: (room, organisation, weekday, start, end, purpose, attendees)
SERIES = [
    (
        "Kokoushuone Kirjurinluoto",
        "Porin Seudun Mielenterveysyhdistys ry",
        1,
        time(17),
        time(19),
        "Vertaistukiryhmä",
        12,
    ),
    (
        "Olohuone-kahvila",
        "Satakunnan Maahanmuuttajien Tuki ry",
        3,
        time(14),
        time(16),
        "Suomen kielen keskustelukerho",
        20,
    ),
]

# The hall request that waits for staff: made by the Pori representative.
HALL_REQUEST = (
    2,
    3,
    17,
    3,
    "Sali Karhu",
    "Porin Seudun Mielenterveysyhdistys ry",
    "Mielenterveysviikon yleisöluento",
    70,
)

TRAINING_DAY = {
    "reason_fi": "Henkilökunnan koulutuspäivä",
    "reason_sv": "Personalens utbildningsdag",
    "reason_en": "Staff training day",
}
EVES = {
    "Jouluaatto": {
        "reason_fi": "Jouluaaton avoimet ovet kahvilassa",
        "reason_sv": "Öppet hus i kaféet på julafton",
        "reason_en": "Open house in the café on Christmas Eve",
    },
    "Juhannusaatto": {
        "reason_fi": "Juhannusaaton kahvila",
        "reason_sv": "Kafé på midsommarafton",
        "reason_en": "Midsummer Eve café",
    },
}
DAYS_AHEAD = 28


def in_week(today: date, weeks: int, weekday: int) -> date:
    """The given weekday in the n-th week from tomorrow on (week 0 is the next 7 days)."""
    start = today + timedelta(days=1 + 7 * weeks)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


class Command(BaseCommand):
    help = (
        "Load demo premises for local use: the Me-talo site in Pori with opening hours, "
        "rooms, two office leases with keys and four weeks of bookings of the demo "
        "organisations. Run load_demo_data first. Idempotent. Refuses to run when DEBUG "
        "is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo premises and bookings are for local use only: DEBUG is off, so "
                "nothing was created."
            )
        User = get_user_model()
        self.staff = User.objects.filter(email__iexact=STAFF_EMAIL, is_staff=True).first()
        self.representative = User.objects.filter(email__iexact=PORI_REPRESENTATIVE).first()
        if self.staff is None or self.representative is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        self.today = clock.today()
        self.made = {"bookings": 0, "skipped": 0}
        with transaction.atomic():
            self._staff_permissions()
            site = self._site()
            rooms = self._rooms(site)
            self._exceptions(site)
            self._leases(rooms)
            self._bookings(rooms)
            demo_meetings.load(
                staff=self.staff,
                room=rooms.get("Kokoushuone Kirjurinluoto"),
                days=[in_week(self.today, weeks, 2) for weeks in (1, 2, 3)],
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo premises ready: {site}, {len(rooms)} rooms, "
                f"{self.made['bookings']} new bookings."
            )
        )
        if self.made["skipped"]:
            self.stdout.write(f"{self.made['skipped']} demo bookings fell on closed days.")

    def _staff_permissions(self):
        # load_demo_data gives the staff group the register; the premises are theirs too.
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="facilities"))

    def _organisation(self, name: str) -> Organisation:
        organisation = Organisation.objects.filter(name_fi=name).first()
        if organisation is None:
            raise CommandError(f"{name} is missing: run load_demo_data first.")
        return organisation

    # The site and its rooms ---------------------------------------------------------

    def _site(self) -> Site:
        site = Site.objects.filter(name_fi=SITE["name_fi"]).first()
        if site is None:
            site = Site.objects.create(
                **SITE, municipality=Municipality.objects.filter(code=PORI).first()
            )
        if not site.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(site=site, weekday=day, opens=opens, closes=closes)
                for day, opens, closes in OPENING_HOURS
            )
        return site

    def _rooms(self, site: Site) -> dict[str, Room]:
        rooms = {}
        for spec in ROOMS:
            room = Room.objects.filter(site=site, name_fi=spec["name_fi"]).first()
            if room is None:
                room = Room.objects.create(site=site, **spec)
            if not room.photo and spec.get("photo_alt_fi"):
                photo = demo_pictures.room_photo(spec["name_fi"])
                if photo is not None:
                    room.photo.save(f"demo-{slugify(spec['name_fi'])}.png", photo, save=True)
            rooms[spec["name_fi"]] = room
        return rooms

    def _exceptions(self, site: Site):
        taken = set(site.exceptions.filter(date__gte=self.today).values_list("date", flat=True))
        # A staff training day early next month, unless one is coming up already.
        if not site.exceptions.filter(
            date__gte=self.today, reason_fi=TRAINING_DAY["reason_fi"]
        ).exists():
            next_month = (self.today.replace(day=1) + timedelta(days=32)).replace(day=1)
            day = in_week(next_month, 0, 2)  # a Wednesday, normally open 8–20
            while day in taken or is_public_holiday(day):
                day += timedelta(days=7)
            OpeningException.objects.create(site=site, date=day, **TRAINING_DAY)
            taken.add(day)
        # The next Christmas or Midsummer Eve (public holidays) open 10–14.
        eve = min(
            day
            for year in (self.today.year, self.today.year + 1)
            for day, name in finnish_holidays(year).items()
            if name in EVES and day > self.today
        )
        if eve not in taken:
            OpeningException.objects.create(
                site=site,
                date=eve,
                opens=time(10),
                closes=time(14),
                **EVES[finnish_holidays(eve.year)[eve]],
            )

    # Offices and keys ---------------------------------------------------------------

    def _leases(self, rooms: dict[str, Room]):
        # The leases began at the start of last year's autumn term.
        starts_on = date(self.today.year - 1, 8, 1)
        for room_name, organisation_name, rent, key_label, holder in LEASES:
            room = rooms[room_name]
            organisation = self._organisation(organisation_name)
            lease = OfficeLease.objects.filter(room=room, organisation=organisation).first()
            if lease is None and not room.leases.exists():
                lease = office_services.lease_create(
                    actor=self.staff,
                    room=room,
                    organisation=organisation,
                    starts_on=starts_on,
                    ends_on=None,
                    monthly_rent=rent,
                    notes="Vuokra laskutetaan kuukausittain jäsenmaksun yhteydessä.",
                )
            if lease is not None and not KeyHandover.objects.filter(key_label=key_label).exists():
                office_services.key_handover(
                    actor=self.staff,
                    organisation=organisation,
                    lease=lease,
                    key_label=key_label,
                    holder_name=holder,
                    handed_over_on=starts_on,
                    deposit=Decimal("20.00"),
                )
        # A second key of workstation A, lent to a volunteer and since returned.
        if not KeyHandover.objects.filter(key_label="MT-A-2").exists():
            lease = rooms["Työpiste A"].leases.first()
            if lease is not None:
                handover = office_services.key_handover(
                    actor=self.staff,
                    organisation=lease.organisation,
                    lease=lease,
                    key_label="MT-A-2",
                    holder_name="Jussi Mäkinen",
                    handed_over_on=starts_on + timedelta(days=30),
                    deposit=Decimal("20.00"),
                    notes="Vapaaehtoisen avain syyskaudeksi.",
                )
                office_services.key_return(
                    actor=self.staff, handover=handover, returned_on=date(starts_on.year, 12, 15)
                )

    # Bookings -----------------------------------------------------------------------

    def _upcoming(self, room: Room, organisation: Organisation, purpose: str) -> bool:
        return (
            Booking.objects.holding()
            .filter(
                room=room,
                organisation=organisation,
                purpose=purpose,
                start__gte=clock.now(),
            )
            .exists()
        )

    def _book(self, actor, spec, rooms) -> Booking | None:
        weeks, weekday, hour, hours, room_name, organisation_name, purpose, attendees = spec
        room, organisation = rooms[room_name], self._organisation(organisation_name)
        if self._upcoming(room, organisation, purpose):
            return None
        # On a closed day (a holiday, the training day) try the same time a week later.
        for extra in (0, 1):
            day = in_week(self.today, weeks + extra, weekday)
            start = local_datetime(day, time(hour))
            try:
                booking = services.booking_create(
                    actor=actor,
                    room=room,
                    organisation=organisation,
                    start=start,
                    end=start + timedelta(hours=hours),
                    purpose=purpose,
                    attendees=attendees,
                )
            except BookingError:
                continue
            self.made["bookings"] += 1
            return booking
        self.made["skipped"] += 1
        return None

    def _bookings(self, rooms: dict[str, Room]):
        for spec in BOOKINGS:
            self._book(self.staff, spec, rooms)
        # A representative's booking of the hall waits for staff approval.
        self._book(self.representative, HALL_REQUEST, rooms)
        for room_name, organisation_name, weekday, start, end, purpose, attendees in SERIES:
            room, organisation = rooms[room_name], self._organisation(organisation_name)
            if BookingSeries.objects.filter(
                room=room, organisation=organisation, until__gte=self.today
            ).exists():
                continue
            try:
                _series, created, skipped = services.booking_series_create(
                    actor=self.staff,
                    room=room,
                    organisation=organisation,
                    weekdays=[weekday],
                    first_date=self.today + timedelta(days=1),
                    until=self.today + timedelta(days=DAYS_AHEAD),
                    start_time=start,
                    end_time=end,
                    purpose=purpose,
                    attendees=attendees,
                    book_free_only=True,
                )
            except BookingError:
                self.made["skipped"] += 1
                continue
            self.made["bookings"] += len(created)
            self.made["skipped"] += len(skipped)
