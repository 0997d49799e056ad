"""Demo trainings for local use: a coaching programme with its organisations, eight
trainings with sessions in the Me-talo demo rooms or online, and some enrolments, a full
training with a waiting list, and a completed one with attendance, feedback and a
certificate.

Run after load_demo_data and load_facilities_demo (`make run` does all three). Safe to
run again: trainings are matched by their Finnish title and made only once. Sessions,
enrolments and attendance go through the training services as the demo staff user (or
the demo person and representatives), so every rule applies, room bookings included.
Refuses to run when DEBUG is off."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from core.clock import local_datetime
from facilities.errors import BookingError
from facilities.management.commands.load_facilities_demo import in_week
from facilities.models import Room
from organisations.demo_data import (
    PERSON_EMAIL,
    PORI_REPRESENTATIVE,
    RAUMA_REPRESENTATIVE,
    STAFF_EMAIL,
    STAFF_GROUP,
)
from organisations.models import Organisation
from trainings import services
from trainings.errors import TrainingError
from trainings.models import Programme, ProgrammeParticipant, Training

CENTRE = {
    "name_fi": "Me-talon yhteisökeskus",
    "name_sv": "Resurscentret i Me-huset",
    "name_en": "Me-talo resource centre",
    "kind": Organisation.Kind.OTHER,
    "is_public": False,
    "email": "koulutus@yhteisokeskus.example",
}

PROGRAMME = {
    "name_fi": "Järjestöjen hallitusvalmennus",
    "name_sv": "Styrelsecoachning för föreningar",
    "name_en": "Board coaching for associations",
    "description_fi": (
        "Vuoden mittainen valmennus, johon yhdistykset sitoutuvat: hallitustyö, talous, "
        "viestintä ja vapaaehtoiset. Jokaisesta yhdistyksestä osallistuu kaksi henkilöä."
    ),
    "description_sv": (
        "En ettårig coachning som föreningarna förbinder sig till: styrelsearbete, "
        "ekonomi, kommunikation och frivilliga. Två personer deltar från varje förening."
    ),
    "description_en": (
        "A year-long coaching programme the associations commit to: board work, finances, "
        "communication and volunteers. Two people take part from each association."
    ),
}
PROGRAMME_ORGANISATIONS = [
    "Porin Seudun Mielenterveysyhdistys ry",
    "Rauman Eläkkeensaajat ry",
    "Porin Martat ry",
]

ONLINE = "https://meet.example.fi/yhteisokeskus-"

# Sessions: (weeks ahead, weekday, start hour, hours, room by Finnish name or None).
TRAININGS = [
    {
        "title_fi": "Yhdistyksen talous ja kirjanpito",
        "title_sv": "Föreningens ekonomi och bokföring",
        "title_en": "Association finances and bookkeeping",
        "description_fi": "Budjetti, kirjanpidon perusteet, tilinpäätös ja toiminnantarkastus.",
        "description_sv": "Budget, grunderna i bokföring, bokslut och verksamhetsgranskning.",
        "description_en": "Budgets, bookkeeping basics, the annual accounts and the audit.",
        "audience_fi": "Rahastonhoitajat ja hallitusten jäsenet",
        "audience_sv": "Kassörer och styrelsemedlemmar",
        "audience_en": "Treasurers and board members",
        "trainers": "Tiina Taloustieto",
        "programme": True,
        "capacity": 14,
        "price_member": Decimal("0.00"),
        "price_other": Decimal("25.00"),
        "sessions": [
            (2, 1, 17, 3, "Kokoushuone Kirjurinluoto"),
            (3, 1, 17, 3, "Kokoushuone Kirjurinluoto"),
        ],
    },
    {
        "title_fi": "Hallitustyöskentelyn perusteet",
        "title_sv": "Grunderna i styrelsearbete",
        "title_en": "Board work basics",
        "description_fi": "Hallituksen tehtävät ja vastuut, kokouskäytännöt ja pöytäkirjat.",
        "description_sv": "Styrelsens uppgifter och ansvar, mötespraxis och protokoll.",
        "description_en": "The duties of the board, meeting practice and minutes.",
        "audience_fi": "Uudet hallitusten jäsenet",
        "audience_sv": "Nya styrelsemedlemmar",
        "audience_en": "New board members",
        "trainers": "Pekka Puheenjohtaja",
        "programme": True,
        "capacity": 8,
        "max_per_organisation": 2,
        "sessions": [
            (1, 2, 17, 2, "Neuvotteluhuone Reposaari"),
            (2, 2, 17, 2, "Neuvotteluhuone Reposaari"),
            (3, 2, 17, 2, "Neuvotteluhuone Reposaari"),
        ],
        "certificate_rule": Training.CertificateRule.MIN_SESSIONS,
        "certificate_min_sessions": 2,
    },
    {
        "title_fi": "Vapaaehtoisten koordinointi",
        "title_sv": "Att samordna frivilliga",
        "title_en": "Coordinating volunteers",
        "description_fi": "Vapaaehtoisten rekrytointi, perehdytys, kiittäminen ja jaksaminen.",
        "description_sv": "Att rekrytera, introducera, tacka och stödja frivilliga.",
        "description_en": "Recruiting, inducting, thanking and supporting volunteers.",
        "audience_fi": "Vapaaehtoistoiminnan vastaavat",
        "audience_sv": "De som ansvarar för frivilligverksamhet",
        "audience_en": "Volunteer coordinators",
        "trainers": "Veera Vapaaehtoinen, Olli Ohjaaja",
        "format": Training.Format.HYBRID,
        "programme": True,
        "capacity": 40,
        "price_member": Decimal("10.00"),
        "price_other": Decimal("30.00"),
        "sessions": [(4, 3, 9, 3, "Sali Karhu")],
        "online": True,
    },
    {
        "title_fi": "Saavutettava viestintä",
        "title_sv": "Tillgänglig kommunikation",
        "title_en": "Accessible communication",
        "description_fi": "Selkeä kieli, saavutettavat verkkosivut, somejulkaisut ja tapahtumat.",
        "description_sv": "Klart språk, tillgängliga webbplatser, inlägg i sociala medier och evenemang.",
        "description_en": "Plain language, accessible websites, social media posts and events.",
        "audience_fi": "Yhdistysten viestijät",
        "audience_sv": "De som sköter föreningarnas kommunikation",
        "audience_en": "People who handle an association's communication",
        "trainers": "Saara Saavutettava",
        "format": Training.Format.ONLINE,
        "capacity": 50,
        "sessions": [(2, 3, 13, 2, None), (3, 3, 13, 2, None)],
    },
    {
        "title_fi": "Tietosuoja yhdistyksessä",
        "title_sv": "Dataskydd i föreningen",
        "title_en": "Data protection in an association",
        "description_fi": "Jäsenrekisteri, tietosuojaseloste ja henkilötietojen säilytys.",
        "description_sv": "Medlemsregistret, dataskyddsbeskrivningen och lagring av personuppgifter.",
        "description_en": "The member register, the privacy notice and keeping personal data.",
        "audience_fi": "Jäsenrekisterin hoitajat",
        "audience_sv": "De som sköter medlemsregistret",
        "audience_en": "People who keep the member register",
        "trainers": "Lauri Lakimies",
        "format": Training.Format.ONLINE,
        "capacity": 3,
        "waitlist_mode": Training.WaitlistMode.OFFER,
        "offer_hours": 24,
        "sessions": [(1, 0, 18, 2, None)],
    },
    {
        "title_fi": "Avustushakemus onnistuneesti",
        "title_sv": "En lyckad bidragsansökan",
        "title_en": "A successful grant application",
        "description_fi": "Rahoittajat, hakemuksen rakenne, budjetti ja raportointi.",
        "description_sv": "Finansiärer, ansökans struktur, budget och rapportering.",
        "description_en": "Funders, the structure of an application, the budget and reporting.",
        "audience_fi": "Hankkeita suunnittelevat yhdistykset",
        "audience_sv": "Föreningar som planerar projekt",
        "audience_en": "Associations planning projects",
        "trainers": "Anni Avustaja",
        "capacity": 16,
        "price_member": Decimal("5.00"),
        "price_other": Decimal("15.00"),
        "sessions": [(5, 0, 13, 3, "Kokoushuone Kirjurinluoto")],
    },
    {
        "title_fi": "Somen perusteet yhdistyksille",
        "title_sv": "Sociala medier för föreningar",
        "title_en": "Social media basics for associations",
        "description_fi": "Kanavien valinta, sisällön suunnittelu ja kuvien käyttöoikeudet.",
        "description_sv": "Att välja kanaler, planera innehåll och använda bilder rätt.",
        "description_en": "Choosing channels, planning content and the rights to use images.",
        "audience_fi": "Kaikki yhdistysaktiivit",
        "audience_sv": "Alla föreningsaktiva",
        "audience_en": "Everyone active in an association",
        "trainers": "Sanni Somettaja",
        "capacity": 8,
        "sessions": [
            (4, 1, 9, 2, "Neuvotteluhuone Reposaari"),
            (5, 1, 9, 2, "Neuvotteluhuone Reposaari"),
        ],
        "certificate_rule": Training.CertificateRule.STAFF,
    },
    {
        "title_fi": "Vuosikokous ilman jännitystä",
        "title_sv": "Årsmötet utan nervositet",
        "title_en": "The annual meeting without stress",
        "description_fi": "Kokouskutsu, esityslista, päätösvaltaisuus ja pöytäkirjan tarkastus.",
        "description_sv": "Kallelse, föredragningslista, beslutförhet och justering av protokoll.",
        "description_en": "The notice, the agenda, the quorum and checking the minutes.",
        "audience_fi": "Puheenjohtajat ja sihteerit",
        "audience_sv": "Ordförande och sekreterare",
        "audience_en": "Chairs and secretaries",
        "trainers": "Pekka Puheenjohtaja",
        "format": Training.Format.ONLINE,
        "capacity": 30,
        "sessions": [(-3, 1, 17, 2, None)],
        "completed": True,
    },
]

PEOPLE = [
    ("Maija Mielenterveys", "maija.demo@example.fi", "Kasvisruoka"),
    ("Tapio Tukihenkilö", "tapio.demo@example.fi", ""),
    ("Raili Rauma", "raili.demo@example.fi", "Tarvitsen induktiosilmukan."),
    ("Erkki Eläkeläinen", "erkki.demo@example.fi", ""),
    ("Kaarina Kokous", "kaarina.demo@example.fi", "Gluteeniton"),
]


class Command(BaseCommand):
    help = (
        "Load demo trainings for local use: a coaching programme, eight trainings with "
        "sessions in the demo rooms or online, and enrolments. Run load_demo_data and "
        "load_facilities_demo first. Idempotent. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo trainings are for local use only: DEBUG is off, so nothing was created."
            )
        User = get_user_model()
        self.staff = User.objects.filter(email__iexact=STAFF_EMAIL, is_staff=True).first()
        self.person = User.objects.filter(email__iexact=PERSON_EMAIL).first()
        self.pori = User.objects.filter(email__iexact=PORI_REPRESENTATIVE).first()
        self.rauma = User.objects.filter(email__iexact=RAUMA_REPRESENTATIVE).first()
        if None in (self.staff, self.person, self.pori, self.rauma):
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        self.rooms = {room.name_fi: room for room in Room.objects.all()}
        if "Kokoushuone Kirjurinluoto" not in self.rooms:
            raise CommandError("The demo rooms are missing: run load_facilities_demo first.")
        self.today = clock.today()
        made = 0
        with transaction.atomic():
            self._staff_permissions()
            centre = self._centre()
            programme = self._programme()
            for spec in TRAININGS:
                if Training.objects.filter(title_fi=spec["title_fi"]).exists():
                    continue
                self._training(spec, centre, programme)
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Demo trainings ready: {made} new."))

    def _staff_permissions(self):
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="trainings"))

    def _organisation(self, name):
        organisation = Organisation.objects.filter(name_fi=name).first()
        if organisation is None:
            raise CommandError(f"{name} is missing: run load_demo_data first.")
        return organisation

    def _centre(self) -> Organisation:
        centre = Organisation.objects.filter(name_fi=CENTRE["name_fi"]).first()
        return centre or Organisation.objects.create(**CENTRE)

    def _programme(self) -> Programme:
        programme = Programme.objects.filter(name_fi=PROGRAMME["name_fi"]).first()
        if programme is None:
            programme = Programme.objects.create(
                **PROGRAMME,
                starts_on=date(self.today.year, 1, 1),
                ends_on=date(self.today.year, 12, 31),
            )
        for name in PROGRAMME_ORGANISATIONS:
            ProgrammeParticipant.objects.get_or_create(
                programme=programme,
                organisation=self._organisation(name),
                defaults={"committed_on": programme.starts_on},
            )
        return programme

    def _training(self, spec, centre, programme):
        spec = dict(spec)
        sessions = spec.pop("sessions")
        online = spec.pop("online", False)
        completed = spec.pop("completed", False)
        in_programme = spec.pop("programme", False)
        now = clock.now()
        opens = now - timedelta(days=60 if completed else 7)
        if completed:
            closes = now + timedelta(days=1)  # closed in _complete, after the enrolments
        else:
            weeks, weekday = sessions[0][0], sessions[0][1]
            closes = local_datetime(in_week(self.today, weeks, weekday), time(0)) - timedelta(
                days=1
            )
        training = Training.objects.create(
            **spec,
            programme=programme if in_programme else None,
            organiser=centre,
            enrolment_opens=opens,
            enrolment_closes=max(closes, opens + timedelta(days=1)),
            status=Training.Status.DRAFT,
        )
        for weeks, weekday, hour, hours, room_name in sessions:
            self._session(training, weeks, weekday, hour, hours, room_name, online)
        if not training.sessions.exists():
            training.delete()  # every slot was taken or closed
            return
        services.training_publish(actor=self.staff, training=training)
        self._enrol(training)
        if completed:
            self._complete(training)

    def _session(self, training, weeks, weekday, hour, hours, room_name, online):
        room = self.rooms.get(room_name) if room_name else None
        link = f"{ONLINE}{training.pk}" if (room is None or online) else ""
        # On a closed day or a taken slot, try the same time a week later.
        for extra in (0, 1, 2):
            if weeks < 0:
                day = self.today - timedelta(days=7 * -weeks)
                day += timedelta(days=(weekday - day.weekday()) % 7)
            else:
                day = in_week(self.today, weeks + extra, weekday)
            start = local_datetime(day, time(hour))
            try:
                return services.session_create(
                    actor=self.staff,
                    training=training,
                    starts=start,
                    ends=start + timedelta(hours=hours),
                    room=room,
                    online_url=link,
                )
            except BookingError:
                continue
        return None

    def _enrol(self, training):
        pori_org = self._organisation("Porin Seudun Mielenterveysyhdistys ry")
        rauma_org = self._organisation("Rauman Eläkkeensaajat ry")
        (maija, tapio, raili, erkki, kaarina) = PEOPLE
        enrolments = [
            (self.person, None, ("Heli Henkilö", "", "")),
            (self.pori, pori_org, maija),
            (self.pori, pori_org, tapio),
            (self.rauma, rauma_org, raili),
            (self.rauma, rauma_org, erkki),
            (self.rauma, rauma_org, kaarina),
        ]
        # Every training gets a few; the small full one gets them all (a waiting list).
        count = len(enrolments) if training.capacity <= 3 else 3 + training.pk % 3
        for actor, organisation, (name, email, needs) in enrolments[:count]:
            try:
                services.enrolment_create(
                    actor=actor,
                    training=training,
                    name=name,
                    email=email,
                    needs=needs,
                    organisation=organisation,
                )
            except TrainingError:
                continue  # e.g. over the per-organisation maximum

    def _complete(self, training):
        session = training.sessions.first()
        # Enrolment was open until the day before the session.
        Training.objects.filter(pk=training.pk).update(
            enrolment_closes=session.starts - timedelta(days=1)
        )
        confirmed = list(training.enrolments.confirmed())
        services.attendance_mark(
            actor=self.staff, session=session, present_ids=[e.pk for e in confirmed[:-1]]
        )
        own = training.enrolments.filter(user=self.person).first()
        if own is not None:
            services.feedback_submit(
                actor=self.person,
                enrolment=own,
                rating=5,
                comment="Selkeä ja käytännöllinen koulutus, kiitos!",
            )
        services.training_complete(actor=self.staff, training=training)
