"""Demo data for local use: about 60 Satakunta associations with memberships and fees,
and four demo accounts. Safe to run again and again (everything is matched by Business
ID, email or year); refuses to run when DEBUG is off."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisations import demo_network, services
from organisations.models import (
    FieldOfActivity,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Representative,
)
from yhteisokeskus import clock

DEMO_PASSWORD = "demo-salasana-2026"
STAFF_GROUP = "Henkilökunta"
STAFF_EMAIL = "henkilokunta@example.fi"
PORI_REPRESENTATIVE = "edustaja.pori@example.fi"
RAUMA_REPRESENTATIVE = "edustaja.rauma@example.fi"
PERSON_EMAIL = "henkilo@example.fi"

# Municipality numbers (Statistics Finland).
PORI, RAUMA, ULVILA, HARJAVALTA, KANKAANPAA, HUITTINEN = "609", "684", "886", "079", "214", "102"
EURA, NAKKILA, KOKEMAKI, SAKYLA, MERIKARVIA, POMARKKU = "050", "531", "271", "783", "484", "608"
SIIKAINEN, JAMIJARVI, KARVIA, EURAJOKI = "747", "181", "230", "051"

MEMBER, APPLIED, NONE, DISSOLVED = "member", "applied", "none", "dissolved"

# (municipality, name in Finnish, fields of activity, description in Finnish, membership,
#  optional names/descriptions in Swedish and English)
ASSOCIATIONS = [
    (
        PORI,
        "Porin Seudun Mielenterveysyhdistys ry",
        ["social-health"],
        "Vertaistukea, kohtaamispaikkatoimintaa ja virkistystä mielenterveyskuntoutujille ja heidän läheisilleen Porin seudulla.",
        MEMBER,
        {
            "name_sv": "Björneborgsnejdens mentalvårdsförening rf",
            "name_en": "Pori Region Mental Health Association",
            "description_en": "Peer support, a drop-in centre and recreation for mental health rehabilitees and their families.",
        },
    ),
    (
        RAUMA,
        "Rauman Eläkkeensaajat ry",
        ["social-health", "leisure"],
        "Eläkeläisten liikunta-, kulttuuri- ja retkitoimintaa sekä edunvalvontaa Raumalla.",
        MEMBER,
        {"name_sv": "Raumo pensionstagare rf", "name_en": "Rauma Pensioners' Association"},
    ),
    (
        ULVILA,
        "Ulvilan 4H-yhdistys ry",
        ["other", "leisure"],
        "Nuorten työllistämistä, kerhoja ja leirejä ulvilalaisille lapsille ja nuorille.",
        MEMBER,
        {"name_en": "Ulvila 4-H Association"},
    ),
    (
        PORI,
        "Porin Kuoroyhdistys ry",
        ["culture"],
        "Sekakuoro, joka konsertoi Porin seudulla ja osallistuu kuorofestivaaleille.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Jazzin Ystävät ry",
        ["culture"],
        "Jazzmusiikin harrastajien yhdistys: klubi-iltoja, konsertteja ja talkootyötä festivaaleilla.",
        MEMBER,
        {"name_en": "Friends of Pori Jazz"},
    ),
    (
        PORI,
        "Porin Omaishoitajat ry",
        ["social-health"],
        "Tukea, tietoa ja virkistystä omaistaan hoitaville Porissa ja lähikunnissa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Seudun Näkövammaiset ry",
        ["social-health"],
        "Näkövammaisten edunvalvontaa, vertaistukea ja harrastustoimintaa.",
        MEMBER,
        {"name_sv": "Synskadade i Björneborgsnejden rf"},
    ),
    (
        PORI,
        "Porin Kaupunginosayhdistys Itätuuli ry",
        ["leisure", "other"],
        "Asukastoimintaa, tapahtumia ja lähiympäristön kehittämistä Itä-Porissa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Ladun Hiihtäjät ry",
        ["sports"],
        "Hiihto- ja ulkoilulatujen talkoita sekä retkiä kaikenikäisille.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Partiolaiset ry",
        ["leisure", "other"],
        "Partiotoimintaa lapsille, nuorille ja aikuisille Porissa.",
        MEMBER,
        {"name_sv": "Björneborgs scouter rf", "name_en": "Pori Scouts"},
    ),
    (
        PORI,
        "Satakunnan Maahanmuuttajien Tuki ry",
        ["social-health", "defence-international"],
        "Kotoutumista tukevaa toimintaa, suomen kielen kerhoja ja neuvontaa maahanmuuttajille.",
        MEMBER,
        {
            "name_en": "Satakunta Immigrant Support Association",
            "description_en": "Integration support, Finnish language clubs and advice for immigrants.",
        },
    ),
    (
        PORI,
        "Porin Reserviupseerit ry",
        ["defence-international"],
        "Maanpuolustustahdon ylläpitoa, ammunta- ja koulutustoimintaa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Seudun Yrittäjät ry",
        ["professional-business"],
        "Paikallisten yrittäjien edunvalvontaa ja verkostoitumista.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Teatteriyhdistys ry",
        ["culture"],
        "Harrastajateatteri, joka tekee kaksi ensi-iltaa vuodessa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Shakkikerho ry",
        ["leisure"],
        "Shakkia kaikentasoisille: viikkoturnauksia ja junioriryhmä.",
        NONE,
        {},
    ),
    (
        PORI,
        "Porin Seudun Syöpäyhdistys ry",
        ["social-health"],
        "Syöpään sairastuneiden ja heidän läheistensä tukea ja neuvontaa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Työttömät ry",
        ["social-health", "other"],
        "Työttömien yhdistys: ruokailu, kuntouttava työtoiminta ja neuvonta.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Martat ry",
        ["leisure", "culture"],
        "Kodin arjen taitoja, ruokakursseja ja yhteisöllistä toimintaa.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Vanhan Kaupungin Kotiseutuyhdistys ry",
        ["culture"],
        "Kotiseutuhistorian tallentamista, kävelykierroksia ja julkaisuja.",
        DISSOLVED,
        {},
    ),
    (
        RAUMA,
        "Rauman Seudun Kehitysvammaisten Tuki ry",
        ["social-health"],
        "Kehitysvammaisten ja heidän perheidensä edunvalvontaa ja virkistystoimintaa.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Pitsiyhdistys ry",
        ["culture"],
        "Nypläysperinteen vaalimista, kursseja ja Pitsiviikon näyttelyitä.",
        MEMBER,
        {
            "name_sv": "Raumo spetsförening rf",
            "name_en": "Rauma Lace Association",
            "description_en": "Keeping the bobbin lace tradition alive with courses and exhibitions.",
        },
    ),
    (
        RAUMA,
        "Rauman Meriseura ry",
        ["sports", "leisure"],
        "Purjehdusta, melontaa ja saaristoretkiä sekä junioreiden purjehduskoulu.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Mielenterveysseura ry",
        ["social-health"],
        "Kriisityötä, vertaisryhmiä ja mielenterveyden edistämistä.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Nuorisoseura ry",
        ["leisure", "culture"],
        "Kansantanssia, teatteria ja kerhoja lapsille ja nuorille.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Sotaveteraanit ry",
        ["defence-international", "social-health"],
        "Veteraanien ja heidän puolisoidensa tukemista ja perinnetyötä.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Ev.-lut. Seurakuntien Diakoniayhdistys ry",
        ["religion-worldview", "social-health"],
        "Diakoniatyötä ja vapaaehtoistoimintaa yksinäisten ja vähävaraisten hyväksi.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Lukijat ry",
        ["culture"],
        "Lukupiirejä, kirjailijavierailuja ja lukutaidon edistämistä.",
        APPLIED,
        {},
    ),
    (
        ULVILA,
        "Ulvilan Kotiseutuyhdistys ry",
        ["culture"],
        "Ulvilan historian ja perinteiden vaalimista sekä museotoimintaa.",
        MEMBER,
        {},
    ),
    (
        ULVILA,
        "Ulvilan Urheilijat ry",
        ["sports"],
        "Yleisurheilua, pesäpalloa ja liikuntakerhoja ulvilalaisille.",
        MEMBER,
        {},
    ),
    (
        ULVILA,
        "Ulvilan Eläkeläiset ry",
        ["social-health", "leisure"],
        "Virkistystä, retkiä ja kerhoja eläkeläisille.",
        MEMBER,
        {},
    ),
    (
        HARJAVALTA,
        "Harjavallan Seudun Omaishoitajat ry",
        ["social-health"],
        "Omaishoitajien vertaistukea ja virkistyspäiviä.",
        MEMBER,
        {},
    ),
    (
        HARJAVALTA,
        "Harjavallan Kulttuuriyhdistys ry",
        ["culture"],
        "Konsertteja, näyttelyitä ja kesätapahtumia Harjavallassa.",
        MEMBER,
        {},
    ),
    (
        HARJAVALTA,
        "Harjavallan Palloseura ry",
        ["sports"],
        "Jalkapalloa ja futsalia junioreille ja aikuisille.",
        MEMBER,
        {},
    ),
    (
        KANKAANPAA,
        "Kankaanpään Taideyhdistys ry",
        ["culture"],
        "Kuvataiteen harrastajien yhdistys: kursseja, näyttelyitä ja taideleirejä.",
        MEMBER,
        {"name_en": "Kankaanpää Art Society"},
    ),
    (
        KANKAANPAA,
        "Kankaanpään Seudun Muistiyhdistys ry",
        ["social-health"],
        "Muistisairaiden ja heidän läheistensä tukea ja ohjausta.",
        MEMBER,
        {},
    ),
    (
        KANKAANPAA,
        "Kankaanpään Nuorisoseura ry",
        ["leisure", "culture"],
        "Nuorisotilatoimintaa, bändejä ja tapahtumia.",
        MEMBER,
        {},
    ),
    (
        HUITTINEN,
        "Huittisten Eläkkeensaajat ry",
        ["social-health", "leisure"],
        "Eläkeläisten edunvalvontaa, liikuntaa ja matkoja.",
        MEMBER,
        {},
    ),
    (
        HUITTINEN,
        "Huittisten Musiikkiyhdistys ry",
        ["culture"],
        "Puhallinorkesteri ja musiikkikerhoja kaikenikäisille.",
        MEMBER,
        {},
    ),
    (
        HUITTINEN,
        "Huittisten Maa- ja Kotitalousnaiset ry",
        ["professional-business", "leisure"],
        "Maaseudun naisten verkosto: kursseja, ruokaperinnettä ja tapahtumia.",
        NONE,
        {},
    ),
    (
        EURA,
        "Euran Kylät ry",
        ["other"],
        "Kylätoiminnan kattoyhdistys: kylätalot, tapahtumat ja kehittämishankkeet.",
        MEMBER,
        {},
    ),
    (
        EURA,
        "Euran Urheilijat ry",
        ["sports"],
        "Yleisurheilua, hiihtoa ja kuntoliikuntaa Eurassa.",
        MEMBER,
        {},
    ),
    (
        EURA,
        "Euran Mielenterveysyhdistys Tuulikello ry",
        ["social-health"],
        "Kohtaamispaikka ja vertaisryhmiä mielenterveyskuntoutujille.",
        MEMBER,
        {},
    ),
    (
        NAKKILA,
        "Nakkilan Työväen Näyttämö ry",
        ["culture"],
        "Kesäteatteri ja harrastajanäyttämö Nakkilassa.",
        MEMBER,
        {},
    ),
    (
        NAKKILA,
        "Nakkilan Seudun Eläkeläiset ry",
        ["social-health", "leisure"],
        "Kerhoja, liikuntaa ja retkiä eläkeläisille.",
        MEMBER,
        {},
    ),
    (
        KOKEMAKI,
        "Kokemäen Kotiseutuyhdistys ry",
        ["culture"],
        "Paikallishistorian tallentamista ja kotiseutumuseon ylläpitoa.",
        MEMBER,
        {},
    ),
    (
        KOKEMAKI,
        "Kokemäen Pallo ry",
        ["sports"],
        "Pesäpalloa ja salibandyä junioreille.",
        MEMBER,
        {},
    ),
    (
        KOKEMAKI,
        "Kokemäen Vapaaehtoinen Palokunta ry",
        ["other", "defence-international"],
        "Sammutus- ja pelastustoimintaa sekä palokuntanuoret.",
        MEMBER,
        {},
    ),
    (
        SAKYLA,
        "Säkylän Pyhäjärven Suojeluyhdistys ry",
        ["other"],
        "Pyhäjärven vesien ja ympäristön suojelua ja seurantaa.",
        MEMBER,
        {"name_en": "Lake Pyhäjärvi Protection Association (Säkylä)"},
    ),
    (
        SAKYLA,
        "Säkylän Eläkkeensaajat ry",
        ["social-health", "leisure"],
        "Eläkeläisten kerhot, liikunta ja matkat.",
        MEMBER,
        {},
    ),
    (
        MERIKARVIA,
        "Merikarvian Saaristoseura ry",
        ["leisure", "culture"],
        "Saariston perinteiden ja luonnon vaalimista, retkiä ja talkoita.",
        MEMBER,
        {},
    ),
    (
        MERIKARVIA,
        "Merikarvian Yrittäjät ry",
        ["professional-business"],
        "Merikarvialaisten yrittäjien yhteistyötä ja edunvalvontaa.",
        MEMBER,
        {},
    ),
    (
        POMARKKU,
        "Pomarkun Nuorisoseura ry",
        ["leisure", "culture"],
        "Nuorisoseuratalon tapahtumia, kansantanssia ja teatteria.",
        MEMBER,
        {},
    ),
    (
        SIIKAINEN,
        "Siikaisten Kyläyhdistys ry",
        ["other"],
        "Kylien elinvoiman kehittämistä ja yhteisiä tapahtumia.",
        MEMBER,
        {},
    ),
    (
        JAMIJARVI,
        "Jämijärven Liikuntaseura ry",
        ["sports"],
        "Hiihtoa, suunnistusta ja kuntoliikuntaa Hämeenkankaan maastoissa.",
        MEMBER,
        {},
    ),
    (
        KARVIA,
        "Karvian Eläkeläiset ry",
        ["social-health", "leisure"],
        "Eläkeläisten kerho- ja virkistystoimintaa Karvialla.",
        MEMBER,
        {},
    ),
    (
        EURAJOKI,
        "Eurajoen Kotiseutuyhdistys ry",
        ["culture"],
        "Kotiseututyötä, perinnepäiviä ja Vuojoen kartanon tapahtumia.",
        MEMBER,
        {},
    ),
    (
        EURAJOKI,
        "Luvian Saaristolaiset ry",
        ["leisure", "culture"],
        "Entisen Luvian kunnan saariston perinteiden vaalimista, veneilyä ja talkoita.",
        MEMBER,
        {"name_sv": "Luvia skärgårdsbor rf"},
    ),
    (
        EURAJOKI,
        "Eurajoen Urheilijat ry",
        ["sports"],
        "Yleisurheilua ja palloilua eurajokelaisille.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Satakunnan Vihreät ry",
        ["political"],
        "Piirijärjestön paikallista poliittista toimintaa ja keskustelutilaisuuksia.",
        MEMBER,
        {},
    ),
    (
        PORI,
        "Porin Helluntaiseurakunnan Nuoret ry",
        ["religion-worldview", "leisure"],
        "Nuorten iltoja, leirejä ja vapaaehtoistoimintaa.",
        MEMBER,
        {},
    ),
    (
        RAUMA,
        "Rauman Seudun Luontoyhdistys ry",
        ["other", "culture"],
        "Luontoretkiä, lintulaskentoja ja luonnonsuojelua Rauman seudulla.",
        MEMBER,
        {"name_en": "Rauma Region Nature Society"},
    ),
]

FEE_SMALL, FEE_LARGE = Decimal("30.00"), Decimal("60.00")


def demo_business_id(n: int) -> str:
    """A valid Y-tunnus from a range far above those issued so far, so that no demo
    organisation shares a real company's ID (bases whose remainder is 1 are skipped)."""
    base = 4900000 + 7 * n
    while True:
        digits = f"{base:07d}"
        r = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            return f"{digits}-{0 if r == 0 else 11 - r}"
        base += 1


