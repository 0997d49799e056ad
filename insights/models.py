"""Knowledge-based management: an indicator catalogue read from THL Sotkanet and
Statistics Finland's PxWeb, and the indicators' values per municipality and year.

Every value keeps where it came from (the source, the indicator or table id, the
source's own region id and the time it was read), as DESIGN.md asks of external data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import ReportJob
from organisations.models import Municipality, WellbeingCounty


class Source(models.TextChoices):
    SOTKANET = "sotkanet", _("THL Sotkanet")
    PXWEB = "pxweb", _("Statistics Finland PxWeb")
    OWN = "own", _("Uploaded by the centre")


class Theme(models.TextChoices):
    CHILDREN_YOUTH = "children_youth", _("Children and youth")
    FAMILIES = "families", _("Families")
    OLDER_PEOPLE = "older_people", _("Older people")
    WORK = "work", _("Work")
    PARTICIPATION = "participation", _("Participation")
    WELLBEING = "wellbeing", _("Wellbeing")
    POPULATION = "population", _("Population")


ATTRIBUTION = {
    Source.SOTKANET: _("Source: THL, Sotkanet.fi"),
    Source.PXWEB: _("Source: Statistics Finland (CC BY 4.0)"),
    Source.OWN: _("Source: uploaded by the centre"),
}


class Indicator(models.Model):
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    # Sotkanet: the indicator id ("127"). PxWeb: the table's path in the API
    # ("StatFin/vaerak/statfin_vaerak_pxt_11ra.px").
    source_id = models.CharField(_("id in the source"), max_length=300)
    # PxWeb only: the code of the content (Tiedot) value chosen in the table.
    content_code = models.CharField(_("content code"), max_length=100, blank=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=500)
    title_sv = models.CharField(_("title (Swedish)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    organisation = models.CharField(_("responsible organisation"), max_length=300, blank=True)
    source_updated = models.DateTimeField(_("updated in the source"), null=True, blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    followed = models.BooleanField(_("followed by the centre"), default=False)
    read_at = models.DateTimeField(_("metadata read"), null=True, blank=True)
    demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["source", "title_fi"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id", "content_code"], name="insights_indicator_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        language = (get_language() or "fi")[:2]
        return getattr(self, f"title_{language}", "") or self.title_fi

    @property
    def description(self):
        language = (get_language() or "fi")[:2]
        return getattr(self, f"description_{language}", "") or self.description_fi

    @property
    def attribution(self):
        if self.source == Source.OWN and self.organisation:
            return _("Source: %(organisation)s") % {"organisation": self.organisation}
        return ATTRIBUTION[self.source]


class Observation(models.Model):
    """The value of one indicator for one municipality, year and gender."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=10, default="total")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    absolute_value = models.DecimalField(
        _("absolute value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    withheld = models.BooleanField(_("withheld for privacy"), default=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_id = models.CharField(_("id in the source"), max_length=300)
    source_region = models.CharField(_("region id in the source"), max_length=20)
    read_at = models.DateTimeField(_("read"))

    class Meta:
        ordering = ["indicator", "municipality", "year"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "year", "gender"],
                name="insights_observation_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(withheld=True) | models.Q(value__isnull=False),
                name="insights_observation_value_or_withheld",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.municipality} {self.year}"


class AreaObservation(models.Model):
    """The value of an indicator for a wellbeing services county (hyvinvointialue) or,
    with no county, for the whole country: the comparison shown beside a municipality's
    value. Read from the same answers as the municipalities' values."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="area_observations",
        verbose_name=_("indicator"),
    )
    county = models.ForeignKey(
        WellbeingCounty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wellbeing services county"),
        help_text=_("Empty for the whole country."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=10, default="total")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    withheld = models.BooleanField(_("withheld for privacy"), default=False)
    source_region = models.CharField(_("region id in the source"), max_length=20)
    read_at = models.DateTimeField(_("read"))

    class Meta:
        ordering = ["indicator", "county", "year"]
        verbose_name = _("county or country value")
        verbose_name_plural = _("county and country values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "county", "year", "gender"],
                nulls_distinct=False,
                name="insights_areaobservation_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(withheld=True) | models.Q(value__isnull=False),
                name="insights_areaobservation_value_or_withheld",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.county or '-'} {self.year}"


class ImportRun(models.Model):
    """One refresh of the followed indicators of one source: how it went, when, and the
    errors in plain words, for the staff page and the source's health."""

    class Status(models.TextChoices):
        OK = "ok", _("OK")
        PARTIAL = "partial", _("Partly failed")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    succeeded = models.PositiveIntegerField(_("indicators read"), default=0)
    failed = models.PositiveIntegerField(_("indicators failed"), default=0)
    errors = models.TextField(_("errors"), blank=True)  # one line per failed indicator

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        indexes = [models.Index(fields=["source", "-finished_at"])]

    def __str__(self):
        return f"{self.get_source_display()} {self.finished_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def error_lines(self):
        return [line for line in self.errors.splitlines() if line.strip()]


