"""Demo news and newsletters for local use: four news items, two lists (the monthly
letter people subscribe to, and the contact addresses of member associations),
subscribers in Finnish, Swedish and English with their consent records, last month's
issue sent (through the real outbox, to an in-memory mailbox: the demo addresses are
not real) and so in the archive, and this month's issue as a draft.

Run after the other demo commands (`make run` does): the issues gather their demo events
and trainings. Idempotent: each thing is matched by its Finnish name and made once.
Refuses to run when DEBUG is off."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core import clock
from newsletters import services
from newsletters.mail import send_issues
from newsletters.models import Issue, MailingList, NewsItem, Subscriber
from organisations.demo_data import STAFF_EMAIL

NEWS = [
    {
        "title_fi": "Aamukahvit järjestöille joka kuun ensimmäinen tiistai",
        "title_sv": "Morgonkaffe för föreningar den första tisdagen varje månad",
        "title_en": "Morning coffee for associations on the first Tuesday of every month",
        "lead_fi": "Hyvinvointialue ja yhteisökeskus kertovat ajankohtaisista asioista.",
        "lead_sv": "Välfärdsområdet och resurscentret berättar om aktuella frågor.",
        "lead_en": "The wellbeing services county and the centre share current news.",
        "body_fi": "Tervetuloa aamukahville Me-taloon tai etänä. Ilmoittautumista ei tarvita.",
        "days_ago": 2,
    },
    {
        "title_fi": "Yhdistysten avustushaku avautuu tammikuussa",
        "title_sv": "Ansökan om föreningsbidrag öppnar i januari",
        "title_en": "Association grants open for applications in January",
        "lead_fi": "Kuntien ja hyvinvointialueen järjestöavustukset haettavana.",
        "lead_sv": "Kommunernas och välfärdsområdets föreningsbidrag kan sökas.",
        "lead_en": "Grants of the municipalities and the county open for applications.",
        "body_fi": "Hakuohjeet julkaistaan joulukuun aikana.",
        "days_ago": 6,
    },
    {
        "title_fi": "Me-talon kokoushuoneisiin uudet induktiosilmukat",
        "title_sv": "Nya induktionsslingor i Me-husets mötesrum",
        "title_en": "New induction loops in the meeting rooms of Me-talo",
        "lead_fi": "Kaikissa kokoushuoneissa on nyt induktiosilmukka.",
        "lead_sv": "Alla mötesrum har nu induktionsslinga.",
        "lead_en": "Every meeting room now has an induction loop.",
        "body_fi": "Silmukat asennettiin marraskuussa.",
        "days_ago": 20,
    },
    {
        "title_fi": "Järjestöfoorumi kokosi 80 osallistujaa",
        "title_sv": "Föreningsforumet samlade 80 deltagare",
        "title_en": "The association forum gathered 80 participants",
        "lead_fi": "Foorumissa keskusteltiin yhteistyöstä hyvinvointialueen kanssa.",
        "lead_sv": "På forumet diskuterades samarbetet med välfärdsområdet.",
        "lead_en": "The forum discussed cooperation with the wellbeing services county.",
        "body_fi": "Foorumin materiaalit ovat saatavilla yhteisökeskuksesta.",
        "days_ago": 40,
    },
]

LISTS = [
    {
        "name_fi": "Yhteisökeskuksen kuukausikirje",
        "name_sv": "Resurscentrets månadsbrev",
        "name_en": "Monthly letter of the resource centre",
        "description_fi": "Tapahtumat, koulutukset ja uutiset kerran kuussa.",
        "description_sv": "Evenemang, utbildningar och nyheter en gång i månaden.",
        "description_en": "Events, trainings and news once a month.",
        "kind": MailingList.Kind.SUBSCRIBED,
        "is_public": True,
        "order": 1,
    },
    {
        "name_fi": "Jäsenyhdistysten yhteysosoitteet",
        "name_sv": "Medlemsföreningarnas kontaktadresser",
        "name_en": "Contact addresses of member associations",
        "kind": MailingList.Kind.MEMBER_CONTACTS,
        "is_public": False,
        "order": 2,
    },
]

SUBSCRIBERS = [
    ("lukija.fi@example.fi", "fi"),
    ("lasare.sv@example.fi", "sv"),
    ("reader.en@example.fi", "en"),
]


class Command(BaseCommand):
    help = "Demo news, mailing lists, subscribers, a sent issue and a draft. Idempotent."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo newsletters are for local use only: DEBUG is off, so nothing was created."
            )
        staff = get_user_model().objects.filter(email=STAFF_EMAIL).first()
        if staff is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        with transaction.atomic():
            self._news(staff)
            lists = self._lists()
            self._subscribers(lists[0])
        self._issues(staff, lists)
        self.stdout.write(self.style.SUCCESS("Demo news and newsletters are in place."))

    def _news(self, staff):
        now = clock.now()
        for data in NEWS:
            data = dict(data)
            days_ago = data.pop("days_ago")
            NewsItem.objects.get_or_create(
                title_fi=data["title_fi"],
                defaults={
                    **data,
                    "published_at": now - timedelta(days=days_ago),
                    "created_by": staff,
                },
            )

    def _lists(self):
        return [
            MailingList.objects.get_or_create(name_fi=data["name_fi"], defaults=data)[0]
            for data in LISTS
        ]

    def _subscribers(self, monthly):
        for email, language in SUBSCRIBERS:
            if Subscriber.objects.filter(email=email).exists():
                continue
            subscriber = services.subscriber_subscribe(
                email=email, language=language, lists=[monthly]
            )
            services.subscriber_confirm(subscriber=subscriber)

    def _issues(self, staff, lists):
        today = clock.today()
        sent_subject = "Marraskuun kuukausikirje"
        if not Issue.objects.filter(subject_fi=sent_subject).exists():
            issue = services.issue_create(
                actor=staff,
                data={
                    "subject_fi": sent_subject,
                    "subject_sv": "Novembers månadsbrev",
                    "subject_en": "November newsletter",
                    "editorial_fi": "Hyvät yhdistystoimijat, tässä kuun tapahtumat ja uutiset.",
                    "editorial_sv": "Bästa föreningsaktiva, här är månadens evenemang och nyheter.",
                    "editorial_en": "Dear association people, here are the month's events and news.",
                    "period_start": today,
                    "period_end": today + timedelta(days=30),
                },
                lists=lists[:1],
            )
            services.issue_send(issue=issue, actor=staff)
            # The real outbox, into an in-memory mailbox: the demo addresses are not real.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                send_issues(limit=1000)
            services.issues_finish()
        draft_subject = "Joulukuun kuukausikirje"
        if not Issue.objects.filter(subject_fi=draft_subject).exists():
            services.issue_create(
                actor=staff,
                data={
                    "subject_fi": draft_subject,
                    "subject_sv": "Decembers månadsbrev",
                    "subject_en": "December newsletter",
                    "editorial_fi": "Rauhallista joulun aikaa!",
                    "editorial_sv": "En fridfull jultid!",
                    "editorial_en": "A peaceful Christmas season!",
                    "period_start": today + timedelta(days=7),
                    "period_end": today + timedelta(days=45),
                },
                lists=lists,
            )
