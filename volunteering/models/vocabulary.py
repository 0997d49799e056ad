"""The vocabularies of volunteering: roles, languages, weekdays and times of day (choices),
and the skills, experience areas and experience-expert trainings staff keep."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from trainings.models import Training


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    EXPERT = "expert", _("Experience expert")
    PEER = "peer", _("Peer supporter")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    RU = "ru", _("Russian")
    ET = "et", _("Estonian")
    AR = "ar", _("Arabic")
    SO = "so", _("Somali")
    SGN = "fse", _("Finnish Sign Language")


class Weekday(models.IntegerChoices):
    MON = 0, _("Monday")
    TUE = 1, _("Tuesday")
    WED = 2, _("Wednesday")
    THU = 3, _("Thursday")
    FRI = 4, _("Friday")
    SAT = 5, _("Saturday")
    SUN = 6, _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12–17)")
    EVENING = "evening", _("Evening (after 17)")

    @classmethod
    def of_hour(cls, hour: int) -> "DayPart":
        if hour < 12:
            return cls.MORNING
        if hour < 17:
            return cls.AFTERNOON
        return cls.EVENING


class Skill(models.Model):
    """A skill from the vocabulary staff keep; one name per skill (no duplicates that
    differ only in case)."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                Lower("name_fi"),
                name="volunteering_skill_name_once",
                violation_error_message=_("The vocabulary already has this skill."),
            )
        ]

    def __str__(self):
        return self.name


class ExperienceArea(models.Model):
    """An area of lived experience (mental health, substance use, caring for a relative…)
    from the vocabulary staff keep. Which person has which is health data: see
    ExperienceRecord."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("experience area")
        verbose_name_plural = _("experience areas")
        constraints = [
            models.UniqueConstraint(
                Lower("name_fi"),
                name="volunteering_area_name_once",
                violation_error_message=_("The vocabulary already has this experience area."),
            )
        ]

    def __str__(self):
        return self.name


class ExpertTrainingCourse(models.Model):
    """A training of the trainings app marked as experience-expert training: its
    certificate counts as completed training."""

    training = models.OneToOneField(
        Training,
        on_delete=models.CASCADE,
        related_name="expert_course",
        verbose_name=_("training"),
    )

    class Meta:
        verbose_name = _("experience-expert training")
        verbose_name_plural = _("experience-expert trainings")

    def __str__(self):
        return str(self.training)
