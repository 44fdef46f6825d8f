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
