from django.conf import settings
from django.db import models
from django.db.models import F, Q


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
