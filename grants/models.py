"""Grant rounds: calls with their criteria sets, applications with budgets, blind review
by assigned reviewers, decisions of a call in one act, payments in instalments, change
requests, interim and final reports, the applicants' notifications (outbox) and the
decision letters (PDF report jobs)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.models import OutboxMessage, ReportJob
from core.uploads import private_storage
from organisations.models import Municipality, Organisation, WellbeingCounty

from .querysets import ApplicationQuerySet, CallQuerySet

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class Call(models.Model):
    """A call for applications: who funds it, how much, when it is open and who may apply."""

    class Eligible(models.TextChoices):
        MEMBERS = "members", _("Member associations of the centre only")
        REGISTERED = "registered", _("Any registered association")

    # name and description are translated (fi required, sv/en optional): see translation.py
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funded_calls",
        verbose_name=_("funder"),
    )
    budget = models.DecimalField(_("total budget (€)"), **MONEY)
    min_grant = models.DecimalField(_("smallest grant (€)"), **MONEY)
    max_grant = models.DecimalField(_("largest grant (€)"), **MONEY)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligible = models.CharField(
        _("who may apply"), max_length=20, choices=Eligible.choices, default=Eligible.REGISTERED
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="grant_calls",
        blank=True,
        verbose_name=_("municipalities of the applicant"),
        help_text=_("Leave empty when the home municipality does not matter."),
    )
    wellbeing_counties = models.ManyToManyField(
        WellbeingCounty,
        related_name="grant_calls",
        blank=True,
        verbose_name=_("wellbeing services counties of the applicant"),
    )
    self_financing_percent = models.DecimalField(
        _("required self-financing (%)"),
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        help_text=_("Own money and fees as a share of the project's total costs."),
    )
    first_instalment_percent = models.DecimalField(
        _("first instalment at the decision (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
        help_text=_("The rest is paid after the final report is accepted."),
    )
    report_due = models.DateField(_("final report due"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_grant__gt=0)
                & Q(max_grant__gte=F("min_grant"))
                & Q(budget__gte=F("max_grant")),
                name="call_grant_limits",
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes"),
            models.CheckConstraint(
                condition=Q(self_financing_percent__gte=0, self_financing_percent__lte=100)
                & Q(first_instalment_percent__gt=0, first_instalment_percent__lte=100),
                name="call_percentages",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("grants:call_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.is_published and self.opens_at <= clock.now() < self.closes_at

    @property
    def is_past(self) -> bool:
        return clock.now() >= self.closes_at

    def current_criteria(self):
        """The published criteria set of the newest version, or None."""
        return (
            self.criteria_sets.filter(status=CriteriaSet.Status.PUBLISHED)
            .order_by("-version")
            .first()
        )


class CriteriaSet(models.Model):
    """The criteria of a call, one version: drafted, approved (by whom, when, prepared
    with which partners), published with the call; frozen when the first application
    arrives. A change after that is a new version; applications keep the version they
    were scored with."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria_sets", verbose_name=_("call")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    partners = models.ManyToManyField(
        Organisation,
        related_name="prepared_criteria",
        blank=True,
        verbose_name=_("prepared together with"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        ordering = ["call", "version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(fields=["call", "version"], name="criteria_set_version"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="criteria_set_approved_when",
            ),
        ]

    def __str__(self):
        return f"{self.call} – v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("set")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # name and guidance are translated: see translation.py
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True, max_length=3000)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    allow_na = models.BooleanField(_("“not applicable” allowed"), default=False)

    class Meta:
        ordering = ["criteria_set", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(scale_max__gt=F("scale_min")),
                name="criterion_weight_and_scale",
            ),
        ]

    def __str__(self):
        return self.name


