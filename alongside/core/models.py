from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Audience(models.TextChoices):
    """Who may see a piece of member data. Public is allowed only where a field says so."""

    PUBLIC = "public", _("Anyone, including visitors")
    MEMBERS = "members", _("Members of this community")
    TEAM = "team", _("My team only")
    ONLY_ME = "only_me", _("Only me")


class Topic(models.Model):
    """A shared tag (e.g. low-dose-naltrexone, pain) linking articles, questions and treatments."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Visibility(models.TextChoices):
    """Where member content stands with moderation. Only PUBLISHED is ever shown to others."""

    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REJECTED = "rejected", _("Rejected by a moderator")


class EmailStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed for good")


class OutboxEmail(models.Model):
    """One email to send, written in the transaction that decided to send it.

    `dedupe_key` makes a task that runs twice queue the email once; `message_id` is chosen
    once, so a resend after an unrecorded acceptance carries the same Message-ID.
    """

    dedupe_key = models.CharField(max_length=255, unique=True)
    message_id = models.CharField(max_length=255)
    from_email = models.CharField(max_length=255)
    to = models.JSONField(default=list)
    subject = models.TextField()
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus, default=EmailStatus.WAITING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    leased_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due"),
            models.Index(fields=["sent_at"], name="outbox_sent_at"),
        ]
        verbose_name = _("queued email")

    def __str__(self) -> str:
        return f"{self.subject} ({self.status})"
