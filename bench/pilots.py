"""Pilots and mini-pilots for the bench data, in every stage of their life cycle, with
partners, municipalities, goals, a status log, indicators with measurements up to today
(or the pilot's end) and an evaluation for those completed."""

import datetime
from decimal import Decimal

from bench.db import bulk
from pilots.models import (
    Evaluation,
    Goal,
    Indicator,
    Measurement,
    Pilot,
    PilotPartner,
    StatusChange,
)

# Finnish name, theme, target group
IDEAS = [
    ("Digituki ikäihmisille", "education", "Yli 65-vuotiaat"),
    ("Työkokeilu yhdistyksissä", "work", "Pitkäaikaistyöttömät"),
    ("Harrastamisen Suomen malli", "leisure", "Alakouluikäiset"),
    ("Yksinäisyyden vähentäminen", "wellbeing", "Yksin asuvat ikäihmiset"),
    ("Kielikahvilat maahan muuttaneille", "education", "Maahan muuttaneet"),
    ("Vapaaehtoisten välityspalvelu", "work", "Vapaaehtoiset"),
    ("Liikuntaluotsit", "wellbeing", "Vähän liikkuvat aikuiset"),
    ("Kulttuurikaveri", "leisure", "Erityistä tukea tarvitsevat"),
    ("Nuorten kohtaamispaikka", "wellbeing", "13–17-vuotiaat"),
    ("Omaishoitajien vertaisryhmät", "wellbeing", "Omaishoitajat"),
]
# name, unit, baseline, target, direction
INDICATORS = [
    ("Osallistujia kuukaudessa", "henkeä", 20, 60, "increase"),
    ("Uusia vapaaehtoisia", "henkeä", 0, 25, "increase"),
    ("Koettu yksinäisyys", "%", 40, 25, "decrease"),
    ("Tapahtumia kuukaudessa", "kpl", 2, 8, "increase"),
    ("Jonotusaika", "päivää", 30, 10, "decrease"),
    ("Tyytyväisyys", "asteikko 1–5", 3, 4.5, "increase"),
]
FLOW = ["idea", "planning", "running", "evaluating", "completed"]
STEP = {"monthly": 30, "quarterly": 91, "weekly": 7}


def _status(rng, start, end, today):
    if start > today:
        return rng.choice(["idea", "planning"])
    if end and end < today:
        return rng.choices(["completed", "evaluating", "stopped"], [7, 2, 1])[0]
    return "running"


