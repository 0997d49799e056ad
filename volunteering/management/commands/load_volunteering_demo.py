"""Demo volunteering for local use: the vocabularies, fee tiers and a travel rule; seven
volunteers and experience experts in several Satakunta municipalities (the demo person
among them, with experience areas given with consent); open and filled requests of the
two demo associations; an offer waiting for the demo person's answer; logged and
approved hours of last month, and that month's fee statement of the Pori association.

Run after load_demo_data (`make run` runs it after load_trainings_demo). Safe to run
again: vocabularies, people and requests are matched by name and made only once.
Future requests, offers and assignments go through the services, so their rules apply;
the past month's work is written as it would have been then. Refuses to run when DEBUG
is off."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from core.clock import local_datetime
from core.reports import report_build, report_create
from organisations.demo_data import (
    DEMO_PASSWORD,
    PERSON_EMAIL,
    PORI_REPRESENTATIVE,
    RAUMA_REPRESENTATIVE,
    STAFF_EMAIL,
)
from organisations.models import Municipality, Representative
from volunteering import services
from volunteering.models import (
    Assignment,
    ExperienceArea,
    FeeTier,
    HourEntry,
    Profile,
    Report,
    Request,
    RequestDate,
    Skill,
    Slot,
    TrainingRecord,
    TravelRule,
)

SKILLS = [
    ("Esiintyminen", "Att uppträda", "Public speaking"),
    ("Ryhmänohjaus", "Gruppledning", "Leading groups"),
    ("Digituki", "Digistöd", "Digital support"),
    ("Valokuvaus", "Fotografering", "Photography"),
    ("Tarjoilu ja kahvitus", "Servering", "Serving and catering"),
]
AREAS = [
    ("Mielenterveys", "Psykisk hälsa", "Mental health"),
    ("Päihteet", "Missbruk", "Substance use"),
    ("Omaishoitajuus", "Närståendevård", "Caring for a relative"),
    ("Vammaisuus", "Funktionsnedsättning", "Disability"),
    ("Pitkäaikaistyöttömyys", "Långtidsarbetslöshet", "Long-term unemployment"),
]
# email, name, municipality numbers, roles, languages, skills, experience areas, trained
PEOPLE = [
    (
        PERSON_EMAIL,
        "Helmi Henkilö",
        ["609", "886"],
        ["volunteer", "expert"],
        ["fi", "en"],
        ["Esiintyminen"],
        ["Mielenterveys"],
        True,
    ),
    (
        "vapaaehtoinen.aino@example.fi",
        "Aino Aaltonen",
        ["609"],
        ["expert"],
        ["fi"],
        ["Esiintyminen", "Ryhmänohjaus"],
        ["Mielenterveys", "Päihteet"],
        True,
    ),
    (
        "vapaaehtoinen.bertil@example.fi",
        "Bertil Björk",
        ["684", "050"],
        ["volunteer", "peer"],
        ["sv", "fi"],
        ["Digituki"],
        [],
        False,
    ),
    (
        "vapaaehtoinen.carita@example.fi",
        "Carita Laine",
        ["684"],
        ["expert", "peer"],
        ["fi"],
        ["Ryhmänohjaus"],
        ["Omaishoitajuus"],
        False,
    ),
    (
        "vapaaehtoinen.daniel@example.fi",
        "Daniel Mäkelä",
        ["214", "609"],
        ["volunteer"],
        ["fi", "en"],
        ["Valokuvaus", "Tarjoilu ja kahvitus"],
        [],
        False,
    ),
    (
        "vapaaehtoinen.eeva@example.fi",
        "Eeva Nieminen",
        ["079", "531"],
        ["expert"],
        ["fi"],
        ["Esiintyminen"],
        ["Vammaisuus"],
        True,
    ),
    (
        "vapaaehtoinen.fredrik@example.fi",
        "Fredrik Holm",
        ["684"],
        ["volunteer"],
        ["sv"],
        ["Tarjoilu ja kahvitus"],
        [],
        False,
    ),
]


class Command(BaseCommand):
    help = (
        "Load demo volunteering for local use: volunteers and experience experts, open and "
        "filled requests, hours and a fee statement. Run load_demo_data first. Idempotent. "
        "Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo volunteering is for local use only: DEBUG is off, so nothing was created."
            )
        User = get_user_model()
        self.staff = User.objects.filter(email__iexact=STAFF_EMAIL, is_staff=True).first()
        pori = Representative.objects.approved().filter(user__email__iexact=PORI_REPRESENTATIVE)
        rauma = Representative.objects.approved().filter(user__email__iexact=RAUMA_REPRESENTATIVE)
        self.pori, self.rauma = (
            pori.select_related("user").first(),
            rauma.select_related("user").first(),
        )
        if None in (self.staff, self.pori, self.rauma):
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        self.today = clock.today()
        with transaction.atomic():
            skills = self._vocabulary(Skill, SKILLS)
            areas = self._vocabulary(ExperienceArea, AREAS)
            self._fees()
            people = {spec[0]: self._person(spec, skills, areas) for spec in PEOPLE}
            requests = self._requests(skills, areas, people)
        statement = self._statement()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo volunteering ready: {len(people)} people, {len(requests)} requests"
                + (f", fee statement {statement.file.name}." if statement else ".")
            )
        )

    # Vocabularies and fees ------------------------------------------------------------

    def _vocabulary(self, model, names):
        made = {}
        for fi, sv, en in names:
            item = model.objects.filter(name_fi=fi).first() or model.objects.create(
                name_fi=fi, name_sv=sv, name_en=en
            )
            made[fi] = item
        return made

    def _fees(self):
        if not FeeTier.objects.exists():
            FeeTier.objects.create(
                name_fi="Koulutettu kokemusasiantuntija",
                name_sv="Utbildad erfarenhetsexpert",
                name_en="Trained experience expert",
                hourly_rate=Decimal("25.00"),
                for_trained=True,
            )
            FeeTier.objects.create(
                name_fi="Kokemusasiantuntija ilman koulutusta",
                name_sv="Erfarenhetsexpert utan utbildning",
                name_en="Experience expert without training",
                hourly_rate=Decimal("15.00"),
            )
        TravelRule.objects.get_or_create(
            valid_from=date(self.today.year - 1, 1, 1), defaults={"per_date": Decimal("10.00")}
        )

    # People ---------------------------------------------------------------------------

    def _person(self, spec, skills, areas):
        from allauth.account.models import EmailAddress

        email, name, municipalities, roles, languages, skill_names, area_names, trained = spec
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            first, last = name.split(" ", 1)
            user = User(email=email, username=email, first_name=first, last_name=last)
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            return profile
        profile = services.profile_save(
            actor=user,
            name=name,
            phone="040 123 4567",
            roles=roles,
            languages=languages,
            municipalities=list(Municipality.objects.filter(code__in=municipalities)),
            skills=[skills[s] for s in skill_names],
            weekdays=[0, 1, 2, 3, 4],
            day_parts=["morning", "afternoon", "evening"] if trained else ["evening"],
            introduction="Haluan auttaa ja jakaa kokemustani.",
            language=languages[0] if languages[0] in ("fi", "sv", "en") else "fi",
        )
        if area_names:
            services.experience_save(
                actor=user,
                profile=profile,
                areas=[areas[a] for a in area_names],
                consent=True,
                consent_version="2026-1",
            )
        if trained:
            TrainingRecord.objects.create(
                profile=profile,
                completed_on=date(self.today.year - 1, 5, 20),
                trained_by="Satakunnan kokemusasiantuntijakoulutus",
                entered_by=self.staff,
            )
        # One new profile waits for a coordinator; the rest are approved.
        status = "pending" if email.startswith("vapaaehtoinen.fredrik") else "approved"
        return services.profile_set_status(actor=self.staff, profile=profile, status=status)

    # Requests -------------------------------------------------------------------------

    def _future_day(self, weekday, weeks=1):
        day = self.today + timedelta(weeks=weeks)
        return day + timedelta(days=(weekday - day.weekday()) % 7)

    def _requests(self, skills, areas, people):
        made = []
        pori_org, rauma_org = self.pori.organisation, self.rauma.organisation
        pori_city = pori_org.municipality
        expert = self._future_request(
            actor=self.pori.user,
            organisation=pori_org,
            title="Kokemuspuheenvuoro hoitajien koulutuksessa",
            description=(
                "Hyvinvointialueen hoitajien koulutuspäivässä tarvitaan kokemusasiantuntija, "
                "joka kertoo omasta toipumisestaan mielenterveyden ongelmista (noin 30 min) "
                "ja osallistuu keskusteluun."
            ),
            day=self._future_day(1, 2),
            hours=(13, 15),
            roles=["expert"],
            skills=[skills["Esiintyminen"]],
            experience_areas=[areas["Mielenterveys"]],
            fee_paid=True,
            address="Maantiekatu 31",
            municipality=pori_city,
        )
        made.append(expert)
        weekly = self._future_request(
            actor=self.rauma.user,
            organisation=rauma_org,
            title="Digituen vapaaehtoinen eläkeläisten kerhoon",
            description="Autetaan kerholaisia puhelimen ja tabletin käytössä joka keskiviikko.",
            day=self._future_day(2, 1),
            hours=(10, 12),
            roles=["volunteer"],
            skills=[skills["Digituki"]],
            languages=["fi", "sv"],
            weekly_until=self._future_day(2, 5),
            people_needed=2,
            address="Kuninkaankatu 10",
            municipality=rauma_org.municipality,
        )
        made.append(weekly)
        offered = self._future_request(
            actor=self.staff,
            organisation=pori_org,
            title="Vertaisryhmän ohjaaja verkossa",
            description="Ohjaa verkossa kokoontuvaa vertaisryhmää yhdessä työntekijän kanssa.",
            day=self._future_day(3, 3),
            hours=(17, 19),
            roles=["expert", "peer"],
            experience_areas=[areas["Mielenterveys"]],
            fee_paid=True,
        )
        made.append(offered)
        helmi = people[PERSON_EMAIL]
        if offered and not offered.offers.exists():
            services.offer_create(
                actor=self.staff,
                request=offered,
                profile=helmi,
                respond_by=clock.now() + timedelta(days=5),
            )
        if weekly and not weekly.assignments.exists():
            services.assignment_create(
                actor=self.staff, request=weekly, profile=people["vapaaehtoinen.bertil@example.fi"]
            )
        made.append(self._last_month_work(pori_org, helmi, people["vapaaehtoinen.aino@example.fi"]))
        return [r for r in made if r]

    def _future_request(self, *, actor, organisation, title, day, hours, **values):
        existing = Request.objects.filter(title=title).first()
        if existing:
            return existing
        place = Request.Place.ADDRESS if values.get("address") else Request.Place.ONLINE
        return services.request_create(
            actor=actor,
            organisation=organisation,
            title=title,
            dates=[(local_datetime(day, time(hours[0])), local_datetime(day, time(hours[1])))],
            place=place,
            answer_by=day - timedelta(days=3),
            **values,
        )

    def _last_month_work(self, organisation, *people):
        """A filled request of last month: two experts agreed, their hours logged,
        confirmed by the association and approved, with the fees frozen; and one more
        date whose hours still wait for the coordinator."""
        title = "Kokemusasiantuntijat omaisten illassa"
        existing = Request.objects.filter(title=title).first()
        if existing:
            return existing
        first_of_month = self.today.replace(day=1)
        last_month = first_of_month - timedelta(days=1)
        days = [last_month.replace(day=8), last_month.replace(day=22)]
        created = clock.now() - timedelta(days=45)
        request = Request.objects.create(
            organisation=organisation,
            requested_by=self.pori.user,
            title=title,
            description="Kaksi kokemusasiantuntijaa kertoo omaisten illassa toipumisestaan.",
            place=Request.Place.ADDRESS,
            address="Maantiekatu 31",
            municipality=organisation.municipality,
            people_needed=len(people),
            roles=["expert"],
            fee_paid=True,
            answer_by=days[0] - timedelta(days=3),
            status=Request.Status.FILLED,
            created_at=created,
            filled_at=created + timedelta(days=4),
        )
        dates = [
            RequestDate.objects.create(
                request=request,
                start=local_datetime(day, time(17)),
                end=local_datetime(day, time(19, 30)),
            )
            for day in days
        ]
        for n, profile in enumerate(people):
            assignment = Assignment.objects.create(
                request=request, profile=profile, created_at=created, created_by=self.staff
            )
            for d in dates:
                Slot.objects.create(
                    assignment=assignment, date=d, profile=profile, start=d.start, end=d.end
                )
            for i, day in enumerate(days):
                entry = HourEntry.objects.create(
                    assignment=assignment,
                    date=day,
                    hours=Decimal("2.5") if n == 0 else Decimal("2.0"),
                    note="Hyvä ilta, paljon kysymyksiä.",
                    reported_at=clock.now() - timedelta(days=20),
                )
                if i == 0 or n == 0:
                    services.hours_confirm(actor=self.pori.user, entry=entry)
                    services.hours_decide(actor=self.staff, entry=entry, approve=True)
        return request

    def _statement(self):
        month = (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
        organisation = self.pori.organisation
        existing = Report.objects.filter(
            kind=Report.Kind.STATEMENT, organisation=organisation, month=month, status="done"
        ).first()
        if existing:
            return existing
        report = report_create(
            Report,
            kind=Report.Kind.STATEMENT,
            organisation=organisation,
            month=month,
            language="fi",
            requested_by=self.pori.user,
        )
        return report_build(Report, report.pk)
