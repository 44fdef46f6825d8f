from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.core.models import TimeStampedModel, Visibility


class Conversation(models.Model):
    """A private conversation between two members of one community. Lower user id first."""

    # Not stored: set by inbox.selectors.conversation_get_for.
    blocked: bool

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="conversations"
    )
    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user_low", "user_high"], name="one_conversation_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high"))
                | Q(user_low__isnull=True)
                | Q(user_high__isnull=True),
                name="conversation_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("inbox:conversation", args=[self.pk])


class Participant(models.Model):
    """One member's side of a conversation: what they have read, whether they muted it."""

    # Not stored: set by inbox.selectors on the inbox page.
    other_name: str
    is_blocked: bool

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_entries"
    )
    other = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    unread_count = models.PositiveIntegerField(default=0)
    muted = models.BooleanField(_("mute this conversation"), default=False)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_side_per_member")
        ]
        indexes = [models.Index(fields=["user", "community", "-last_message_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(TimeStampedModel):
    # Not stored: set on a thread's messages, and by message_send.
    is_mine: bool
    crisis: bool

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )

    class Meta:
        indexes = [models.Index(fields=["conversation", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"message {self.pk}"
