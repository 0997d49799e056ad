"""Applications with their budget lines and attachments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.uploads import private_storage
from grants.querysets import ApplicationQuerySet
from organisations.models import Municipality, Organisation

from .base import MONEY, ZERO
from .calls import Call, CriteriaSet


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for completion")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="grant_applications",
        verbose_name=_("applicant"),
    )
    language = models.CharField(
        _("language of the decision"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    project_name = models.CharField(_("project"), max_length=200)
    goals = models.TextField(_("goals"), blank=True, max_length=5000)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="grant_applications",
        blank=True,
        verbose_name=_("municipalities of the project"),
    )
    starts_on = models.DateField(_("project starts"), null=True, blank=True)
    ends_on = models.DateField(_("project ends"), null=True, blank=True)
    requested_amount = models.DecimalField(_("requested amount (€)"), default=ZERO, **MONEY)
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("scored with criteria"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Staff may return a submitted application once for completion.
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = models.TextField(_("what to complete"), blank=True, max_length=3000)
    return_deadline = models.DateTimeField(_("completion deadline"), null=True, blank=True)
    # The proposal of the preparing staff, before the decision.
    proposed_amount = models.DecimalField(_("proposed amount (€)"), null=True, blank=True, **MONEY)
    proposal_rationale = models.TextField(_("rationale of the proposal"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="application_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="application_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False) | Q(status="withdrawn"),
                name="application_submitted_when",
            ),
        ]

    def __str__(self):
        return f"{self.project_name} ({self.organisation})"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.GRANTED, self.Status.REFUSED)

    def _lines(self):
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "budget_lines" in cache:
            return cache["budget_lines"]
        return list(self.budget_lines.all())

    @property
    def total_costs(self) -> Decimal:
        return sum((b.amount for b in self._lines() if b.is_cost), ZERO)

    @property
    def total_income(self) -> Decimal:
        return sum((b.amount for b in self._lines() if not b.is_cost), ZERO)

    @property
    def self_financing(self) -> Decimal:
        return sum((b.amount for b in self._lines() if b.category in SELF_FINANCING), ZERO)

    @property
    def self_financing_percent(self) -> Decimal:
        costs = self.total_costs
        if not costs:
            return ZERO
        return (self.self_financing * 100 / costs).quantize(Decimal("0.01"))


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel")
        RENT = "rent", _("Rent")
        MATERIALS = "materials", _("Materials")
        TRAVEL = "travel", _("Travel")
        SERVICES = "services", _("Services")
        OTHER = "other", _("Other costs")
        OWN = "own", _("Own money")
        OTHER_GRANTS = "other_grants", _("Other grants")
        FEES = "fees", _("Fees")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("application"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = models.DecimalField(_("planned (€)"), **MONEY)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount}"

    @property
    def is_cost(self) -> bool:
        return self.category in COSTS


C = BudgetLine.Category
COSTS = frozenset({C.PERSONNEL, C.RENT, C.MATERIALS, C.TRAVEL, C.SERVICES, C.OTHER})
INCOME = frozenset({C.OWN, C.OTHER_GRANTS, C.FEES})
# The applicant's own contribution; other grants are not self-financing.
SELF_FINANCING = frozenset({C.OWN, C.FEES})


def attachment_path(attachment, filename):
    return f"grants/{attachment.application_id}/{filename}"


class Attachment(models.Model):
    """A file of an application or of its report, typed by its bytes (core.uploads)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    report = models.ForeignKey(
        "GrantReport",
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
        verbose_name=_("report"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict: it takes them off the application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="conflict_once_per_reviewer"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer}: {self.application}"
