"""A person's volunteer profile, their experience areas (kept only with consent) and
completed experience-expert training."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality
from trainings.models import Certificate

from .vocabulary import DayPart, ExperienceArea, Language, Role, Skill, Weekday


class Profile(models.Model):
    """A person's volunteer profile. Coordinators approve it before it is matched and
    may pause it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        PAUSED = "paused", _("Paused")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices), verbose_name=_("roles")
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices), verbose_name=_("languages")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="volunteer_profiles",
        verbose_name=_("municipalities where I can act"),
    )
    skills = models.ManyToManyField(
        Skill, related_name="profiles", blank=True, verbose_name=_("skills")
    )
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        default=list,
        blank=True,
        verbose_name=_("weekdays I am available"),
    )
    day_parts = ArrayField(
        models.CharField(max_length=10, choices=DayPart.choices),
        default=list,
        blank=True,
        verbose_name=_("times of day I am available"),
    )
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    may_contact = models.BooleanField(_("I may be contacted about tasks"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # The language emails are written in.
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The last time the person did something here: the clock of anonymisation.
    last_active_at = models.DateTimeField(_("last active"))
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        constraints = [
            models.CheckConstraint(condition=~Q(roles=[]), name="volunteering_profile_has_role"),
            models.CheckConstraint(
                condition=~Q(languages=[]), name="volunteering_profile_has_language"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_expert(self) -> bool:
        return Role.EXPERT in self.roles

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages]

    def weekday_labels(self) -> list[str]:
        return [str(Weekday(d).label) for d in sorted(self.weekdays)]

    def day_part_labels(self) -> list[str]:
        return [str(DayPart(p).label) for p in self.day_parts]


class ExperienceRecord(models.Model):
    """A person's experience areas: special-category (health) data, kept only with
    explicit consent. The row exists only while consent does, with its date and the
    version of the consent text; withdrawing consent deletes it, areas and all."""

    profile = models.OneToOneField(
        Profile,
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("profile"),
    )
    areas = models.ManyToManyField(
        ExperienceArea, related_name="records", verbose_name=_("experience areas")
    )
    consent_given_at = models.DateTimeField(_("consent given"))
    consent_version = models.CharField(_("version of the consent text"), max_length=20)

    class Meta:
        verbose_name = _("experience areas with consent")
        verbose_name_plural = _("experience areas with consent")
        constraints = [
            models.CheckConstraint(
                condition=~Q(consent_version=""), name="volunteering_consent_version_given"
            )
        ]

    def __str__(self):
        return str(self.profile)


class TrainingRecord(models.Model):
    """Completed experience-expert training: from the certificate of a training marked as
    such, or entered by staff with the date and who trained the person."""

    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("profile"),
    )
    completed_on = models.DateField(_("completed on"))
    trained_by = models.CharField(_("trained by"), max_length=200, blank=True)
    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_training_record",
        verbose_name=_("certificate"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ["-completed_on", "pk"]
        verbose_name = _("experience-expert training")
        verbose_name_plural = _("experience-expert trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(certificate__isnull=False) | ~Q(trained_by=""),
                name="volunteering_training_record_source",
                violation_error_message=_("Say who trained the person."),
            )
        ]

    def __str__(self):
        return f"{self.profile} {self.completed_on}"
