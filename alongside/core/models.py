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
