"""Pages of news and newsletters: public news, feeds, subscribing, preferences,
unsubscribing and the archive; the staff pages that compose, preview and send."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import clock
from core.access import staff_required
from core.errors import DomainError, add_error_to_form
from core.pagination import paginate

from . import links, selectors, services
from .forms import IssueForm, PreferencesForm, SubscribeForm
from .gathering import GATHERERS
from .models import LANGUAGES, Issue, IssueDelivery, IssueItem, Subscriber
from .render import issue_body_html

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# --- News ----------------------------------------------------------------------------------


def news_list(request):
    context = paginate(request, selectors.published_news(), 10)
    return render(request, "newsletters/news_list.html", context)


def news_detail(request, pk):
    item = get_object_or_404(selectors.published_news(), pk=pk)
    return render(request, "newsletters/news_detail.html", {"item": item})


# --- Subscribing ------------------------------------------------------------------------


def _rate_limited(request) -> bool:
    """At most NEWSLETTER_SUBSCRIBE_LIMIT attempts per address and window."""
    key = f"newsletters:subscribe:{request.META.get('REMOTE_ADDR', '')}"
    window = settings.NEWSLETTER_SUBSCRIBE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.NEWSLETTER_SUBSCRIBE_LIMIT


def subscribe(request):
    lists = selectors.public_lists()
    language = translation.get_language()
    if request.method == "POST":
        form = SubscribeForm(request.POST, lists=lists)
        if _rate_limited(request):
            form.is_valid()
            form.add_error(None, _("Too many attempts from your address. Please try again later."))
            return render(request, "newsletters/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            if form.cleaned_data["website"]:
                # A bot filled the hidden field: it is told what a person would be, and
                # nothing is saved or sent.
                return redirect("newsletters:subscribe_sent")
            try:
                services.subscriber_subscribe(
                    email=form.cleaned_data["email"],
                    language=form.cleaned_data["language"],
                    lists=form.cleaned_data["lists"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                return redirect("newsletters:subscribe_sent")
    else:
        form = SubscribeForm(lists=lists, initial={"language": language, "lists": list(lists[:1])})
    return render(
        request,
        "newsletters/subscribe.html",
        {"form": form, "consent_text": services.CONSENT_TEXT},
    )


def subscribe_sent(request):
    return render(request, "newsletters/subscribe_sent.html")


def _subscriber_from(token: str, salt: str, max_age: int) -> Subscriber:
    payload = links.unsign(token, salt, max_age=max_age)
    if not payload:
        raise Http404
    return get_object_or_404(Subscriber, pk=payload.get("s"), token=payload.get("t", ""))


def confirm(request, token):
    subscriber = _subscriber_from(token, links.CONFIRM, links.confirm_max_age())
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        raise Http404
    if request.method == "POST":
        subscriber = services.subscriber_confirm(subscriber=subscriber)
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect(links.preferences_path(subscriber))
    return render(request, "newsletters/confirm.html", {"subscriber": subscriber})


def preferences(request, token):
    subscriber = _subscriber_from(token, links.PREFERENCES, links.preferences_max_age())
    if subscriber.status == Subscriber.Status.PENDING:
        raise Http404
    lists = selectors.public_lists()
    if request.method == "POST":
        form = PreferencesForm(request.POST, lists=lists)
        if form.is_valid():
            try:
                subscriber = services.subscriber_update(
                    subscriber=subscriber,
                    language=form.cleaned_data["language"],
                    lists=form.cleaned_data["lists"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("Your choices are saved."))
                return redirect(request.path)
    else:
        form = PreferencesForm(
            lists=lists,
            initial={"language": subscriber.language, "lists": list(subscriber.lists.all())},
        )
    return render(request, "newsletters/preferences.html", {"form": form, "subscriber": subscriber})


@csrf_exempt  # RFC 8058: the mail client posts without a session or a CSRF token
def unsubscribe(request, token):
    """GET shows a button (mail scanners follow links; a GET changes nothing); POST,
    from that button or a mail client's one-click (List-Unsubscribe=One-Click),
    unsubscribes without login. The page is in the reader's language: the link is."""
    payload = links.unsign(token, links.UNSUBSCRIBE)
    if not payload:
        raise Http404
    delivery = get_object_or_404(IssueDelivery.objects.select_related("issue"), pk=payload.get("d"))
    if request.method == "POST":
        services.delivery_unsubscribe(delivery=delivery)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You have been unsubscribed."), content_type="text/plain")
        return render(request, "newsletters/unsubscribed.html", {"delivery": delivery})
    return render(request, "newsletters/unsubscribe.html", {"delivery": delivery})


