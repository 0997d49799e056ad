import datetime

from django.utils import formats, translation


def test_dates_are_written_day_first_in_every_language():
    day = datetime.date(2026, 1, 8)
    expected = {"fi": "8.1.2026", "sv": "8.1.2026", "en": "8.1.2026"}
    for code, text in expected.items():
        with translation.override(code):
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == text


def test_finland_swedish_accepts_finnish_date_input():
    with translation.override("sv"):
        assert "%d.%m.%Y" in formats.get_format("DATE_INPUT_FORMATS")
