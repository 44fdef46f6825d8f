from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TeamLink(models.Model):
    """Two members of one community in each other's team. Stored once, lower user id first."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="team_links"
    )
    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user_low", "user_high"], name="one_team_link_per_pair"
            ),
            models.CheckConstraint(condition=Q(user_low__lt=F("user_high")), name="ordered_pair"),
        ]
        indexes = [models.Index(fields=["community", "user_high"])]

    def __str__(self) -> str:
        return f"{self.user_low_id} + {self.user_high_id}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TeamRequest(models.Model):
    """One member asking another to join each other's team. At most one pending per pair."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="team_requests"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_requests_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_requests_received"
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "sender", "recipient"],
                condition=Q(status="pending"),
                name="one_pending_team_request_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="team_request_not_to_self"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "recipient", "status", "-created_at"]),
            models.Index(fields=["community", "sender", "status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} -> {self.recipient_id} ({self.status})"


class Block(models.Model):
    """The blocker no longer hears from, or shows anything to, the blocked member here."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="blocks"
    )
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "blocker", "blocked"], name="one_block_per_pair"
            ),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]
        indexes = [models.Index(fields=["community", "blocked"])]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
