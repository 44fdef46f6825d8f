"""The treatment knowledge base (seeded from data/*.yaml, reviewed in the staff console),
members' treatment histories, their reports, and the insight summaries computed from them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    ModelLogEntry,
    RevisionMixin,
    WorkflowMixin,
)

from alongside.core.models import Audience, TimeStampedModel


class Severity(models.TextChoices):
    CONTRAINDICATED = "contraindicated", _("Do not combine")
    MAJOR = "major", _("Serious")
    MODERATE = "moderate", _("Moderate")
    MINOR = "minor", _("Minor")


SEVERITY_ORDER = [choice.value for choice in Severity]  # worst first


class SourceKind(models.TextChoices):
    REGULATOR = "regulator", _("Regulator label or SmPC")
    GUIDELINE = "guideline", _("Society guideline or patient information")
    STUDY = "study", _("Peer-reviewed study")
    OTHER = "other", _("Other")


# An allowlist: a fact must rest on at least one source of these kinds.
ACCEPTED_SOURCE_KINDS = (SourceKind.REGULATOR, SourceKind.GUIDELINE, SourceKind.STUDY)


class Region(models.TextChoices):
    US = "us", _("US")
    EU = "eu", _("EU")
    UK = "uk", _("UK")
    INTERNATIONAL = "intl", _("International")


class Purpose(models.TextChoices):
    """What a patient takes it for; lists and the checker are grouped by this, in this order."""

    DISEASE_MODIFYING = "disease-modifying", _("Disease-modifying therapies")
    RELAPSE = "relapse", _("Relapses")
    SPASTICITY = "spasticity", _("Stiffness and spasms")
    WALKING = "walking", _("Walking")
    BLADDER = "bladder", _("Bladder")
    FATIGUE = "fatigue", _("Fatigue")
    PAIN = "pain", _("Pain")
    MOOD = "mood", _("Mood")
    SLEEP = "sleep", _("Sleep")
    DMARD = "dmard", _("DMARDs")
    BIOLOGIC = "biologic", _("Biologic and targeted DMARDs")
    STEROID = "steroid", _("Steroids")
    NSAID = "nsaid", _("NSAIDs")
    OPIOID = "opioid", _("Opioid painkillers")
    VACCINE = "vaccine", _("Vaccines")
    INFECTION = "infection", _("Antibiotics and antifungals")
    HEART = "heart", _("Heart and blood medicines")
    OTHER = "other", _("Other medicines")


PURPOSE_ORDER = [choice.value for choice in Purpose]


class _Reviewed(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A knowledge-base row: edits are drafts until a medical reviewer approves them, and the
    row itself always holds the live version (what members see)."""

    class Meta:
        abstract = True

    def last_review(self) -> tuple[str, object] | None:
        """(reviewer's name, when) of the last approval that put this row live."""
        entry = (
            ModelLogEntry.objects.for_instance(self)
            .filter(action="wagtail.publish")
            .select_related("user__profile")
            .order_by("-timestamp")
            .first()
        )
        if entry is None:
            return None
        name = entry.user.get_full_name() or entry.user.get_username() if entry.user else ""
        return name, entry.timestamp


def _generic(name: str) -> tuple[GenericRelation, GenericRelation]:
    revisions = GenericRelation("wagtailcore.Revision", related_query_name=name)
    states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )
    return revisions, states


