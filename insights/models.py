"""Knowledge-based management: an indicator catalogue read from THL Sotkanet and
Statistics Finland's PxWeb, and the indicators' values per municipality and year.

Every value keeps where it came from (the source, the indicator or table id, the
source's own region id and the time it was read), as DESIGN.md asks of external data."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality


class Source(models.TextChoices):
    SOTKANET = "sotkanet", _("THL Sotkanet")
    PXWEB = "pxweb", _("Statistics Finland PxWeb")


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
