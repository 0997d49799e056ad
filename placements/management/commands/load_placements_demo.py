"""Demo placements for local use: three host places in member associations, three
referring authorities, placements of both kinds, the attendance of the past weeks and a
built monthly attendance report for last month.

Run after load_demo_data (`make run` does both). Safe to run again: nothing is made when
the demo participants exist. Placements and attendance go through the services as the
demo staff user and the supervisors, so every limit applies. Dates are relative to
today. Refuses to run when DEBUG is off."""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from core.reports import report_build, report_create
from organisations.demo_data import (
    PERSON_EMAIL,
    PORI_REPRESENTATIVE,
    RAUMA_REPRESENTATIVE,
    STAFF_EMAIL,
)
from organisations.models import Organisation, Representative
from placements import services
from placements.feedback import feedback_give
from placements.models import (
    AttendanceReport,
    Authority,
    Host,
    Participant,
    Placement,
    ReportDispatch,
)

MENTAL_HEALTH = "Porin Seudun Mielenterveysyhdistys ry"
PENSIONERS = "Rauman Eläkkeensaajat ry"
UNEMPLOYED = "Porin Työttömät ry"

HOSTS = [
    (
        MENTAL_HEALTH,
        "Kohtaamispaikan kahvila, siivous ja tapahtumien järjestelyt",
        3,
        "Itsenäisyydenkatu 10, Pori",
        "Esteetön sisäänkäynti ja wc.",
    ),
    (
        PENSIONERS,
        "Toimiston tehtävät, jäsenpostitukset ja kerhojen avustaminen",
        2,
        "Nortamonkatu 5, Rauma",
        "Hissi toiseen kerrokseen.",
    ),
    (
        UNEMPLOYED,
        "Kierrätyskirpputori: lajittelu, hinnoittelu ja myynti",
        4,
        "Satakunnankatu 30, Pori",
        "",
    ),
]
AUTHORITIES = [
    (
        "Porin kaupungin työllisyyspalvelut",
        Authority.Kind.MUNICIPALITY,
        "tyollisyys@pori.example.fi",
    ),
    (
        "Satakunnan työllisyysalue",
        Authority.Kind.EMPLOYMENT_AREA,
        "tyollisyysalue@satakunta.example.fi",
    ),
    (
        "Satakunnan hyvinvointialue",
        Authority.Kind.WELLBEING_COUNTY,
        "aikuissosiaalityo@satakunta.example.fi",
    ),
]
PARTICIPANTS = [
    "Demo Osallistuja Aalto",
    "Demo Osallistuja Berg",
    "Demo Osallistuja Carlsson",
    "Demo Osallistuja Dahl",
]