# --- Archive ------------------------------------------------------------------------------


def archive_list(request):
    context = paginate(request, selectors.archive(), 20)
    return render(request, "newsletters/archive_list.html", context)


def archive_detail(request, pk):
    issue = get_object_or_404(selectors.archive(), pk=pk)
    return render(
        request,
        "newsletters/archive_detail.html",
        {"issue": issue, "body": issue_body_html(issue)},
    )


# --- Staff ----------------------------------------------------------------------------------


@staff_required
def staff_list(request):
    context = paginate(request, selectors.staff_issues(), 20)
    return render(request, "newsletters/staff_list.html", context)


@staff_required
def issue_create(request):
    today = clock.today()
    form = IssueForm(
        request.POST or None,
        initial={"period_start": today, "period_end": today + timedelta(days=30)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_create(
                actor=request.user,
                data=form.data_for_service(),
                municipalities=form.cleaned_data["municipalities"],
                lists=form.cleaned_data["lists"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            return redirect("newsletters:issue_edit", issue.pk)
    return render(request, "newsletters/issue_form.html", {"form": form})


def _items_by_section(issue):
    items = list(issue.items.order_by("position", "pk"))
    sections = []
    for kind, gatherer in GATHERERS.items():
        chosen = [i for i in items if i.kind == kind]
        rows = gatherer.load([i.object_id for i in chosen])
        entries = [(i, gatherer.entry(rows[i.object_id])) for i in chosen if i.object_id in rows]
        sections.append({"heading": gatherer.heading, "entries": entries})
    return sections


@staff_required
def issue_edit(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    if issue.status != Issue.Status.DRAFT:
        return redirect("newsletters:issue_progress", issue.pk)
    form = IssueForm(
        request.POST or None,
        instance=issue,
        initial={
            "municipalities": list(issue.municipalities.all()),
            "lists": list(issue.lists.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(
                issue=issue,
                data=form.data_for_service(),
                municipalities=form.cleaned_data["municipalities"],
                lists=form.cleaned_data["lists"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The issue is saved."))
            return redirect("newsletters:issue_edit", issue.pk)
    return render(
        request,
        "newsletters/issue_edit.html",
        {
            "issue": issue,
            "form": form,
            "sections": _items_by_section(issue),
            "preview_languages": LANGUAGES,
        },
    )


@staff_required
@require_POST
def issue_action(request, pk):
    """Gather again, send a test to oneself, or send."""
    issue = get_object_or_404(Issue, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "gather":
            added = services.issue_gather(issue=issue)
            messages.success(request, _("%(count)s new items gathered.") % {"count": added})
        elif action == "test":
            email = services.issue_send_test(
                issue=issue, actor=request.user, language=request.POST.get("language", "")
            )
            messages.success(request, _("A test was sent to %(email)s.") % {"email": email})
        elif action == "send":
            count = services.issue_send(issue=issue, actor=request.user)
            messages.success(
                request, _("Sending to %(count)s recipients started.") % {"count": count}
            )
            return redirect("newsletters:issue_progress", issue.pk)
        else:
            raise Http404
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    if issue.status != Issue.Status.DRAFT:
        return redirect("newsletters:issue_progress", issue.pk)
    return redirect("newsletters:issue_edit", issue.pk)


@staff_required
@require_POST
def item_action(request, pk, item_pk):
    item = get_object_or_404(IssueItem, pk=item_pk, issue_id=pk)
    try:
        services.issue_item_change(item=item, action=request.POST.get("action", ""))
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("newsletters:issue_edit", args=[pk]) + f"#item-{item.pk}")


@staff_required
def issue_preview(request, pk, language):
    issue = get_object_or_404(Issue, pk=pk)
    if language not in LANGUAGE_CODES:
        raise Http404
    with translation.override(language):
        body = issue_body_html(issue)
        subject = issue.subject
    return render(
        request,
        "newsletters/issue_preview.html",
        {
            "issue": issue,
            "body": body,
            "subject": subject,
            "preview_language": language,
            "preview_languages": LANGUAGES,
        },
    )


@staff_required
def issue_progress(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    template = "newsletters/_progress.html" if request.htmx else "newsletters/issue_progress.html"
    return render(
        request,
        template,
        {"issue": issue, "progress": services.progress(issue)},
    )
