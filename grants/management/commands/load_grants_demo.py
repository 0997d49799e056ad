"""Demo grants for local use: an open call of the wellbeing services county with its
published criteria (prepared with two associations) and a draft of the Pori
representative's association; and a closed call of the centre with three scored
applications (one "not applicable" score, one declared conflict of interest), its
decisions, payments and an accepted final report. Adds the demo external reviewer
arvioija@example.fi.

Run after load_demo_data (`make run` does both). Safe to run again: a call is matched by
its Finnish name and one that exists is left as it is. Everything goes through the grant
services as the demo users, so every rule applies; the closed call is created open, its
applications submitted, and then its closing time is moved into the past before the
decisions. Refuses to run when DEBUG is off."""

from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from grants import services
from grants.models import Application, Call, CriteriaSet, Criterion, Decision
from organisations.demo_data import (
    DEMO_PASSWORD,
    PORI,
    PORI_REPRESENTATIVE,
    RAUMA,
    RAUMA_REPRESENTATIVE,
    STAFF_EMAIL,
    STAFF_GROUP,
)
from organisations.models import Municipality, Organisation, Representative

REVIEWER_EMAIL = "arvioija@example.fi"
COUNTY = "Satakunnan hyvinvointialue"
OPEN_CALL = "Järjestöavustus hyvinvoinnin edistämiseen 2027"
CLOSED_CALL = "Yhteisökeskuksen pienavustukset 2026"
MENTAL_HEALTH = "Porin Seudun Mielenterveysyhdistys ry"
PENSIONERS = "Rauman Eläkkeensaajat ry"
SKIING = "Porin Ladun Hiihtäjät ry"

CRITERIA = [
    # name fi, sv, en, guidance fi, weight, scale max, N/A allowed
    (
        "Vaikuttavuus",
        "Verkningsfullhet",
        "Impact",
        "Miten hanke edistää kohderyhmän hyvinvointia ja miten se mitataan?",
        "3",
        5,
        False,
    ),
    (
        "Kohderyhmän tavoittaminen",
        "Att nå målgruppen",
        "Reaching the target group",
        "Tavoittaako hanke ne, joita muut palvelut eivät tavoita?",
        "2",
        5,
        False,
    ),
    (
        "Yhteistyö muiden järjestöjen kanssa",
        "Samarbete med andra organisationer",
        "Co-operation with other organisations",
        "Arvioi vain, jos hankkeessa on kumppaneita.",
        "1",
        3,
        True,
    ),
]


