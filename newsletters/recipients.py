"""Who an issue goes to: the confirmed subscribers of its self-subscribed lists, and the
addresses its register lists select, each once (lower-cased), without suppressed
addresses. A subscriber's own language wins over a register list's."""

from organisations.models import Organisation, Representative

from .models import MailingList, Subscriber, Suppression, email_hash


def _organisations(mailing_list: MailingList):
    organisations = Organisation.objects.active()
    if mailing_list.kind == MailingList.Kind.MEMBER_CONTACTS:
        organisations = organisations.members()
    municipalities = list(mailing_list.municipalities.values_list("pk", flat=True))
    if municipalities:
        organisations = organisations.filter(municipality__in=municipalities)
    fields = list(mailing_list.fields_of_activity.values_list("pk", flat=True))
    if fields:
        organisations = organisations.filter(fields_of_activity__in=fields)
    return organisations


def register_addresses(mailing_list: MailingList) -> list[str]:
    if mailing_list.kind == MailingList.Kind.REPRESENTATIVES:
        representatives = Representative.objects.approved().filter(
            organisation__in=_organisations(mailing_list).values("pk"), user__is_active=True
        )
        if mailing_list.role:
            representatives = representatives.filter(role=mailing_list.role)
        return list(representatives.values_list("user__email", flat=True))
    return list(_organisations(mailing_list).values_list("email", flat=True).distinct())


def recipients_for(issue) -> dict[str, tuple[str, int | None]]:
    recipients: dict[str, tuple[str, int | None]] = {}
    lists = list(issue.lists.all())
    for mailing_list in lists:
        if mailing_list.from_register:
            for email in register_addresses(mailing_list):
                email = (email or "").strip().lower()
                if email:
                    recipients.setdefault(email, (mailing_list.language, None))
    subscribers = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED,
        lists__in=[m for m in lists if not m.from_register],
    ).distinct()
    for subscriber in subscribers:
        recipients[subscriber.email.lower()] = (subscriber.language, subscriber.pk)
    suppressed = set(
        Suppression.objects.filter(
            email_hash__in=[email_hash(email) for email in recipients]
        ).values_list("email_hash", flat=True)
    )
    return {e: value for e, value in recipients.items() if email_hash(e) not in suppressed}
