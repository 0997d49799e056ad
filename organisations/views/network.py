"""Pages of the partnership network. Staff: the filterable list of partnerships with its
CSV export, a partnership with its documents and contact persons, cooperation groups
and their meetings. A representative: the groups their organisation belongs to, with
agendas and minutes. Anybody else gets 404; files are served only through these views,
as attachments that browsers must not sniff."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate
from core.uploads import sniff_content_type
from organisations import selectors
from organisations.errors import RegisterError
from organisations.files import download_name
from organisations.filters_network import PartnershipFilter
from organisations.forms_network import DocumentForm, PartnershipForm
from organisations.models import CooperationGroup, Meeting, PartnershipDocument
from organisations.services import network as services
from organisations.views.directory import _cell, _Echo

PAGE_SIZE = 25


def _private_file(field, title: str, content_type: str | None = None):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = content_type or sniff_content_type(handle) or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(title, content_type),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Partnerships -------------------------------------------------------------------------------


def _filtered_partnerships(request):
    filterset = PartnershipFilter(
        request.GET, queryset=selectors.partnerships_for_staff(request.user), request=request
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.qs.none()
    return filterset, queryset


@staff_required
def partnership_list(request):
    filterset, queryset = _filtered_partnerships(request)
    paging = paginate(request, queryset, PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/network/partnership_list.html",
        {
            "filter": filterset,
            "form": filterset.form,
            **paging,
            "partnerships": paging["page_obj"].object_list,
            "query": query.urlencode(),
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
            "today": clock.today(),
        },
    )


def _csv_header():
    return [
        "id",
        _("title"),
        _("kind"),
        _("partner"),
        _("Business ID"),
        _("kind of partner"),
        _("municipality"),
        _("start"),
        _("end"),
        _("description"),
    ]


def _csv_row(partnership):
    partner = partnership.partner
    return [
        partnership.pk,
        partnership.title,
        partnership.get_kind_display(),
        partner.name,
        partner.business_id,
        partner.get_kind_display(),
        partner.municipality.name if partner.municipality else "",
        partnership.starts_on.isoformat(),
        partnership.ends_on.isoformat() if partnership.ends_on else "",
        partnership.description,
    ]


@staff_required
def partnership_export_csv(request):
    """The filtered list, all pages, as a semicolon-separated UTF-8 file with a BOM."""
    _filterset, queryset = _filtered_partnerships(request)
    writer = csv.writer(_Echo(), delimiter=";")
    header = "\ufeff" + writer.writerow([_cell(v) for v in _csv_header()])
    # Rows are produced after the view returns: render them in the request's language.
    rows = [writer.writerow([_cell(v) for v in _csv_row(p)]) for p in queryset.iterator(500)]
    response = StreamingHttpResponse([header, *rows], content_type="text/csv; charset=utf-8")
    filename = f"kumppanuudet-{clock.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def partnership_create(request):
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(actor=request.user, **form.cleaned_data)
        except RegisterError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The partnership was saved."))
            return redirect("organisations:partnership_detail", pk=partnership.pk)
    return render(request, "organisations/network/partnership_form.html", {"form": form})


def _max_megabytes():
    return settings.NETWORK_DOCUMENT_MAX_BYTES // (1024 * 1024)


@staff_required
def partnership_detail(request, pk):
    partnership = get_object_or_404(
        selectors.partnerships_for_staff(request.user).prefetch_related(
            "documents", "partner_contacts", "staff_contacts"
        ),
        pk=pk,
    )
    form = DocumentForm(request.POST or None, request.FILES or None, max_megabytes=_max_megabytes())
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_document_add(
                actor=request.user,
                partnership=partnership,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except RegisterError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The document was added."))
            return redirect("organisations:partnership_detail", pk=partnership.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisations/network/partnership_detail.html",
        {"partnership": partnership, "form": form, "today": clock.today()},
        status=status,
    )


@staff_required
def document_download(request, pk):
    document = get_object_or_404(PartnershipDocument, pk=pk)
    return _private_file(document.file, document.title, document.content_type)


# Cooperation groups ---------------------------------------------------------------------------


@staff_required
def group_list(request):
    groups = CooperationGroup.objects.prefetch_related("members__organisation").order_by(
        "name_fi", "pk"
    )
    return render(request, "organisations/network/group_list.html", {"groups": groups})


@staff_required
def group_detail(request, pk):
    group = get_object_or_404(
        CooperationGroup.objects.select_related("convener").prefetch_related(
            "members__organisation",
            "members__representatives__user",
            "meetings__attendances__organisation",
        ),
        pk=pk,
    )
    return render(
        request, "organisations/network/group_detail.html", {"group": group, "now": clock.now()}
    )


@staff_required
@require_POST
def meeting_invite(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        count = services.meeting_invite(
            actor=request.user, meeting=meeting, language=get_language()
        )
    except RegisterError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request, _("Invitations are being sent to %(count)s people.") % {"count": count}
            )
        else:
            messages.info(request, _("Everybody has already been invited."))
    return redirect("organisations:group_detail", pk=meeting.group_id)


# Representatives -----------------------------------------------------------------------------


@login_required
def my_groups(request):
    groups = list(selectors.groups_for_representative(request.user))
    own = set(
        selectors.represented_organisation_ids(request.user).values_list(
            "organisation_id", flat=True
        )
    )
    return render(
        request,
        "organisations/network/my_groups.html",
        {"groups": groups, "own": own, "now": clock.now()},
    )


@login_required
def meeting_file(request, pk, which):
    """The agenda or the minutes of a meeting as a file: staff, or a representative of a
    member organisation; 404 for anybody else."""
    if which not in ("agenda", "minutes"):
        raise Http404
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    field = meeting.agenda_file if which == "agenda" else meeting.minutes_file
    label = _("agenda") if which == "agenda" else _("minutes")
    return _private_file(field, f"{meeting.title}-{label}")