class ReviewerAssignment(models.Model):
    """A reviewer of a call: staff, or a named external reviewer with an account."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_reviews_assigned",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ["call", "user"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="reviewer_once_per_call"),
        ]

    def __str__(self):
        return f"{self.call}: {self.user}"


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


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_reviews"
    )
    comment = models.TextField(_("overall comment"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        ordering = ["application", "submitted_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_once_per_reviewer"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer}: {self.application}"


class Score(models.Model):
    """A reviewer's score of one criterion; ``value`` None is "not applicable"."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        ordering = ["review", "criterion__order", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="score_once_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value if self.value is not None else 'N/A'}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(_("granted amount (€)"), default=ZERO, **MONEY)
    conditions = models.TextField(_("conditions"), blank=True, max_length=5000)
    rationale = models.TextField(_("rationale"), max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        # The decision-maker's role: staff with this permission (a group or the person).
        permissions = [("approve_decisions", _("Can approve the decisions of a grant call"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="granted", amount__gt=0) | Q(outcome="refused", amount=0),
                name="decision_amount_matches_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()} {self.amount}"


class Payment(models.Model):
    class Trigger(models.TextChoices):
        DECISION = "decision", _("At the decision")
        FINAL_REPORT = "final_report", _("After the final report")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="payments")
    order = models.PositiveSmallIntegerField(_("instalment"), default=1)
    trigger = models.CharField(_("paid"), max_length=20, choices=Trigger.choices)
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    due_on = models.DateField(_("due"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["decision", "order"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            models.UniqueConstraint(fields=["decision", "order"], name="payment_order"),
        ]

    def __str__(self):
        return f"{self.decision.application}: {self.order}. {self.amount}"


class ChangeRequest(models.Model):
    class Kind(models.TextChoices):
        EXTEND = "extend", _("A longer project period")
        MOVE_MONEY = "move_money", _("Moving money between budget lines")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="change_requests"
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what and why"), max_length=3000)
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=3000)

    class Meta:
        ordering = ["application", "requested_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"


class GrantReport(models.Model):
    """An interim or final report: actual costs and income against the planned lines,
    results against the goals, attachments; checked by staff with a checklist."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CHANGES = "changes", _("Changes asked for")
        ACCEPTED = "accepted", _("Accepted")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    results = models.TextField(_("results against the goals"), max_length=10000)
    # {"category": "actual amount", …} per budget category
    actuals = models.JSONField(_("actual costs and income"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    used_as_decided = models.BooleanField(_("used as decided"), default=False)
    self_financing_realised = models.BooleanField(_("self-financing realised"), default=False)
    ledger_attached = models.BooleanField(_("ledger attached"), default=False)
    staff_comment = models.TextField(_("comment of the staff"), blank=True, max_length=3000)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    repayment_amount = models.DecimalField(_("repayment claim (€)"), default=ZERO, **MONEY)

    class Meta:
        ordering = ["application", "submitted_at"]
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(repayment_amount__gte=0), name="grant_report_repayment"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"

    def actual(self, category) -> Decimal:
        return Decimal(self.actuals.get(category, "0"))

    @property
    def actual_costs(self) -> Decimal:
        return sum((self.actual(c) for c in COSTS), ZERO)

    @property
    def actual_other_income(self) -> Decimal:
        return sum((self.actual(c) for c in INCOME), ZERO)

    @property
    def rows(self) -> list[dict]:
        """Each category with its planned and actual amount."""
        planned: dict[str, Decimal] = {}
        for line in self.application._lines():
            planned[line.category] = planned.get(line.category, ZERO) + line.amount
        return [
            {
                "category": label,
                "is_cost": value in COSTS,
                "planned": planned.get(value, ZERO),
                "actual": self.actual(value),
            }
            for value, label in BudgetLine.Category.choices
        ]


class GrantNotice(OutboxMessage):
    """The applicants' notifications: received, returned for completion, decision."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Application received")
        RETURNED = "returned", _("Returned for completion")
        DECISION = "decision", _("Decision")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A resubmission after completion is a second "received".
    round = models.PositiveSmallIntegerField(default=1)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("grant notification")
        verbose_name_plural = _("grant notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "round"], name="grant_notice_once"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"


class DecisionLetter(ReportJob):
    """A decision letter (PDF) in the applicant's language."""

    files_folder = "grants"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")

    class Meta(ReportJob.Meta):
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")

    def __str__(self):
        return f"{self.application} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        from .errors import GrantError

        if not Decision.objects.filter(application_id=self.application_id).exists():
            raise GrantError(_("The application has no decision yet."))

    def get_absolute_url(self) -> str:
        return reverse("grants:application_detail", args=[self.application_id])

    def get_download_url(self) -> str:
        return reverse("grants:letter_download", args=[self.application_id])

    def render_pdf(self) -> bytes:
        from .reports import render_letter_pdf  # that module imports this one

        return render_letter_pdf(self)

    def download_name(self) -> str:
        return f"avustuspaatos-{self.application_id}.pdf"


class DecisionSummary(ReportJob):
    """The summary of a call's decisions (PDF) for the board and the public record."""

    files_folder = "grants"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="summaries")

    class Meta(ReportJob.Meta):
        verbose_name = _("summary of decisions")
        verbose_name_plural = _("summaries of decisions")

    def __str__(self):
        return f"{self.call} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("grants:summary_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("grants:summary_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from .reports import render_summary_pdf

        return render_summary_pdf(self)

    def download_name(self) -> str:
        return f"avustuspaatokset-{self.call_id}-{self.created_at:%Y-%m-%d}.pdf"
