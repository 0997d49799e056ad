import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from stdnum.fi import ytunnus

from core import clock
from organisations.models import (
    ContactPerson,
    CooperationGroup,
    FieldOfActivity,
    GroupMember,
    Meeting,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Partnership,
    Region,
    Representative,
    WellbeingCounty,
)
from organisations.validators import make_reference_number


def business_id(n: int) -> str:
    """A valid, unique Y-tunnus for the n-th organisation (bases with remainder 1 are
    never issued, so they are skipped)."""
    base = 2000000 + 2 * n
    while True:
        digits = f"{base:07d}"
        r = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            candidate = f"{digits}-{0 if r == 0 else 11 - r}"
            assert ytunnus.is_valid(candidate)
            return candidate
        base += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")
    password = factory.django.Password("salasana-123")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """allauth requires a verified address; every factory user has one."""
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "04"
    name_fi = "Satakunta"
    name_sv = "Satakunta"
    name_en = "Satakunta"


class WellbeingCountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WellbeingCounty
        django_get_or_create = ("code",)

    code = "06"
    name_fi = "Satakunnan hyvinvointialue"
    name_sv = "Satakunta välfärdsområde"
    name_en = "Satakunta wellbeing services county"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "609"
    name_fi = "Pori"
    name_sv = "Björneborg"
    name_en = "Pori"
    language_status = Municipality.LanguageStatus.FINNISH
    region = factory.SubFactory(RegionFactory)
    wellbeing_county = factory.SubFactory(WellbeingCountyFactory)


class FieldOfActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfActivity
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name_fi = factory.Sequence(lambda n: f"Toimiala {n}")
    name_sv = factory.Sequence(lambda n: f"Verksamhetsområde {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = Organisation.Kind.ASSOCIATION
    name_fi = factory.Sequence(lambda n: f"Porin yhdistys {n} ry")
    description_fi = "Paikallinen yhdistys."
    business_id = factory.Sequence(business_id)
    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"info{n}@yhdistys.example.fi")
    is_public = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    status = Membership.Status.ACTIVE
    member_since = factory.LazyFunction(lambda: clock.today().replace(month=1, day=1))


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Representative.Role.ADMIN
    status = Representative.Status.APPROVED


class MembershipFeeFactory(factory.django.DjangoModelFactory):
    """A fee with a correct reference number (made the way the service makes it)."""

    class Meta:
        model = MembershipFee

    membership = factory.SubFactory(MembershipFactory)
    year = factory.LazyFunction(lambda: clock.today().year)
    amount = Decimal("50.00")
    due_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 31))
    reference_number = factory.LazyAttribute(
        lambda o: make_reference_number(f"{o.year:04d}{o.membership.pk:06d}")
    )


# Partnership network ---------------------------------------------------------------------


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Sequence(lambda n: f"Yhteyshenkilö {n}")
    title = "Järjestöyhdyshenkilö"
    organisation = factory.SubFactory(OrganisationFactory)
    service_area = ""
    email = factory.Sequence(lambda n: f"yhteys{n}@example.fi")
    phone = "044 123 4567"
    legal_basis = ContactPerson.LegalBasis.LEGITIMATE_INTEREST


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(OrganisationFactory)
    kind = Partnership.Kind.AGREEMENT
    title = factory.Sequence(lambda n: f"Yhteistyösopimus {n}")
    starts_on = factory.LazyFunction(lambda: clock.today().replace(month=1, day=1))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on.replace(year=o.starts_on.year + 1))
    description = "Yhteistyö järjestöjen tukemiseksi."


class CooperationGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationGroup

    name_fi = factory.Sequence(lambda n: f"Yhdistysten yhteistyöryhmä {n}")
    name_sv = factory.Sequence(lambda n: f"Föreningarnas samarbetsgrupp {n}")
    description_fi = "Alueen yhdistysten yhteistyöryhmä."
    convener = factory.SubFactory(OrganisationFactory)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(CooperationGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(CooperationGroupFactory)
    title = factory.Sequence(lambda n: f"Kokous {n}")
    start = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place = "Järjestötalo, Yrjönkatu 1, Pori"
    agenda = "1. Kokouksen avaus\n2. Ajankohtaiset asiat"
