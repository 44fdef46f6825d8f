"""Updates (members' posts), their pictures, comments and reactions.

"Text or at least one picture" spans two tables, so no CheckConstraint can hold it: it is
enforced in `services.update_create`/`update_edit` and in `forms.UpdateForm`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.core.models import TimeStampedModel, Visibility
from alongside.core.routes import route
from alongside.core.storage import private_storage


class UpdateAudience(models.TextChoices):
    MEMBERS = "members", _("Members of this community")
    TEAM = "team", _("My team only")


def picture_storage():
    """Members' pictures never sit at a public address: a private bucket or a private folder.

    They are served only through `conversations:picture`, which checks the viewer each time.
    """
    return private_storage()


def _picture_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"updates/{uuid.uuid4().hex}.{extension}"


def _quote_consent_field() -> models.DateTimeField:
    """When the author agreed that editors may quote the post (articles' member quotes)."""
    return models.DateTimeField(
        _("editors may quote this anonymously in the library"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the author agreed; empty when they have not or took it back."),
    )


class Update(TimeStampedModel):
    # Not stored: set by the selectors and services that return updates.
    author_name: str
    crisis: bool

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="updates"
    )
    body = models.TextField(_("your update"), blank=True, max_length=5000)
    audience = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=UpdateAudience.choices,
        default=UpdateAudience.MEMBERS,
    )
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )
    hug_count = models.PositiveIntegerField(default=0, editable=False)
    like_count = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    quote_consent_at = _quote_consent_field()

    class Meta:
        indexes = [
            models.Index(fields=["community", "visibility", "-created_at", "-id"]),
            models.Index(fields=["community", "author", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return f"update {self.pk}"

    def get_absolute_url(self) -> str:
        return route("conversations:update", self.pk)


class UpdatePicture(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="pictures")
    image = models.ImageField(
        upload_to=_picture_path,
        storage=picture_storage,
        width_field="width",
        height_field="height",
    )
    feed_image = models.ImageField(
        upload_to=_picture_path,
        storage=picture_storage,
        width_field="feed_width",
        height_field="feed_height",
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    feed_width = models.PositiveIntegerField(default=0)
    feed_height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("description of the picture"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"picture {self.pk} of update {self.update_id}"


def _exactly_one_target() -> Q:
    return Q(update__isnull=False, answer__isnull=True) | Q(
        update__isnull=True, answer__isnull=False
    )


class Comment(TimeStampedModel):
    """A comment on an update or on an answer (exactly one)."""

    # Not stored: set by the selectors and services that return comments.
    author_name: str
    crisis: bool

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    update = models.ForeignKey(
        Update, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    answer = models.ForeignKey(
        "questions.Answer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    body = models.TextField(_("your comment"), max_length=3000)
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )
    quote_consent_at = _quote_consent_field()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_exactly_one_target(), name="comment_one_target")
        ]
        indexes = [
            models.Index(fields=["update", "created_at", "id"]),
            models.Index(fields=["answer", "created_at", "id"]),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk}"

    def get_absolute_url(self) -> str:
        if self.update_id:
            return route("conversations:update", self.update_id) + f"#comment-{self.pk}"
        return route("questions:detail", self.answer.question_id) + f"#comment-{self.pk}"


class ReactionKind(models.TextChoices):
    HUG = "hug", _("Hug")
    LIKE = "like", _("Like")


class Reaction(models.Model):
    """One hug or one like by one member on one update or answer."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=4, choices=ReactionKind.choices)
    update = models.ForeignKey(
        Update, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    answer = models.ForeignKey(
        "questions.Answer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_exactly_one_target(), name="reaction_one_target"),
            models.UniqueConstraint(
                fields=["user", "kind", "update"],
                condition=Q(update__isnull=False),
                name="one_reaction_per_update",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "answer"],
                condition=Q(answer__isnull=False),
                name="one_reaction_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id}"


class UpdateDraft(models.Model):
    """What a member has typed but not posted yet, kept as they type (htmx)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    body = models.TextField(blank=True, max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="one_update_draft")
        ]

    def __str__(self) -> str:
        return f"draft of {self.user_id}"