class ObservationChange(models.Model):
    """A value that a later import changed, a municipality's (``observation``) or a
    county's or the whole country's (``area_observation``): the value before and after,
    when, and the refresh (ImportRun) that read it. Written in the same transaction as
    the change, so no change goes unlogged; the run is filled in when the refresh is
    recorded (an import outside a refresh, e.g. one indicator from the command line,
    has none). Importing the same answer again writes nothing here."""

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("observation"),
    )
    area_observation = models.ForeignKey(
        "AreaObservation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("county's or country's observation"),
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("import run"),
    )
    old_value = models.DecimalField(
        _("old value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    old_withheld = models.BooleanField(_("old value withheld"), default=False)
    new_value = models.DecimalField(
        _("new value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    new_withheld = models.BooleanField(_("new value withheld"), default=False)
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("changed value")
        verbose_name_plural = _("changed values")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(observation__isnull=False, area_observation__isnull=True)
                | models.Q(observation__isnull=True, area_observation__isnull=False),
                name="insights_change_of_one_observation",
            )
        ]

    def __str__(self):
        return f"{self.measured}: {self.old_value} → {self.new_value}"

    @property
    def measured(self):
        """The observation that changed, a municipality's or an area's."""
        return self.observation or self.area_observation


MAX_SOURCES = 10


def source_line(line: str) -> tuple[str, str]:
    address, _space, name = line.strip().partition(" ")
    return address, name.strip() or address


def validate_source_lines(value: str) -> None:
    """Each line an http(s) address with an optional name after it; at most MAX_SOURCES."""
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) > MAX_SOURCES:
        raise ValidationError(
            _("Give at most %(maximum)d sources."), params={"maximum": MAX_SOURCES}
        )
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            check(source_line(line)[0])
        except ValidationError:
            raise ValidationError(
                _("Line %(line)d does not begin with a web address (https://…)."),
                params={"line": number},
            ) from None


class Interpretation(models.Model):
    """What the figures mean, written by staff or proposed as a draft by an
    organisation's representative (with the city, associations and residents with lived
    experience in a workshop) for a municipality and an indicator or a theme. Shown
    publicly once staff have published it. ``text`` and ``participants`` are translated
    (insights/translation.py)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="interpretations",
        verbose_name=_("municipality"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name=_("indicator"),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    text = models.TextField(_("interpretation"), max_length=4000)
    participants = models.CharField(
        _("who took part"),
        max_length=300,
        blank=True,
        help_text=_("For example: the city, associations, residents with lived experience."),
    )
    sources = models.TextField(
        _("sources used"),
        max_length=3000,
        blank=True,
        validators=[validate_source_lines],
        help_text=_(
            "One source a line: its address, then its name if you like, e.g. "
            "https://sotkanet.fi/sotkanet/fi/taulukko?indicator=… Sotkanet, child poverty."
        ),
    )
    year_from = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    written_on = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=False) | ~models.Q(theme=""),
                name="insights_interpretation_indicator_or_theme",
                violation_error_message=_("Choose an indicator or a theme."),
            ),
            models.CheckConstraint(
                condition=models.Q(year_from__isnull=True)
                | models.Q(year_to__isnull=True)
                | models.Q(year_from__lte=models.F("year_to")),
                name="insights_interpretation_years_forward",
                violation_error_message=_("The years run backwards: the first is after the last."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.indicator or self.get_theme_display()}"

    @property
    def source_links(self) -> list[tuple[str, str]]:
        """(address, name) of each source line; the address is the name when none is given."""
        return [source_line(line) for line in self.sources.splitlines() if line.strip()]

    @property
    def author_name(self):
        if self.author is None:
            return ""
        return self.author.get_full_name() or self.author.get_username()


class KnowledgeSummary(ReportJob):
    """A municipality's knowledge summary (PDF) for its wellbeing report
    (hyvinvointikertomus): the indicators with the county and the country, the centre's
    figures and the published interpretations."""

    files_folder = "insights"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("knowledge summary")
        verbose_name_plural = _("knowledge summaries")

    def __str__(self):
        return f"{self.municipality} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("insights:summary_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("insights:summary_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from .reports import render_summary_pdf  # that module imports this one

        return render_summary_pdf(self)

    def download_name(self) -> str:
        return f"tietokooste-{self.municipality.code}-{self.created_at:%Y-%m-%d}.pdf"