def generate(rng, *, count, people, today, first_day):
    orgs = [o[0] for o in people.organisations]
    span = (today - first_day).days + 180
    rows, plans = [], []
    for n in range(count):
        name, theme, target = IDEAS[n % len(IDEAS)]
        lead = rng.choice(orgs)
        m = rng.choice(people.municipalities)
        title = f"{name} – {m.name_fi}" + (f" {n // len(IDEAS) + 1}" if n >= len(IDEAS) else "")
        start = first_day + datetime.timedelta(days=rng.randrange(span))
        end = start + datetime.timedelta(days=rng.randint(90, 540)) if rng.random() < 0.9 else None
        status = _status(rng, start, end, today)
        rows.append(
            Pilot(
                name=title,
                name_fi=title,
                kind="mini" if rng.random() < 0.4 else "pilot",
                theme=theme,
                status=status,
                target_group=target,
                target_group_fi=target,
                description_fi=f"{name}: kokeillaan uutta toimintamallia yhdessä kumppanien kanssa.",
                need_fi="Tarve nousi esiin jäsenyhdistysten kyselyssä ja kuntien palautteessa.",
                lead_organisation_id=lead,
                start_date=start,
                end_date=end,
                budget=Decimal(rng.randrange(2, 200) * 1000),
                responsible_id=people.staff_id,
                is_public=rng.random() < 0.6,
            )
        )
        plans.append((lead, m.pk, status))
    pilots = bulk(Pilot, rows)

    partners, places, goals, changes, indicators = [], [], [], [], []
    through = Pilot.municipalities.through
    roles = [r for r, _ in PilotPartner.Role.choices]
    for pilot, (lead, municipality, status) in zip(pilots, plans, strict=True):
        others = [o for o in rng.sample(orgs, min(len(orgs), 5)) if o != lead]
        for org in others[: rng.randint(1, 4)]:
            partners.append(PilotPartner(pilot=pilot, organisation_id=org, role=rng.choice(roles)))
        places.append(through(pilot_id=pilot.pk, municipality_id=municipality))
        for order in range(rng.randint(2, 3)):
            text = rng.choice(
                [
                    "Tavoittaa uusia osallistujia",
                    "Vakiinnuttaa toimintamalli",
                    "Lisätä yhteistyötä kunnan kanssa",
                    "Kouluttaa vapaaehtoisia",
                ]
            )
            goals.append(Goal(pilot=pilot, order=order, text=text, text_fi=text))
        path = FLOW[: FLOW.index(status) + 1] if status in FLOW else FLOW[:3] + ["stopped"]
        day = pilot.start_date - datetime.timedelta(days=60)
        for before, after in zip([""] + path[:-1], path, strict=True):
            changes.append(
                StatusChange(
                    pilot=pilot,
                    from_status=before,
                    to_status=after,
                    changed_on=min(day, today),
                    changed_by_id=people.staff_id,
                )
            )
            day += datetime.timedelta(days=30 if after in ("idea", "planning") else 120)
        for order, (name, unit, base, goal, direction) in enumerate(
            rng.sample(INDICATORS, rng.randint(2, 4))
        ):
            indicators.append(
                Indicator(
                    pilot=pilot,
                    order=order,
                    name=name,
                    name_fi=name,
                    unit=unit,
                    baseline=Decimal(str(base)),
                    target=Decimal(str(goal)),
                    direction=direction,
                    interval=rng.choice(["monthly", "monthly", "quarterly"]),
                    data_source="Osallistujalistat ja kyselyt",
                )
            )
    bulk(PilotPartner, partners)
    bulk(through, places)
    bulk(Goal, goals)
    bulk(StatusChange, changes)
    indicators = bulk(Indicator, indicators)

    pilot_by_id = {p.pk: p for p in pilots}
    measurements = []
    for indicator in indicators:
        pilot = pilot_by_id[indicator.pilot_id]
        if pilot.status in ("idea", "planning"):
            continue
        last = min(pilot.end_date or today, today)
        steps = max(1, (last - pilot.start_date).days // STEP[indicator.interval])
        for i in range(1, steps + 1):
            day = pilot.start_date + datetime.timedelta(days=i * STEP[indicator.interval])
            if day > last:
                break
            share = Decimal(i) / Decimal(steps) * Decimal(str(rng.uniform(0.6, 1.1)))
            value = indicator.baseline + (indicator.target - indicator.baseline) * share
            measurements.append(
                Measurement(
                    indicator=indicator,
                    measured_on=day,
                    value=value.quantize(Decimal("0.01")),
                    entered_by_id=people.staff_id,
                )
            )
    bulk(Measurement, measurements)
    evaluations = [
        Evaluation(
            pilot=p,
            results="Toimintamalli tavoitti kohderyhmän hyvin.",
            impact="Osallistujien kokema yksinäisyys väheni.",
            lessons="Yhteistyö kunnan kanssa kannattaa sopia heti alussa.",
            recommendation=rng.choice(["scale_up", "continue", "change"]),
            evaluator="Yhteisökeskuksen arviointiryhmä",
            evaluated_on=min(p.end_date or today, today),
        )
        for p in pilots
        if p.status == "completed"
    ]
    bulk(Evaluation, evaluations)
    return {
        "pilots": len(pilots),
        "pilot partners": len(partners),
        "indicators": len(indicators),
        "measurements": len(measurements),
        "evaluations": len(evaluations),
    }
