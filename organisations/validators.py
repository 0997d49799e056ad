"""Finnish identifiers: Business ID (Y-tunnus) and bank reference number (viitenumero)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

REFERENCE_WEIGHTS = (7, 3, 1)


def normalise_business_id(value: str) -> str:
    """'1234567-1', ' 1234567 1 ', '12345671' → '1234567-1'; legacy 6-digit IDs are
    padded with a leading zero ('123456-7' → '0123456-7'). Invalid input is returned
    compacted so that validation can name it."""
    compact = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(compact) == 7:
        compact = "0" + compact
    if len(compact) == 8:
        return f"{compact[:7]}-{compact[7]}"
    return (value or "").strip()


def validate_business_id(value: str) -> None:
    try:
        ytunnus.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "%(value)s is not a valid Business ID: check the format (1234567-8) and the check digit."
            ),
            code="invalid_business_id",
            params={"value": value},
        ) from None
    if value != normalise_business_id(value):
        raise ValidationError(
            _("Write the Business ID as seven digits, a hyphen and the check digit."),
            code="business_id_format",
        )


def reference_check_digit(base: str) -> int:
    """Weights 7, 3, 1 repeating from the right; check = (10 − sum mod 10) mod 10."""
    total = sum(int(digit) * REFERENCE_WEIGHTS[i % 3] for i, digit in enumerate(reversed(base)))
    return (10 - total % 10) % 10


def make_reference_number(base: int | str) -> str:
    base = str(base)
    if not base.isdigit() or not 3 <= len(base) <= 19:
        raise ValueError("The base of a reference number is 3 to 19 digits.")
    return f"{base}{reference_check_digit(base)}"


def validate_reference_number(value: str) -> None:
    compact = (value or "").replace(" ", "")
    if not compact.isdigit() or not 4 <= len(compact) <= 20:
        raise ValidationError(_("A reference number has 4 to 20 digits."), code="reference_length")
    if reference_check_digit(compact[:-1]) != int(compact[-1]):
        raise ValidationError(
            _("The check digit of the reference number %(value)s is wrong."),
            code="reference_check_digit",
            params={"value": value},
        )
