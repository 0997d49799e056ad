"""The public association directory: list with search and filters, detail page, and
the staff CSV export."""

import csv

from django.http import StreamingHttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import clock, pagecache
from core.access import staff_required
from core.pagination import page_range
from core.spreadsheets import FORMULA_START
from organisations.filters import OrganisationFilter, directory_queryset, staff_queryset


@method_decorator(pagecache.public_page("organisations"), name="dispatch")
class OrganisationListView(ListView):
    template_name = "organisations/directory.html"
    context_object_name = "organisations"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = OrganisationFilter(
            self.request.GET, queryset=directory_queryset(), request=self.request
        )
        if not self.filterset.is_valid():
            return self.filterset.qs.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["form"] = self.filterset.form
        context["is_filtered"] = any(self.request.GET.get(name) for name in self.filterset.filters)
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page_range(page)
        return context


class OrganisationDetailView(DetailView):
    template_name = "organisations/detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return directory_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A description missing in this language falls back to Finnish: say so to
        # screen readers (WCAG 3.1.2, language of parts).
        language = (get_language() or "fi")[:2]
        own = getattr(self.object, f"description_{language}", None)
        context["description_language"] = language if own else "fi"
        return context


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv rows."""

    def write(self, value):
        return value


# Characters that make a spreadsheet read a cell as a formula.
def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _csv_header():
    return [
        "id",
        _("name (fi)"),
        _("name (sv)"),
        _("name (en)"),
        _("kind"),
        _("Business ID"),
        _("association register number"),
        _("municipality number"),
        _("municipality"),
        _("region code"),
        _("wellbeing services county code"),
        _("fields of activity"),
        _("email"),
        _("phone"),
        _("website"),
        _("street address"),
        _("postal code"),
        _("post office"),
        _("public"),
        _("status"),
        _("member"),
        _("member since"),
    ]


def _csv_row(org):
    municipality = org.municipality
    return [
        org.pk,
        org.name_fi,
        org.name_sv,
        org.name_en,
        org.kind,
        org.business_id,
        org.register_number,
        municipality.code if municipality else "",
        municipality.name_fi if municipality else "",
        municipality.region.code if municipality else "",
        municipality.wellbeing_county.code if municipality else "",
        ",".join(field.code for field in org.fields_of_activity.all()),
        org.email,
        org.phone,
        org.website,
        org.street_address,
        org.postal_code,
        org.post_office,
        org.is_public,
        org.status,
        org.is_member,
        org.member_since.isoformat() if org.member_since else "",
    ]


@staff_required
def organisation_export_csv(request):
    """Every organisation matching the directory's filters, public or not, as a
    semicolon-separated UTF-8 file with a byte order mark (for Excel). Staff only:
    anonymous visitors are sent to log in, other people get 404."""
    filterset = OrganisationFilter(request.GET, queryset=staff_queryset(), request=request)
    queryset = filterset.qs if filterset.is_valid() else filterset.qs.none()
    writer = csv.writer(_Echo(), delimiter=";")
    # Translated now: the rows are produced after the view has returned.
    header = "\ufeff" + writer.writerow([_cell(v) for v in _csv_header()])

    def rows():
        yield header
        for org in queryset.iterator(chunk_size=500):
            yield writer.writerow([_cell(v) for v in _csv_row(org)])

    filename = f"yhdistykset-{clock.today().isoformat()}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