class Command(BaseCommand):
    help = "Load demo host places, placements, attendance and a monthly report."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo placements are for local use only: DEBUG is off.")
        staff = get_user_model().objects.filter(email__iexact=STAFF_EMAIL).first()
        if staff is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        if Participant.objects.filter(name__in=PARTICIPANTS).exists():
            self.stdout.write("Demo placements exist already.")
            return
        today = clock.today()
        with transaction.atomic():
            hosts = {}
            for name, tasks, capacity, place, accessibility in HOSTS:
                organisation = Organisation.objects.filter(name_fi=name).first()
                if organisation is None:
                    raise CommandError(f"{name} is missing: run load_demo_data first.")
                hosts[name], _ = Host.objects.get_or_create(
                    organisation=organisation,
                    defaults={
                        "tasks": tasks,
                        "capacity": capacity,
                        "place": place,
                        "accessibility": accessibility,
                    },
                )
            authorities = [
                Authority.objects.get_or_create(
                    name=name,
                    defaults={
                        "kind": kind,
                        "contact_email": email,
                        "daily_compensation": Decimal("9.00"),
                    },
                )[0]
                for name, kind, email in AUTHORITIES
            ]
            pori = Representative.objects.get(
                user__email=PORI_REPRESENTATIVE, organisation=hosts[MENTAL_HEALTH].organisation
            )
            rauma = Representative.objects.get(
                user__email=RAUMA_REPRESENTATIVE, organisation=hosts[PENSIONERS].organisation
            )
            people = [
                services.participant_create(actor=staff, name=n, phone="040 000 000")
                for n in PARTICIPANTS
            ]
            # The demo person's account is the first participant's: their own pages.
            people[0].user = get_user_model().objects.filter(email__iexact=PERSON_EMAIL).first()
            people[0].save(update_fields=["user"])

            start = (today - relativedelta(months=2)).replace(day=1)
            specs = [
                (
                    Placement.Kind.REHABILITATIVE,
                    people[0],
                    hosts[MENTAL_HEALTH],
                    pori,
                    authorities[0],
                    start,
                    start + relativedelta(months=6) - timedelta(1),
                    [0, 1, 3],
                    Decimal("4"),
                ),
                (
                    Placement.Kind.REHABILITATIVE,
                    people[1],
                    hosts[MENTAL_HEALTH],
                    pori,
                    authorities[2],
                    start,
                    start + relativedelta(months=3) - timedelta(1),
                    [1, 2],
                    Decimal("5"),
                ),
                (
                    Placement.Kind.WORK_TRIAL,
                    people[2],
                    hosts[PENSIONERS],
                    rauma,
                    authorities[1],
                    start,
                    start + relativedelta(months=4) - timedelta(1),
                    [0, 1, 2, 3, 4],
                    Decimal("6"),
                ),
            ]
            specs.append(
                (
                    Placement.Kind.REHABILITATIVE,
                    people[3],
                    hosts[MENTAL_HEALTH],
                    pori,
                    authorities[0],
                    start,
                    start + relativedelta(months=3) - timedelta(1),
                    [0, 2],
                    Decimal("4"),
                )
            )
            placements = []
            for kind, person, host, supervisor, authority, first, last, weekdays, hours in specs:
                placements.append(
                    services.placement_create(
                        actor=staff,
                        kind=kind,
                        participant=person,
                        host=host,
                        supervisor=supervisor,
                        authority=authority,
                        start_date=first,
                        end_date=last,
                        days_per_week=len(weekdays),
                        hours_per_day=hours,
                        weekdays=weekdays,
                        goals="Päivärytmi, työelämävalmiudet ja osallisuus.",
                        tasks=host.tasks,
                        referrer_reference=f"DEMO-{person.pk}",
                    )
                )
            # One placement ended early, three weeks in.
            placements[3] = services.placement_end(
                actor=staff,
                placement=placements[3],
                outcome=Placement.Status.INTERRUPTED,
                last_day=start + timedelta(20),
                reason="Osallistuja aloitti palkkatyön.",
            )
            marked = 0
            for placement in placements:
                day = placement.start_date
                while day < today and day <= placement.end_date:
                    if day.weekday() in placement.weekdays and not services.is_public_holiday(day):
                        ill = (day.day + placement.pk) % 11 == 0
                        services.attendance_mark(
                            actor=placement.supervisor.user,
                            placement=placement,
                            day=day,
                            status="ill" if ill else "present",
                            hours=None if ill else placement.hours_per_day,
                        )
                        marked += 1
                    day += timedelta(1)
            last_month = (today.replace(day=1) - timedelta(1)).replace(day=1)
            report = report_create(
                AttendanceReport,
                language="fi",
                requested_by=staff,
                authority=authorities[0],
                month=last_month,
            )
        report_build(AttendanceReport, report.pk)
        # Last month's report has gone to the authority (shown as sent, not mailed here).
        ReportDispatch.objects.get_or_create(
            authority=authorities[0],
            month=last_month,
            defaults={"queued_by": staff, "sent_at": clock.now()},
        )
        first = placements[0]
        if first.start_date <= today:
            answers = {"goals_met": 3, "tasks_suited": 4, "guidance": 4, "stage": "midterm"}
            feedback_give(
                actor=first.participant.user,
                placement=first,
                text="Kahvilan työt sopivat minulle, ja ohjaaja on aina tavattavissa.",
                **answers,
            )
            feedback_give(
                actor=first.supervisor.user,
                placement=first,
                text="Tulee ajoissa ja oppii nopeasti; kassatyöhön lisää harjoitusta.",
                **answers,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo placements ready: {len(placements)} placements, {marked} days marked."
            )
        )
