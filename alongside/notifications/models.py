from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TEAM_REQUEST = "team_request", _("Team requests")
    COMMENT = "comment", _("Comments")
    ANSWER = "answer", _("Answers")
    HUG = "hug", _("Hugs and likes")
    MESSAGE = "message", _("Messages")
    MODERATION = "moderation", _("Moderation outcomes")
    DESK_ALERT = "desk_alert", _("Urgent alerts for moderators")
    STAFF_ROLE = "staff_role", _("Your moderator or admin role")


class Notification(models.Model):
    """One thing that happened for one member. `dedupe_key` makes creation idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the notification went out by email (alone or in a digest): never twice.
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "community", "-created_at", "-id"]),
            models.Index(fields=["recipient", "community", "read_at"]),
        ]

    def __str__(self) -> str:
        return self.text


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Email me straight away")
    DAILY = "daily", _("Email me a daily summary")
    NEVER = "never", _("Do not email me")


# What a member gets until they choose otherwise.
DEFAULT_FREQUENCY = {
    Kind.TEAM_REQUEST: Frequency.INSTANT,
    Kind.COMMENT: Frequency.DAILY,
    Kind.ANSWER: Frequency.INSTANT,
    Kind.HUG: Frequency.DAILY,
    Kind.MESSAGE: Frequency.INSTANT,
    Kind.MODERATION: Frequency.INSTANT,
    Kind.DESK_ALERT: Frequency.INSTANT,
    Kind.STAFF_ROLE: Frequency.INSTANT,
}
# Kinds a member cannot turn down: a moderator is alerted at once when someone may be at risk,
# and a member is told when they join or leave the moderation team.
ALWAYS_INSTANT = frozenset({Kind.DESK_ALERT, Kind.STAFF_ROLE})


class NotificationPreference(models.Model):
    """How a member wants to hear about one kind of notification by email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.frequency}"
