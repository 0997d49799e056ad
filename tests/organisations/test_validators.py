import pytest
from django.core.exceptions import ValidationError

from organisations.validators import (
    make_reference_number,
    normalise_business_id,
    validate_business_id,
    validate_reference_number,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0737546-2", "0737546-2"),
        (" 0737546 2 ", "0737546-2"),
        ("07375462", "0737546-2"),
        ("737546-2", "0737546-2"),  # legacy 6-digit ID, padded
    ],
)
def test_business_id_is_normalised(raw, expected):
    assert normalise_business_id(raw) == expected
    validate_business_id(normalise_business_id(raw))


@pytest.mark.parametrize("bad", ["0737546-3", "1234567", "abc", "0737546-1x"])
def test_invalid_business_id_is_refused(bad):
    with pytest.raises(ValidationError):
        validate_business_id(normalise_business_id(bad))


def test_reference_numbers_follow_the_7_3_1_rule():
    # 1232 and 1009 are the textbook examples; 1234561 → 7+18+5+28+9+2+7 = 76 → 4.
    assert make_reference_number("123") == "1232"
    assert make_reference_number("100") == "1009"
    assert make_reference_number("1234561") == "12345614"
    validate_reference_number("12345614")
    with pytest.raises(ValidationError):
        validate_reference_number("12345613")
    with pytest.raises(ValidationError):
        validate_reference_number("12")