class Source(_Reviewed):
    """One primary document a fact rests on: a label or SmPC, a society's guidance or patient
    information, or a peer-reviewed study. Identifiers, revision and sections are only filled
    from the document as read; anything not confirmed there sets `unverified`."""

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    region = models.CharField(max_length=10, choices=Region.choices, blank=True)
    title = models.CharField(max_length=300)
    product = models.CharField(
        max_length=120, blank=True, help_text=_("Short name members see, e.g. Gilenya.")
    )
    holder = models.CharField(
        max_length=300, help_text=_("Label holder, society, or a study's authors.")
    )
    doi = models.CharField(_("DOI"), max_length=120, blank=True)
    pmid = models.CharField(_("PMID"), max_length=20, blank=True)
    fda_application = models.CharField(_("FDA application"), max_length=30, blank=True)
    dailymed_setid = models.CharField(_("DailyMed set id"), max_length=60, blank=True)
    ema_product = models.CharField(_("EMA product number"), max_length=30, blank=True)
    revision = models.CharField(
        _("revision"), max_length=200, blank=True, help_text=_("As printed in the document.")
    )
    url = models.URLField(_("link"), max_length=500)
    read_url = models.URLField(
        _("copy read"), max_length=500, blank=True, help_text=_("Where the text was read.")
    )
    read_on = models.DateField(null=True, blank=True)
    unverified = models.BooleanField(default=False)
    note = models.TextField(blank=True, help_text=_("What could not be confirmed, and why."))
    _revisions, workflow_states = _generic("treatment_source")

    panels = [
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("title"),
        FieldPanel("product"),
        FieldPanel("holder"),
        FieldPanel("doi"),
        FieldPanel("pmid"),
        FieldPanel("fda_application"),
        FieldPanel("dailymed_setid"),
        FieldPanel("ema_product"),
        FieldPanel("revision"),
        FieldPanel("url"),
        FieldPanel("read_url"),
        FieldPanel("read_on"),
        FieldPanel("unverified"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def accepted(self) -> bool:
        return self.kind in ACCEPTED_SOURCE_KINDS and bool(self.title and self.holder and self.url)


class TreatmentClass(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("treatment classes")

    def __str__(self) -> str:
        return self.name


def citations_problems(citations) -> list[str]:
    """Why these citations cannot carry a fact (empty when they can): each names a known
    source, and at least one source is of an accepted kind (the allowlist)."""
    if not isinstance(citations, list) or not all(
        isinstance(c, dict) and isinstance(c.get("source"), str) for c in citations
    ):
        return [_('Write citations as [{"source": "<source slug>", "section": "<section>"}].')]
    slugs = {c["source"] for c in citations}
    kinds = dict(Source.objects.filter(slug__in=slugs).values_list("slug", "kind"))
    problems = [
        _("Unknown source: %(slug)s") % {"slug": slug} for slug in sorted(slugs - set(kinds))
    ]
    if not any(kind in ACCEPTED_SOURCE_KINDS for kind in kinds.values()):
        problems.append(
            _("Cite at least one regulator label, society guidance or peer-reviewed study.")
        )
    return problems


def _citations_clean(row) -> None:
    problems = citations_problems(row.citations)
    if problems:
        raise ValidationError({"citations": problems})


def _citations_field():
    return models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Sources as a list, e.g. [{"source": "gilenya-us", "section": "4 Contraindications"}].'
        ),
    )


class Treatment(_Reviewed, ClusterableModel):
    """One medicine. `dosing` and `approvals` keep their citations inside the JSON."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    abbreviation = models.CharField(max_length=20, blank=True)
    brand_names = models.JSONField(default=list, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    treatment_class = models.ForeignKey(
        TreatmentClass, on_delete=models.PROTECT, related_name="treatments"
    )
    class_slugs = models.JSONField(default=list, help_text=_("Primary class and member-of."))
    communities = models.JSONField(default=list)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    route = models.CharField(max_length=20)
    summary = models.TextField()
    citations = _citations_field()
    approvals = models.JSONField(default=list, blank=True)
    dosing = models.JSONField(null=True, blank=True)
    monitoring = models.JSONField(default=list, blank=True)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="treatments")
    _revisions, workflow_states = _generic("treatment")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("abbreviation"),
        FieldPanel("brand_names"),
        FieldPanel("aliases"),
        FieldPanel("treatment_class"),
        FieldPanel("communities"),
        FieldPanel("purpose"),
        FieldPanel("route"),
        FieldPanel("summary"),
        FieldPanel("citations"),
        FieldPanel("approvals"),
        FieldPanel("dosing"),
        FieldPanel("monitoring"),
        InlinePanel("side_effects", label=_("Side effects")),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("treatments:detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        _citations_clean(self)

    @property
    def revisions(self):
        return self._revisions

    @property
    def label(self) -> str:
        """The name with its abbreviation or first brand, as members search for it."""
        extra = self.abbreviation or (self.brand_names[0] if self.brand_names else "")
        return f"{self.name} ({extra})" if extra else self.name


class SideEffect(models.Model):
    """A side effect listed by the label or another cited source."""

    treatment = ParentalKey(Treatment, on_delete=models.CASCADE, related_name="side_effects")
    name = models.CharField(max_length=120)
    frequency = models.CharField(max_length=120, blank=True)
    citations = _citations_field()
    unverified = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("frequency"),
        FieldPanel("citations"),
        FieldPanel("unverified"),
        FieldPanel("position"),
    ]

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class _Fact(_Reviewed):
    """Interactions and contraindications: graded, worded for members, and cited."""

    severity = models.CharField(max_length=20, choices=Severity.choices)
    scheme = models.CharField(max_length=20, default="label")
    effect = models.TextField()
    advice = models.TextField()
    citations = _citations_field()
    unverified = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        _citations_clean(self)

    @property
    def revisions(self):
        return self._revisions


class Interaction(_Fact):
    """Between two treatments, or a treatment and a class: `a` and `b` are a slug or
    `class:<slug>`; the display names are kept with them so pages need no lookups."""

    key = models.CharField(
        max_length=200, unique=True, default="", help_text=_("Set from the two parties.")
    )
    a = models.CharField(max_length=90, db_index=True)
    b = models.CharField(max_length=90, db_index=True)
    a_name = models.CharField(max_length=120)
    b_name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    _revisions, workflow_states = _generic("treatment_interaction")

    panels = [
        FieldPanel("a"),
        FieldPanel("a_name"),
        FieldPanel("b"),
        FieldPanel("b_name"),
        FieldPanel("severity"),
        FieldPanel("effect"),
        FieldPanel("advice"),
        FieldPanel("note"),
        FieldPanel("citations"),
        FieldPanel("unverified"),
    ]

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.a_name} + {self.b_name}"

    def save(self, *args, **kwargs):
        self.key = f"{self.a}+{self.b}"
        super().save(*args, **kwargs)


class Contraindication(_Fact):
    key = models.CharField(
        max_length=200, unique=True, default="", help_text=_("Set from treatment and condition.")
    )
    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="contraindications"
    )
    condition = models.SlugField(max_length=60)
    condition_name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    _revisions, workflow_states = _generic("treatment_contraindication")

    panels = [
        FieldPanel("treatment"),
        FieldPanel("condition"),
        FieldPanel("condition_name"),
        FieldPanel("severity"),
        FieldPanel("effect"),
        FieldPanel("advice"),
        FieldPanel("note"),
        FieldPanel("citations"),
        FieldPanel("unverified"),
    ]

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.treatment} with {self.condition_name}"

    def save(self, *args, **kwargs):
        self.key = f"{self.treatment.slug}@{self.condition}"
        super().save(*args, **kwargs)


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
