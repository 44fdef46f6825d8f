"""The treatment knowledge base (loaded from data/*.yaml), members' treatment histories,
their reports, and the insight summaries computed from them by tasks."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Audience, TimeStampedModel


class Severity(models.TextChoices):
    CONTRAINDICATED = "contraindicated", _("Do not combine")
    MAJOR = "major", _("Serious")
    MODERATE = "moderate", _("Moderate")
    MINOR = "minor", _("Minor")


SEVERITY_ORDER = [choice.value for choice in Severity]  # worst first


class TreatmentClass(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("treatment classes")

    def __str__(self) -> str:
        return self.name


class Treatment(models.Model):
    """One medicine. `dosing` and `approvals` keep their sources inside the JSON."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    abbreviation = models.CharField(max_length=20, blank=True)
    brand_names = models.JSONField(default=list)
    aliases = models.JSONField(default=list)
    treatment_class = models.ForeignKey(
        TreatmentClass, on_delete=models.PROTECT, related_name="treatments"
    )
    class_slugs = models.JSONField(default=list, help_text=_("Primary class and member-of."))
    communities = models.JSONField(default=list)
    kind = models.CharField(max_length=20)
    route = models.CharField(max_length=20)
    summary = models.TextField()
    summary_source = models.URLField(max_length=500)
    approvals = models.JSONField(default=list)
    dosing = models.JSONField(null=True, blank=True)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="treatments")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("treatments:detail", args=[self.slug])

    @property
    def label(self) -> str:
        """The name with its abbreviation or first brand, as members search for it."""
        extra = self.abbreviation or (self.brand_names[0] if self.brand_names else "")
        return f"{self.name} ({extra})" if extra else self.name


class SideEffect(models.Model):
    """A side effect listed by the label or another cited source."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="side_effects")
    name = models.CharField(max_length=120)
    frequency = models.CharField(max_length=120, blank=True)
    source = models.URLField(max_length=500)
    unverified = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class _Fact(models.Model):
    severity = models.CharField(max_length=20, choices=Severity.choices)
    scheme = models.CharField(max_length=20, default="label")
    effect = models.TextField()
    advice = models.TextField()
    source = models.URLField(max_length=500)
    unverified = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True


class Interaction(_Fact):
    """Between two treatments, or a treatment and a class: `a` and `b` are a slug or
    `class:<slug>`; the display names are kept with them so pages need no lookups."""

    a = models.CharField(max_length=90, db_index=True)
    b = models.CharField(max_length=90, db_index=True)
    a_name = models.CharField(max_length=120)
    b_name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.a_name} + {self.b_name}"


class Contraindication(_Fact):
    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="contraindications"
    )
    condition = models.SlugField(max_length=60)
    condition_name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.treatment_id} with {self.condition}"


class StopReason(models.TextChoices):
    SIDE_EFFECTS = "side_effects", _("Side effects")
    NOT_WORKING = "not_working", _("It did not work well enough")
    COST = "cost", _("Cost or access")
    DOCTOR = "doctor", _("My doctor advised it")
    PREGNANCY = "pregnancy", _("Pregnancy or planning one")
    SWITCHED = "switched", _("Switched to another treatment")
    HARD_TO_TAKE = "hard_to_take", _("Too hard to take")
    OTHER = "other", _("Another reason")


class Schedule(models.TextChoices):
    DAILY = "daily", _("Every day")
    TWICE_DAILY = "twice_daily", _("Twice a day")
    THREE_TIMES_DAILY = "three_daily", _("Three times a day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    SIX_MONTHLY = "six_monthly", _("Every six months")
    AS_NEEDED = "as_needed", _("When needed")
    OTHER = "other", _("Another schedule")


class MemberTreatment(TimeStampedModel):
    """One period on a treatment. Never public: at most members of the community see it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatment_entries"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="treatment_entries"
    )
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="entries")
    dose = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    schedule = models.CharField(max_length=20, choices=Schedule.choices, blank=True)
    titration = models.JSONField(default=list, blank=True)  # [{"dose", "unit", "from"}]
    started_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    stop_reason = models.CharField(max_length=20, choices=StopReason.choices, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ONLY_ME)
    clash_acknowledged = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["community", "treatment"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(audience="public"), name="treatment_entry_never_public"
            )
        ]

    def __str__(self) -> str:
        return f"{self.treatment_id} for {self.user_id}"

    @property
    def is_current(self) -> bool:
        return self.stopped_on is None

    @property
    def dose_label(self) -> str:
        return f"{self.dose.normalize():f} {self.unit}".strip() if self.dose is not None else ""


class Rating(models.IntegerChoices):
    ONE = 1, _("1")
    TWO = 2, _("2")
    THREE = 3, _("3")
    FOUR = 4, _("4")
    FIVE = 5, _("5")


class TreatmentReport(TimeStampedModel):
    """How a treatment works for the member and how hard it is to take (1 = not at all)."""

    entry = models.OneToOneField(MemberTreatment, on_delete=models.CASCADE, related_name="report")
    effectiveness = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    burden = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)

    def __str__(self) -> str:
        return f"report on {self.entry_id}"


class EffectSeverity(models.TextChoices):
    MILD = "mild", _("Mild")
    MODERATE = "moderate", _("Moderate")
    SEVERE = "severe", _("Severe")


class ReportedSideEffect(models.Model):
    report = models.ForeignKey(
        TreatmentReport, on_delete=models.CASCADE, related_name="side_effects"
    )
    name = models.CharField(max_length=120)
    severity = models.CharField(max_length=10, choices=EffectSeverity.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "name"], name="one_row_per_side_effect")
        ]

    def __str__(self) -> str:
        return self.name


class TreatmentInsight(models.Model):
    """Figures over one community's consenting members for one treatment, filled by a task."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="insights")
    member_count = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "treatment"], name="one_insight_per_treatment"
            )
        ]

    def __str__(self) -> str:
        return f"insight {self.treatment_id} in {self.community_id}"
