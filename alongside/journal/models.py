"""The member's MS journal: daily check-ins, relapses, questionnaires, visit summaries, carers
and share links. Everything here is private to the journal's owner unless they share it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.models import TimeStampedModel


class Journal(TimeStampedModel):
    """One member's journal in one community (symptoms differ by condition)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journals"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="journals"
    )
    symptoms = models.JSONField(default=list, blank=True)  # keys, in the member's order
    own_symptoms = models.JSONField(default=dict, blank=True)  # {"own-1": "Hiccups"}
    count_in_figures = models.BooleanField(
        _("count my journal in community figures"),
        default=False,
        help_text=_(
            "Adds your symptom scores, never your name or notes, to figures such as how "
            "common fatigue is among members. Separate from counting your treatments."
        ),
    )
    questionnaires = models.JSONField(default=list, blank=True)  # instrument codes chosen
    questionnaire_every_days = models.PositiveSmallIntegerField(default=90)
    reminder_days = models.JSONField(default=list, blank=True)  # 0 = Monday ... 6 = Sunday
    reminder_time = models.TimeField(null=True, blank=True)
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # the member's local date

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "community"], name="one_journal_per_community")
        ]

    def __str__(self) -> str:
        return f"journal {self.pk} of {self.owner_id}"


class CheckIn(TimeStampedModel):
    """How the member was on one day: {symptom key: 0..4} and an optional note."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField()
    scores = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["journal", "day"], name="one_checkin_per_day")
        ]

    def __str__(self) -> str:
        return f"check-in {self.day}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class Recovery(models.TextChoices):
    ONGOING = "ongoing", _("Still going on")
    FULL = "full", _("Back to how I was before")
    MOSTLY = "mostly", _("Mostly recovered")
    PARTLY = "partly", _("Partly recovered")
    NONE = "none", _("Not recovered")


class Relapse(TimeStampedModel):
    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="relapses")
    started_on = models.DateField(_("when it started"))
    what_changed = models.TextField(_("what changed"), max_length=4000)
    over_24_hours = models.CharField(
        _("did it last more than 24 hours?"), max_length=6, choices=Answer.choices
    )
    fever = models.CharField(
        _("a fever at the time?"), max_length=6, choices=Answer.choices, default=Answer.NO
    )
    infection = models.CharField(
        _("an infection at the time (a cold, flu, a urine infection)?"),
        max_length=6,
        choices=Answer.choices,
        default=Answer.NO,
    )
    heat = models.CharField(
        _("very hot weather, a hot bath or exercise just before?"),
        max_length=6,
        choices=Answer.choices,
        default=Answer.NO,
    )
    team_told = models.CharField(
        _("have you told your MS team?"), max_length=6, choices=Answer.choices, default=Answer.NO
    )
    steroids = models.CharField(
        _("were you given steroids?"), max_length=6, choices=Answer.choices, default=Answer.NO
    )
    recovery = models.CharField(
        _("how far has it recovered?"),
        max_length=10,
        choices=Recovery.choices,
        default=Recovery.ONGOING,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"relapse {self.started_on}"

    @property
    def maybe_pseudo(self) -> bool:
        """Fever, infection or heat at the time, or under a day: worth asking the team about."""
        return Answer.YES in (self.fever, self.infection, self.heat) or (
            self.over_24_hours == Answer.NO
        )


class QuestionnaireResponse(models.Model):
    """Answers to one instrument, as item codes and values; the score is computed once."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="responses")
    instrument = models.CharField(max_length=20)
    version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=40)
    # PHQ-9 item 9 above zero: crisis resources were shown at once and stay on the journal.
    safety_flag = models.BooleanField(default=False)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["journal", "instrument", "-completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.score}"


class SavedQuestion(models.Model):
    """A question the member wants to ask their neurologist or MS nurse."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("your question"), max_length=500)
    source_title = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    asked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asked", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class VisitSummary(TimeStampedModel):
    """A summary of a period for an appointment; its contents are read live from the journal."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="summaries")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    concern = models.TextField(_("your most important concern"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="summary_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"summary {self.period_start} to {self.period_end}"


class ShareLink(models.Model):
    """A read-only link to one summary for a clinician. Only the token's SHA-256 is stored."""

    summary = models.ForeignKey(VisitSummary, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("who it is for"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"share link {self.pk}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class CarerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")


class Carer(TimeStampedModel):
    """A loved one the owner lets view the journal, add entries or prepare a summary."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="carers")
    email = models.EmailField(_("their email address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="caring_for",
    )
    invite_hash = models.CharField(max_length=64, unique=True)
    can_view = models.BooleanField(_("see the journal"), default=True)
    can_add = models.BooleanField(_("add check-ins and relapses for me"), default=False)
    can_summarise = models.BooleanField(_("prepare a visit summary"), default=False)
    status = models.CharField(
        max_length=10, choices=CarerStatus.choices, default=CarerStatus.INVITED
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"carer {self.email} for {self.journal_id}"


class AccessKind(models.TextChoices):
    VIEWED = "viewed", _("looked at the journal")
    VIEWED_TRENDS = "viewed_trends", _("looked at the trends")
    ADDED_CHECKIN = "added_checkin", _("saved a check-in")
    ADDED_RELAPSE = "added_relapse", _("saved a relapse")
    PREPARED_SUMMARY = "prepared_summary", _("prepared a visit summary")
    VIEWED_SUMMARY = "viewed_summary", _("looked at a visit summary")
    OPENED_LINK = "opened_link", _("opened a share link")


class AccessEntry(models.Model):
    """Every access to a journal by someone other than its owner: a carer or a share link."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="accesses")
    carer = models.ForeignKey(Carer, null=True, blank=True, on_delete=models.SET_NULL)
    link = models.ForeignKey(ShareLink, null=True, blank=True, on_delete=models.SET_NULL)
    who = models.CharField(max_length=120)  # kept readable if the carer row goes
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["journal", "-at"])]

    def __str__(self) -> str:
        return f"{self.who} {self.kind}"


class JournalWording(models.Model):
    """Words staff choose per community, e.g. whom to tell about a relapse."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="journal_wording"
    )
    relapse_prompt = models.TextField(
        _("after a relapse is logged"),
        help_text=_(
            "Shown gently when a member logs a new relapse, e.g. how to reach an MS nurse "
            "helpline in your country."
        ),
    )

    def __str__(self) -> str:
        return f"journal wording for {self.community_id}"


class JournalFigure(models.Model):
    """Community figures from consenting journals, computed by a task at most weekly.
    `key` is "symptoms" or "treatment:<slug>"; figures are rounded before they are stored."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "key"], name="one_journal_figure_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} in {self.community_id}"