class Command(BaseCommand):
    help = (
        "Load demo data for local use: about 60 Satakunta associations with memberships "
        "and fees, and these demo accounts, all with the password "
        f"{DEMO_PASSWORD!r} and a verified email: {STAFF_EMAIL} (staff), "
        f"{PORI_REPRESENTATIVE} (admin of Porin Seudun Mielenterveysyhdistys ry), "
        f"{RAUMA_REPRESENTATIVE} (admin of Rauman Eläkkeensaajat ry) and {PERSON_EMAIL} "
        "(a plain person). Idempotent. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo data and demo accounts are for local use only: DEBUG is off, so "
                "nothing was created."
            )
        if not Municipality.objects.filter(code=PORI).exists():
            raise CommandError("Municipalities are missing: run migrate first.")
        with transaction.atomic():
            staff = self._accounts()
            organisations = self._organisations(staff)
            self._representatives(organisations)
            demo_network.load(
                staff=staff, organisations=organisations, business_id=demo_business_id
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(organisations)} organisations, 4 demo accounts "
                f"(password {DEMO_PASSWORD})."
            )
        )

    # Accounts ---------------------------------------------------------------------------

    def _user(self, email, *, first_name, last_name, staff=False):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, first_name=first_name, last_name=last_name)
            if hasattr(user, "username"):
                user.username = email
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _accounts(self):
        staff = self._user(STAFF_EMAIL, first_name="Sanna", last_name="Henkilökunta", staff=True)
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="organisations"))
        staff.groups.add(group)
        self._user(PORI_REPRESENTATIVE, first_name="Pekka", last_name="Porilainen")
        self._user(RAUMA_REPRESENTATIVE, first_name="Riitta", last_name="Raumalainen")
        self._user(PERSON_EMAIL, first_name="Heli", last_name="Henkilö")
        return staff

    # Organisations ----------------------------------------------------------------------

    def _organisations(self, staff):
        today = clock.today()
        municipalities = {m.code: m for m in Municipality.objects.all()}
        fields = {f.code: f for f in FieldOfActivity.objects.all()}
        organisations = {}
        for n, (code, name, field_codes, description, state, extra) in enumerate(ASSOCIATIONS):
            business_id = demo_business_id(n)
            organisation = Organisation.objects.filter(business_id=business_id).first()
            if organisation is None:
                organisation = services.organisation_create(
                    name_fi=name,
                    description_fi=description,
                    business_id=business_id,
                    register_number=str(180000 + 37 * n),
                    municipality=municipalities[code],
                    fields_of_activity=[fields[c] for c in field_codes],
                    email=f"info{n + 1}@yhdistys.example.fi",
                    phone=f"02 {630 + n % 90:03d} {1000 + n:04d}",
                    is_public=True,
                    status=(
                        Organisation.Status.DISSOLVED
                        if state == DISSOLVED
                        else Organisation.Status.ACTIVE
                    ),
                    **extra,
                )
            organisations[name] = organisation
            self._membership(organisation, n, state, staff, today)
        return organisations

    def _membership(self, organisation, n, state, staff, today):
        if state == NONE or organisation.memberships.exists():
            return
        since = datetime.date(today.year - 1 - n % 6, 1 + n % 12, 1)
        if state == APPLIED:
            Membership.objects.create(
                organisation=organisation,
                status=Membership.Status.APPLIED,
                application_text="Haluamme mukaan yhteisökeskuksen toimintaan ja tilojen käyttäjiksi.",
            )
            return
        if state == DISSOLVED:
            Membership.objects.create(
                organisation=organisation,
                status=Membership.Status.ENDED,
                member_since=since,
                ended_on=datetime.date(today.year - 1, 12, 31),
                decided_by=staff,
            )
            return
        membership = Membership.objects.create(
            organisation=organisation,
            status=Membership.Status.ACTIVE,
            member_since=since,
            decided_by=staff,
        )
        amount = FEE_LARGE if n % 3 == 0 else FEE_SMALL
        for year in (today.year - 1, today.year):
            if (
                year < since.year
                or MembershipFee.objects.filter(membership=membership, year=year).exists()
            ):
                continue
            fee = services.membership_fee_create(
                membership=membership,
                year=year,
                amount=amount,
                due_date=datetime.date(year, 3, 31),
            )
            # Last year's fees are paid; this year's by about two in three.
            if year < today.year or n % 3 != 1:
                services.membership_fee_mark_paid(
                    fee=fee, paid_on=min(datetime.date(year, 3, 15), today)
                )

    def _representatives(self, organisations):
        User = get_user_model()
        for email, name in (
            (PORI_REPRESENTATIVE, "Porin Seudun Mielenterveysyhdistys ry"),
            (RAUMA_REPRESENTATIVE, "Rauman Eläkkeensaajat ry"),
        ):
            Representative.objects.update_or_create(
                user=User.objects.get(email__iexact=email),
                organisation=organisations[name],
                defaults={
                    "role": Representative.Role.ADMIN,
                    "status": Representative.Status.APPROVED,
                },
            )
