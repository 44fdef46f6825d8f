from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    HARASSMENT = "harassment", _("Harassment or bullying")
    MISINFORMATION = "misinformation", _("Medical misinformation")
    SELF_HARM = "self_harm", _("Someone may be at risk of harming themselves")
    OTHER = "other", _("Something else")


class Risk(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Report(models.Model):
    """A member's report (or an automatic one from crisis screening) about one item or profile."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(_("anything else the moderators should know"), blank=True)
    risk = models.PositiveSmallIntegerField(choices=Risk.choices, default=Risk.LOW)
    is_automatic = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=Q(status="open"),
                name="one_open_report_per_reporter_and_target",
            ),
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(status="open", is_automatic=True),
                name="one_open_automatic_report_per_target",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "-risk", "created_at"])]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.reason})"


class Action(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")
    WARN = "warn", _("Warn")
    SUSPEND = "suspend", _("Suspend")
    BLOCK_GUEST = "block_guest", _("Block the guest")
    UNBLOCK_GUEST = "unblock_guest", _("Lift a guest's block")
    REACH_OUT = "reach_out", _("Reach out")
    RESOLVE = "resolve", _("Close the report")
    DISMISS = "dismiss", _("Close: no action needed")
    # The team page (community admins): the target is the member, the note the role.
    STAFF_APPOINT = "staff_appoint", _("Gave a staff role")
    STAFF_REMOVE = "staff_remove", _("Took a staff role away")


# Decisions that close the entry's open reports; every other decision leaves them open, so
# a moderator can hide a post and suspend its author before closing.
CLOSING_ACTIONS = frozenset({Action.RESOLVE, Action.DISMISS})


class ModerationAction(models.Model):
    """The audit log: every decision a moderator takes, kept."""

    # Not stored: set by moderation.selectors for the log.
    moderator_name: str
    member_name: str
    item_label: str
    item_url: str

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["community", "-created_at", "-id"]),
            models.Index(fields=["community", "member", "action"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} by {self.moderator_id}"


class Suspension(models.Model):
    """A member may not post in this community until `until`."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    until = models.DateTimeField()
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["community", "user", "until"])]

    def __str__(self) -> str:
        return f"{self.user_id} suspended until {self.until:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.until > timezone.now()


class GuestBlock(models.Model):
    """A guest a moderator blocked from commenting in this community: by the email address
    they confirmed and by the client address their comment came from (a keyed digest, never
    the address), so a new email from the same connection is refused too."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    email = models.EmailField()
    address_digest = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Lifted by a moderator: kept, so the log can say which block was lifted and by whom.
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["community", "email"]),
            models.Index(fields=["community", "address_digest"]),
        ]

    def __str__(self) -> str:
        return f"guest block {self.pk}"
