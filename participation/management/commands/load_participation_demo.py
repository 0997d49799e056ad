"""Demo consultations for local use: an open one with sections and a poll and a few
comments, and a closed one with about a hundred comments from four workshops in
different municipalities of Satakunta, imported through the workshop import and coded
with themes; and the participation model built on them: strategy items, goals linked to
the themes, indicators with measurements, actions towards the goals (the third goal's
progress comes from its actions); and a feedback form of the open meeting place with
three statements and a few answers.

Run after load_demo_data (`make run` does both). Safe to run again: a consultation is
matched by its Finnish title and one that exists is left as it is. Everything goes
through the participation services as the demo staff user. Dates are relative to now.
Refuses to run when DEBUG is off."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from organisations.demo_data import HARJAVALTA, PORI, RAUMA, STAFF_EMAIL, ULVILA
from organisations.models import Municipality, Organisation
from participation import feedback, feedback_authoring, goals, importing, services
from participation.models import (
    Action,
    Comment,
    Consultation,
    FeedbackForm,
    Goal,
    Indicator,
    Poll,
    PollOption,
    Section,
    StrategyItem,
    Theme,
)

OPEN_TITLE = "Yhteisökeskuksen tilat ja aukioloajat"
CLOSED_TITLE = "Satakunnan yhdistysstrategia 2027–2030"

STRATEGY_SECTIONS = [
    ("Yhdistysten yhteistyö", "Samverkan mellan föreningar", "Cooperation between associations"),
    ("Vapaaehtoistoiminta", "Frivilligverksamhet", "Volunteering"),
    ("Viestintä ja näkyvyys", "Kommunikation och synlighet", "Communication and visibility"),
]
THEMES = [
    ("Tilat", "Lokaler", "Premises"),
    ("Rahoitus", "Finansiering", "Funding"),
    ("Vapaaehtoisten jaksaminen", "Frivilligas ork", "Volunteers' wellbeing"),
    ("Nuoret", "Unga", "Young people"),
    ("Viestintä", "Kommunikation", "Communication"),
]
IDEAS = [
    ("Yhteinen tapahtumakalenteri kaikille seudun yhdistyksille", 4),
    ("Koulutusta somen käyttöön ja markkinointiin", 4),
    ("Lisää edullisia kokoustiloja iltaisin", 0),
    ("Hallitustyöhön tarvitaan uusia ihmisiä, erityisesti nuoria", 3),
    ("Vapaaehtoiset uupuvat, jos työ kasautuu muutamalle", 2),
    ("Apurahahakemuksiin kaivataan neuvontaa", 1),
    ("Yhdistysten välinen tavarapankki säästäisi rahaa", 1),
    ("Nuoret mukaan lyhytkestoisiin tehtäviin", 3),
    ("Kuntien tiloista pitäisi tiedottaa paremmin", 0),
    ("Yhteiset tapahtumat lisäisivät näkyvyyttä", 4),
]
# The participation model: strategy items (with the themes they group), and goals with
# an indicator each: (title fi/sv/en, strategy item, themes, indicator, unit, baseline,
# target, measured values by quarter).
STRATEGY = [
    ("Yhdistykset yhdessä", "Föreningar tillsammans", "Associations together", [0, 4]),
    (
        "Jaksava vapaaehtoistoiminta",
        "Hållbar frivilligverksamhet",
        "Sustainable volunteering",
        [2, 3],
    ),
    ("Rahoitus ja tilat kuntoon", "Finansiering och lokaler", "Funding and premises", [0, 1]),
]
GOALS = [
    (
        ("Yhdistysten yhteiset tapahtumat", "Föreningarnas gemensamma evenemang", "Joint events"),
        0,
        [4],
        ("Yhteisiä tapahtumia vuodessa", "yhteistapahtumaa", "4", "12", [5, 7, 8]),
    ),
    (
        ("Nuoret mukaan hallituksiin", "Unga med i styrelserna", "Young people on boards"),
        1,
        [3],
        ("Alle 30-vuotiaiden osuus hallituksissa", "%", "8", "20", [9, 11, 14]),
    ),
    (
        ("Vapaaehtoiset jaksavat", "Frivilliga orkar", "Volunteers keep going"),
        1,
        [2],
        ("Uupumusta kokevien vapaaehtoisten osuus", "%", "35", "20", [33, 30]),
    ),
]
# Actions: (title fi/sv/en, goals by index, responsible, organisation's name or None,
# months from the goals' start to its start and end, status, progress, weight).
ACTIONS = [
    (
        ("Yhteinen tapahtumakalenteri", "En gemensam evenemangskalender", "A shared calendar"),
        [0],
        "Yhteisökeskuksen viestintä",
        None,
        (0, 6),
        Action.Status.DONE,
        100,
        "2",
    ),
    (
        ("Yhdistysmessut joka syksy", "Föreningsmässa varje höst", "An associations' fair"),
        [0],
        "Yhdistysten työryhmä",
        "Porin Kuoroyhdistys ry",
        (8, 44),
        Action.Status.IN_PROGRESS,
        25,
        "1",
    ),
    (
        ("Nuorten hallituskoulu", "Styrelseskola för unga", "A board school for young people"),
        [1, 2],
        "Yhteisökeskus",
        "Ulvilan 4H-yhdistys ry",
        (3, 24),
        Action.Status.IN_PROGRESS,
        60,
        "2",
    ),
    (
        (
            "Vapaaehtoisten vertaistukiryhmät",
            "Kamratstöd för frivilliga",
            "Peer groups for volunteers",
        ),
        [2],
        "Vapaaehtoistoiminnan koordinaattori",
        "Porin Seudun Mielenterveysyhdistys ry",
        (2, 30),
        Action.Status.IN_PROGRESS,
        40,
        "3",
    ),
    (
        (
            "Tehtäväpankki lyhyisiin tehtäviin",
            "Uppgiftsbank för korta uppdrag",
            "A bank of short tasks",
        ),
        [2],
        "Yhteisökeskus",
        None,
        (6, 18),
        Action.Status.PLANNED,
        0,
        "1",
    ),
    (
        ("Valtakunnallinen kampanja", "En riksomfattande kampanj", "A national campaign"),
        [2],
        "Yhteisökeskus",
        None,
        (1, 12),
        Action.Status.CANCELLED,
        10,
        "1",
    ),
]
WORKSHOPS = [
    (PORI, "Porin kaupunginkirjasto", 34, 32),
    (RAUMA, "Rauman Lyseon auditorio", 26, 25),
    (ULVILA, "Ulvilan seurakuntatalo", 18, 22),
    (HARJAVALTA, "Harjavallan kulttuuritalo", 14, 21),
]


class Command(BaseCommand):
    help = "Loads demo consultations (local use only; DEBUG must be on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo consultations are for local use only: DEBUG is off.")
        self.staff = get_user_model().objects.filter(email__iexact=STAFF_EMAIL).first()
        if self.staff is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        made = 0
        with transaction.atomic():
            if not Consultation.objects.filter(title_fi=OPEN_TITLE).exists():
                self._open()
                made += 1
            if not Consultation.objects.filter(title_fi=CLOSED_TITLE).exists():
                self._closed()
                made += 1
            if not Goal.objects.exists():
                self._model()
                made += 1
            if not Action.objects.exists() and Goal.objects.count() >= len(GOALS):
                self._actions()
                made += 1
            if not FeedbackForm.objects.exists():
                self._feedback()
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Demo consultations ready: {made} new."))

    def _municipality(self, code):
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise CommandError(f"Municipality {code} is missing: run load_demo_data first.")
        return municipality

    def _open(self):
        now = clock.now()
        consultation = Consultation.objects.create(
            title_fi=OPEN_TITLE,
            title_sv="Resurscentrets lokaler och öppettider",
            title_en="The resource centre's premises and opening hours",
            introduction_fi="Millaisia tiloja ja aukioloaikoja yhdistyksenne tarvitsee?",
            introduction_sv="Vilka lokaler och öppettider behöver er förening?",
            introduction_en="What premises and opening hours does your association need?",
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=21),
        )
        rooms = Section.objects.create(
            consultation=consultation,
            order=1,
            title_fi="Kokous- ja toimistotilat",
            title_sv="Mötes- och kontorslokaler",
            title_en="Meeting rooms and offices",
            body_fi="Kerro, mitä tiloja käytätte ja mitä puuttuu.",
        )
        hours = Section.objects.create(
            consultation=consultation,
            order=2,
            title_fi="Aukioloajat",
            title_sv="Öppettider",
            title_en="Opening hours",
            body_fi="Avoin kohtaamispaikka on nyt auki arkisin 9–16.",
        )
        poll = Poll.objects.create(
            section=hours,
            question_fi="Milloin tarvitsette tiloja eniten?",
            question_sv="När behöver ni lokalerna mest?",
            question_en="When do you need the premises most?",
        )
        for order, (fi, sv, en) in enumerate(
            [
                ("Arkipäivisin", "Vardagar", "Weekdays"),
                ("Iltaisin", "Kvällar", "Evenings"),
                ("Viikonloppuisin", "Veckoslut", "Weekends"),
            ]
        ):
            PollOption.objects.create(poll=poll, order=order, text_fi=fi, text_sv=sv, text_en=en)
        pori = self._municipality(PORI)
        first = services.comment_create(
            actor=None,
            session_key="demo-1",
            section=rooms,
            text="Iltaisin tarvittaisiin enemmän pieniä kokoushuoneita.",
            name="Maija",
            municipality=pori,
        )
        services.comment_create(
            actor=None,
            session_key="demo-2",
            section=rooms,
            text="Samaa mieltä, ja hallituksen kokouksille oma tila.",
            municipality=pori,
            parent=first,
        )
        services.comment_create(
            actor=None,
            session_key="demo-3",
            section=hours,
            text="Vi skulle gärna ha öppet på lördagar.",
            language="sv",
            municipality=self._municipality(ULVILA),
        )
        for key in ("demo-2", "demo-3", "demo-4"):
            services.comment_vote(actor=None, session_key=key, comment=first)
        for key, option in zip(
            ("demo-1", "demo-2", "demo-3"), itertools.cycle(poll.options.all()), strict=False
        ):
            services.poll_answer(actor=None, session_key=key, poll=poll, option_ids=[option.pk])

    def _closed(self):
        now = clock.now()
        consultation = Consultation.objects.create(
            title_fi=CLOSED_TITLE,
            title_sv="Satakundas föreningsstrategi 2027–2030",
            title_en="The association strategy of Satakunta 2027–2030",
            introduction_fi="Yhdistysstrategia koottiin työpajoissa eri puolilla maakuntaa.",
            opens_at=now - timedelta(days=120),
            closes_at=now - timedelta(days=30),
        )
        sections = [
            Section.objects.create(
                consultation=consultation, order=i, title_fi=fi, title_sv=sv, title_en=en
            )
            for i, (fi, sv, en) in enumerate(STRATEGY_SECTIONS, start=1)
        ]
        themes = [
            Theme.objects.create(consultation=consultation, name_fi=fi, name_sv=sv, name_en=en)
            for fi, sv, en in THEMES
        ]
        for n, (code, place, participants, comments) in enumerate(WORKSHOPS):
            workshop = services.workshop_create(
                actor=self.staff,
                consultation=consultation,
                place=place,
                municipality=self._municipality(code),
                held_on=(now - timedelta(days=100 - 14 * n)).date(),
                participants=participants,
                facilitator="Yhteisökeskuksen työntekijä",
            )
            rows = ["osio;kommentti"]
            for i in range(comments):
                text, _theme = IDEAS[(i + n) % len(IDEAS)]
                rows.append(f"{(i % len(sections)) + 1};{text} ({place.split()[0]}, {i + 1})")
            upload = SimpleUploadedFile("tyopaja.csv", "\n".join(rows).encode())
            importing.comments_import(
                actor=self.staff, workshop=workshop, upload=upload, dry_run=False
            )
        for comment in Comment.objects.filter(section__consultation=consultation):
            idea = next((idea for idea in IDEAS if comment.text.startswith(idea[0])), None)
            if idea is not None:
                services.comment_code(actor=self.staff, comment=comment, themes=[themes[idea[1]]])

    def _model(self):
        """Strategy items over the closed consultation's themes, goals linked to them,
        an indicator each with quarterly measurements, and one comment linked directly."""
        closed = Consultation.objects.get(title_fi=CLOSED_TITLE)
        themes = list(closed.themes.order_by("pk"))
        items = []
        for order, (fi, sv, en, theme_indexes) in enumerate(STRATEGY, start=1):
            item = StrategyItem.objects.create(title_fi=fi, title_sv=sv, title_en=en, order=order)
            item.themes.set([themes[i] for i in theme_indexes])
            items.append(item)
        today = clock.now().date()
        starts = today.replace(month=1, day=1) - timedelta(days=365)
        ends = starts.replace(year=starts.year + 4) - timedelta(days=1)
        for order, ((fi, sv, en), item, theme_indexes, indicator) in enumerate(GOALS, start=1):
            goal = Goal.objects.create(
                title_fi=fi,
                title_sv=sv,
                title_en=en,
                description_fi="Tavoite nousi työpajojen kommenteista ja yhdistysstrategiasta.",
                starts_on=starts,
                ends_on=ends,
                order=order,
            )
            goals.goal_link(
                actor=self.staff,
                goal=goal,
                themes=[themes[i] for i in theme_indexes],
                strategy_items=[items[item]],
            )
            name, unit, baseline, target, values = indicator
            measured = Indicator.objects.create(
                goal=goal,
                name_fi=name,
                unit=unit,
                baseline=baseline,
                target=target,
                frequency=Indicator.Frequency.QUARTERLY,
            )
            for quarter, value in enumerate(values, start=1):
                goals.measurement_add(
                    actor=self.staff,
                    indicator=measured,
                    measured_on=starts + timedelta(days=91 * quarter),
                    value=value,
                    note="Neljännesvuosiseuranta",
                )
        first_goal = Goal.objects.order_by("order").first()
        comment = Comment.objects.filter(
            section__consultation=closed, text__startswith=IDEAS[0][0]
        ).first()
        if comment is not None:
            services.comment_code(
                actor=self.staff,
                comment=comment,
                themes=list(comment.themes.all()),
                goals=[first_goal],
            )

    def _actions(self):
        """Actions towards the demo goals; the third goal's progress comes from them."""
        demo_goals = list(Goal.objects.order_by("order", "pk")[: len(GOALS)])
        starts = demo_goals[0].starts_on
        for order, (
            titles,
            goal_indexes,
            responsible,
            organisation,
            months,
            status,
            progress,
            weight,
        ) in enumerate(ACTIONS, start=1):
            fi, sv, en = titles
            goals.action_save(
                actor=self.staff,
                goals=[demo_goals[i] for i in goal_indexes],
                title_fi=fi,
                title_sv=sv,
                title_en=en,
                responsible=responsible,
                organisation=Organisation.objects.filter(name_fi=organisation).first()
                if organisation
                else None,
                starts_on=starts + timedelta(days=30 * months[0]),
                ends_on=starts + timedelta(days=30 * months[1]),
                status=status,
                progress=progress,
                weight=Decimal(weight),
                order=order,
            )
        by_actions = demo_goals[2]
        goals.goal_save(
            actor=self.staff,
            goal=by_actions,
            themes=by_actions.themes.all(),
            strategy_items=by_actions.strategy_items.all(),
            progress_source=Goal.ProgressSource.ACTIONS,
        )

    def _feedback(self):
        """A feedback form of the open meeting place, three statements, a few answers."""
        form = feedback_authoring.feedback_form_save(
            actor=self.staff,
            title_fi="Avoin kohtaamispaikka",
            title_sv="Den öppna mötesplatsen",
            title_en="The open meeting place",
            open_question_fi="Mitä toivoisit kohtaamispaikalta?",
            open_question_sv="Vad önskar du av mötesplatsen?",
            open_question_en="What would you like from the meeting place?",
            place=None,
            event=None,
            service="Avoin kohtaamispaikka",
            is_active=True,
            statements=[
                {
                    "fi": "Minut otettiin hyvin vastaan.",
                    "sv": "Jag blev väl mottagen.",
                    "en": "I was made welcome.",
                },
                {
                    "fi": "Sain apua tai tietoa, jota tarvitsin.",
                    "sv": "Jag fick den hjälp eller information jag behövde.",
                    "en": "I got the help or information I needed.",
                },
                {
                    "fi": "Tulen kohtaamispaikkaan uudelleen.",
                    "sv": "Jag kommer tillbaka till mötesplatsen.",
                    "en": "I will come back to the meeting place.",
                },
            ],
        )
        statements = list(form.statements.all())
        answers = [
            ((5, 5, 5), "Mukava henkilökunta ja hyvä kahvi."),
            ((4, 3, 4), "Toivoisin iltapäivisin enemmän ohjelmaa."),
            ((3, 3, 4), ""),
            ((5, 5, 5), "Sain apua yhdistyksen perustamiseen."),
            ((4, 2, 3), "Neuvontaa voisi olla useampana päivänä."),
            ((5, 4, 5), ""),
        ]
        for n, (ratings, text) in enumerate(answers):
            feedback.feedback_answer(
                actor=None,
                session_key=f"demo-feedback-{n}",
                form=form,
                ratings={s.pk: r for s, r in zip(statements, ratings, strict=True)},
                text=text,
            )