class Command(BaseCommand):
    help = "Load demo grant calls, applications, reviews, decisions and reports."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo grants are for local use only: DEBUG is off.")
        User = get_user_model()
        self.staff = User.objects.filter(email__iexact=STAFF_EMAIL).first()
        if self.staff is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        self.now = clock.now()
        made = 0
        with transaction.atomic():
            group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
            group.permissions.add(*Permission.objects.filter(content_type__app_label="grants"))
            self.reviewer = self._reviewer()
            self.funder = self._county()
            if not Call.objects.filter(name_fi=OPEN_CALL).exists():
                self._open_call()
                made += 1
            if not Call.objects.filter(name_fi=CLOSED_CALL).exists():
                self._closed_call()
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Demo grants ready: {made} new calls."))

    # People and organisations ---------------------------------------------------------

    def _reviewer(self):
        User = get_user_model()
        user = User.objects.filter(email__iexact=REVIEWER_EMAIL).first()
        if user is None:
            user = User(email=REVIEWER_EMAIL, first_name="Aino", last_name="Arvioija")
            if hasattr(user, "username"):
                user.username = REVIEWER_EMAIL
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=REVIEWER_EMAIL, defaults={"verified": True, "primary": True}
        )
        return user

    def _county(self):
        organisation = Organisation.objects.filter(name_fi=COUNTY).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                kind=Organisation.Kind.WELLBEING_COUNTY,
                name_fi=COUNTY,
                name_sv="Satakunta välfärdsområde",
                name_en="Satakunta Wellbeing Services County",
                municipality=Municipality.objects.filter(code=PORI).first(),
                is_public=True,
            )
        return organisation

    def _organisation(self, name):
        organisation = Organisation.objects.filter(name_fi=name).first()
        if organisation is None:
            raise CommandError(f"{name} is missing: run load_demo_data first.")
        return organisation

    def _representative(self, email):
        rep = (
            Representative.objects.approved()
            .filter(user__email__iexact=email)
            .select_related("user", "organisation")
            .first()
        )
        if rep is None:
            raise CommandError(f"{email} represents no organisation: run load_demo_data first.")
        return rep

    # Calls ------------------------------------------------------------------------------

    def _call(self, *, name, texts, funder, budget, opens, closes, **extra):
        call = Call.objects.create(
            name_fi=name,
            funder=funder,
            budget=Decimal(budget),
            opens_at=opens,
            closes_at=closes,
            is_published=True,
            report_due=(closes + timedelta(days=400)).date(),
            **texts,
            **extra,
        )
        criteria_set = CriteriaSet.objects.create(call=call)
        for order, (fi, sv, en, guidance, weight, top, na) in enumerate(CRITERIA):
            Criterion.objects.create(
                criteria_set=criteria_set,
                order=order,
                name_fi=fi,
                name_sv=sv,
                name_en=en,
                guidance_fi=guidance,
                weight=Decimal(weight),
                scale_max=top,
                allow_na=na,
            )
        partners = [self._organisation(MENTAL_HEALTH), self._organisation(PENSIONERS)]
        services.criteria_approve(actor=self.staff, criteria_set=criteria_set, partners=partners)
        services.criteria_publish(actor=self.staff, criteria_set=criteria_set)
        services.reviewer_assign(actor=self.staff, call=call, user=self.staff)
        services.reviewer_assign(actor=self.staff, call=call, user=self.reviewer)
        return call

    def _apply(self, call, rep, *, project, goals, costs, own, other=Decimal("0"), submit=True):
        requested = costs - own - other
        lines = [
            services.Line("personnel", (costs * Decimal("0.6")).quantize(Decimal("1"))),
            services.Line("materials", costs - (costs * Decimal("0.6")).quantize(Decimal("1"))),
            services.Line("own", own),
        ]
        if other:
            lines.append(services.Line("other_grants", other))
        application = services.application_create(
            actor=rep.user,
            call=call,
            organisation=rep.organisation,
            project_name=project,
            goals=goals,
            target_group="Satakuntalaiset ikäihmiset ja heidän läheisensä",
            municipalities=Municipality.objects.filter(code__in=[PORI, RAUMA]),
            starts_on=(call.closes_at + timedelta(days=30)).date(),
            ends_on=(call.closes_at + timedelta(days=360)).date(),
            requested_amount=requested,
            budget_lines=lines,
        )
        if submit:
            services.application_submit(actor=rep.user, application=application)
        return application

    def _open_call(self):
        call = self._call(
            name=OPEN_CALL,
            texts={
                "name_sv": "Organisationsunderstöd för främjande av välfärd 2027",
                "name_en": "Grants for promoting wellbeing 2027",
                "description_fi": (
                    "Hyvinvointialue tukee yhdistysten toimintaa, joka edistää "
                    "satakuntalaisten hyvinvointia ja terveyttä. Kriteerit on valmisteltu "
                    "yhdessä järjestöjen kanssa."
                ),
                "description_en": (
                    "The wellbeing services county supports associations' work for the "
                    "wellbeing and health of the people of Satakunta. The criteria were "
                    "prepared together with the associations."
                ),
            },
            funder=self.funder,
            budget="60000.00",
            opens=self.now - timedelta(days=7),
            closes=self.now + timedelta(days=30),
            min_grant=Decimal("1000.00"),
            max_grant=Decimal("15000.00"),
            self_financing_percent=Decimal("10.00"),
            first_instalment_percent=Decimal("70.00"),
        )
        pori = self._representative(PORI_REPRESENTATIVE)
        self._apply(
            call,
            pori,
            project="Kohtaamispaikka ikäihmisille",
            goals="Viikoittainen kohtaamispaikka, jossa ikäihmiset saavat vertaistukea.",
            costs=Decimal("9000"),
            own=Decimal("1000"),
            submit=False,
        )

    def _closed_call(self):
        call = self._call(
            name=CLOSED_CALL,
            texts={
                "name_sv": "Resurscentrets småunderstöd 2026",
                "name_en": "Small grants of the resource centre 2026",
                "description_fi": "Pienavustuksia yhdistysten kokeiluihin ja tapahtumiin.",
                "description_en": "Small grants for associations' trials and events.",
            },
            funder=self.funder,
            budget="10000.00",
            opens=self.now - timedelta(days=60),
            closes=self.now + timedelta(minutes=5),
            min_grant=Decimal("500.00"),
            max_grant=Decimal("5000.00"),
            self_financing_percent=Decimal("10.00"),
            first_instalment_percent=Decimal("70.00"),
        )
        pori = self._representative(PORI_REPRESENTATIVE)
        rauma = self._representative(RAUMA_REPRESENTATIVE)
        first = self._apply(
            call,
            pori,
            project="Liikuntaryhmä omaishoitajille",
            goals="Kaksi liikuntaryhmää viikossa omaishoitajille.",
            costs=Decimal("5000"),
            own=Decimal("600"),
            other=Decimal("400"),
        )
        second = self._apply(
            call,
            rauma,
            project="Kesäretket ikäihmisille",
            goals="Kolme kesäretkeä saariston kohteisiin.",
            costs=Decimal("4000"),
            own=Decimal("500"),
        )
        third = self._apply(
            call,
            pori,
            project="Digitaitojen vertaisopastus",
            goals="Vertaisopastajat auttavat digiasioinnissa.",
            costs=Decimal("6000"),
            own=Decimal("1000"),
        )
        # Closed: the deadline passed (moved into the past for the demo).
        Call.objects.filter(pk=call.pk).update(closes_at=self.now - timedelta(days=20))
        call.refresh_from_db()
        criteria = list(first.call.criteria_sets.get().criteria.order_by("order"))
        impact, reach, cooperation = criteria

        def review(user, application, values, comment=""):
            services.review_submit(
                actor=user,
                application=application,
                scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
                comment=comment,
            )

        review(self.staff, first, (4, 5, 3), "Selkeä ja tarpeellinen.")
        review(self.reviewer, first, (5, 4, None), "Kumppanuudet eivät koske tätä.")
        review(self.staff, second, (3, 4, 2))
        services.conflict_declare(
            actor=self.reviewer, application=second, reason="Olen yhdistyksen hallituksessa."
        )
        review(self.staff, third, (3, 2, None))
        review(self.reviewer, third, (2, 3, 1))
        services.proposal_set(
            actor=self.staff, application=first, amount=Decimal("4000.00"), rationale="Paras."
        )
        services.proposal_set(
            actor=self.staff, application=second, amount=Decimal("3000.00"), rationale="Hyvä."
        )
        services.decisions_approve(
            actor=self.staff,
            call=call,
            decisions=[
                services.DecisionInput(
                    application=first,
                    granted=True,
                    amount=Decimal("4000.00"),
                    rationale="Hanke sai haun parhaat pisteet.",
                    conditions="Loppuraportti kirjanpitoineen määräpäivään mennessä.",
                ),
                services.DecisionInput(
                    application=second,
                    granted=True,
                    amount=Decimal("3000.00"),
                    rationale="Hanke tavoittaa yksin asuvia ikäihmisiä.",
                ),
                services.DecisionInput(
                    application=third,
                    granted=False,
                    amount=Decimal("0"),
                    rationale="Haun määräraha ei riittänyt; hanke sai heikommat pisteet.",
                ),
            ],
        )
        for decision in Decision.objects.filter(call=call, outcome="granted"):
            services.payment_mark_paid(actor=self.staff, payment=decision.payments.get(order=1))
        report = services.grant_report_submit(
            actor=pori.user,
            application=first,
            kind="final",
            results="Ryhmiin osallistui 38 omaishoitajaa; 80 % koki jaksavansa paremmin.",
            actuals={"personnel": "3000", "materials": "1800", "own": "600", "other_grants": "400"},
        )
        services.grant_report_check(
            actor=self.staff,
            report=report,
            accept=True,
            used_as_decided=True,
            self_financing_realised=True,
            ledger_attached=True,
            comment="Kiitos selkeästä raportista.",
        )
        services.change_request_create(
            actor=rauma.user,
            application=Application.objects.get(pk=second.pk),
            kind="extend",
            description="Yksi retki siirtyy syksyyn sään vuoksi.",
            new_end_date=(call.closes_at + timedelta(days=420)).date(),
        )
        move = services.change_request_create(
            actor=rauma.user,
            application=Application.objects.get(pk=second.pk),
            kind="move_money",
            description="Retkille tarvitaan bussikuljetus; tarvikkeisiin kuluu vähemmän.",
            move_from="materials",
            move_to="travel",
            move_amount=Decimal("300.00"),
        )
        services.change_request_decide(
            actor=self.staff, change=move, approve=True, note="Siirto sopii hankkeen tavoitteisiin."
        )
