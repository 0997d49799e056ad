"""Demo events for local use: about forty events of Satakunta associations over the
coming months, at places around the region, online and in the rooms of Me-talo (booked
through the booking rules), with a weekly open café series, some waiting for moderation,
one returned with a comment, one cancelled and one postponed. Five have pictures drawn
for the demo (events/demo_pictures.py) with alt texts in three languages.

Run after load_demo_data and load_facilities_demo (`make run` does all three). Safe to
run again: keywords and places are matched by code and name, and events are added only
when no demo event is coming up, so a second run creates nothing and a run months later
fills the calendar again. Refuses to run when DEBUG is off."""

from datetime import time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from core.errors import DomainError
from events import demo_pictures, services
from events.demo_data import (
    DEMO_NAMES,
    EVENTS,
    KEYWORDS,
    MARKED,
    PLACES,
    RETURNED,
    SERIES,
    SUBMITTED,
)
from events.models import Event, Keyword, Place
from events.services import EventInput
from facilities.models import Room
from organisations.demo_data import (
    PORI_REPRESENTATIVE,
    STAFF_EMAIL,
    STAFF_GROUP,
)
from organisations.models import Municipality, Organisation


class Command(BaseCommand):
    help = "Load about forty demo events over the coming months. Idempotent; DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo events are for local use only: DEBUG is off.")
        User = get_user_model()
        staff = User.objects.filter(email__iexact=STAFF_EMAIL).first()
        if staff is None:
            raise CommandError("Demo accounts are missing: run load_demo_data first.")
        group = Group.objects.filter(name=STAFF_GROUP).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="events"))
        with transaction.atomic():
            keywords = self._keywords()
            places = self._places()
            if Event.objects.filter(name_fi__in=DEMO_NAMES, end__gt=clock.now()).exists():
                self.stdout.write("Demo events are already coming up; nothing added.")
                return
            count = self._events(staff, keywords, places)
        self.stdout.write(self.style.SUCCESS(f"Demo events ready: {count} events."))

    def _keywords(self):
        keywords = {}
        for code, (fi, sv, en) in KEYWORDS.items():
            keywords[code], _ = Keyword.objects.get_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
            )
        return keywords

    def _places(self):
        places = {}
        for key, (name, street, postal, town, code) in PLACES.items():
            place = Place.objects.filter(name_fi=name, source_key="").first()
            if place is None:
                place = Place.objects.create(
                    name_fi=name,
                    street_address=street,
                    postal_code=postal,
                    post_office=town,
                    municipality=Municipality.objects.get(code=code),
                )
            places[key] = place
        return places

    def _organisation(self, name):
        return Organisation.objects.filter(name_fi=name).first() or Organisation.objects.get(
            name_fi="Porin Seudun Mielenterveysyhdistys ry"
        )

    def _input(self, day, start, end, names, where, kind, keywords, audiences, extras, places):
        extras = dict(extras)
        days = extras.pop("days", 0)
        location = {"place": places.get(where)}
        if where == "online":
            location = {"location_kind": "online", "online_url": "https://meet.example.fi/" + kind}
        elif where == "room":
            room = Room.objects.filter(name_fi="Olohuone-kahvila").first()
            location = (
                {"location_kind": "room", "room": room, "expected_attendees": 15}
                if room
                else {"place": places["promenadi"]}
            )
        fi, translations = names
        name = {"fi": fi}
        if translations:
            name.update(sv=translations[0], en=translations[1])
        return EventInput(
            name=name,
            short_description={"fi": f"{fi} – tervetuloa mukaan!"},
            description={
                "fi": f"{fi}. Tapahtuma on avoin kaikille, jotka ovat kiinnostuneita aiheesta. "
                "Lisätietoja järjestäjältä."
            },
            start_date=day,
            start_time=start,
            end_time=end,
            end_date=day + timedelta(days=days) if days else None,
            kind=kind,
            keywords=keywords,
            audiences=audiences,
            languages=extras.pop("languages", ["fi"]),
            **location,
            **extras,
        )

    def _events(self, staff, keywords, places):
        today = clock.today()
        count = 0

        def save(actor, organisation, data, submit=True):
            nonlocal count
            try:
                event = services.event_save(
                    actor=actor, organisation=organisation, data=data, submit=submit
                )
            except DomainError as error:  # e.g. a demo room booking that collides
                self.stdout.write(f"Skipped {data.name['fi']}: {' '.join(error.messages)}")
                return None
            count += 1
            return event

        for (
            offset,
            start,
            end,
            fi,
            translations,
            org,
            where,
            kind,
            kws,
            audiences,
            extras,
        ) in EVENTS:
            data = self._input(
                today + timedelta(days=offset),
                start,
                end,
                (fi, translations),
                where,
                kind,
                [keywords[k] for k in kws],
                audiences,
                extras,
                places,
            )
            picture = demo_pictures.event_picture(fi)
            if picture is not None:  # drawn for the demo, saved as an upload would be
                data.image, data.image_alt = picture
            if where == "room":
                # Rooms are open on weekdays: move to the next Tuesday.
                data.start_date += timedelta(days=(1 - data.start_date.weekday()) % 7)
            save(staff, self._organisation(org), data)
        # A weekly open café series: a parent with eight dated sub-events.
        organisation = self._organisation("Porin Kaupunginosayhdistys Itätuuli ry")
        first = today + timedelta(days=(2 - today.weekday()) % 7 + 7)
        series_data = self._input(
            first,
            None,
            None,
            (SERIES[0], SERIES[1]),
            "promenadi",
            "meeting_place",
            [keywords["vertaistuki"]],
            ["everyone"],
            {"days": 49},
            places,
        )
        parent = save(staff, organisation, series_data)
        for week in range(8):
            sub = self._input(
                first + timedelta(weeks=week),
                time(13),
                time(15),
                (SERIES[0], SERIES[1]),
                "promenadi",
                "meeting_place",
                [keywords["vertaistuki"]],
                ["everyone"],
                {},
                places,
            )
            sub.super_event = parent
            save(staff, organisation, sub)
        # Waiting for moderation, and one returned with a comment.
        representative = get_user_model().objects.filter(email__iexact=PORI_REPRESENTATIVE).first()
        pori = Organisation.objects.get(name_fi="Porin Seudun Mielenterveysyhdistys ry")
        if representative is not None:
            for offset, start, end, fi, _email in SUBMITTED:
                data = self._input(
                    today + timedelta(days=offset),
                    start,
                    end,
                    (fi, None),
                    "kirjasto",
                    "general",
                    [keywords["vertaistuki"]],
                    ["adults"],
                    {},
                    places,
                )
                save(representative, pori, data)
            offset, start, end, fi, comment = RETURNED
            data = self._input(
                today + timedelta(days=offset),
                start,
                end,
                (fi, None),
                "kirjasto",
                "general",
                [],
                ["adults"],
                {},
                places,
            )
            returned = save(representative, pori, data)
            if returned is not None:
                services.event_return(actor=staff, event=returned, comment=comment)
        for name, status in MARKED:
            Event.objects.filter(name_fi=name, end__gt=clock.now()).update(status=status)
        return count
