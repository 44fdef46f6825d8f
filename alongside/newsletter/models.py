import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import TimeStampedModel


class Subscriber(TimeStampedModel):
    """A newsletter reader of one community: double opt-in, one-click unsubscribe."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="subscribers"
    )
    email = models.EmailField(_("email address"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    weekly_digest = models.BooleanField(_("Send me the weekly digest"), default=True)
    topics = models.ManyToManyField(
        "core.Topic",
        blank=True,
        related_name="+",
        verbose_name=_("topics I care about most"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "email"], name="one_subscriber_per_email")
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class DigestDelivery(models.Model):
    """One row per digest per subscriber, written before sending: never two emails for one."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    digest_key = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "digest_key"], name="one_delivery_per_digest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.digest_key} to {self.subscriber_id}"
