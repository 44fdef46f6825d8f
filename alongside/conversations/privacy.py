"""What a member's updates, comments and reactions are, for export and erasure."""

from django.db.models import F

from alongside.conversations.models import Comment, Reaction, ReactionKind, Update, UpdatePicture


def export(user) -> dict:
    updates = Update.objects.filter(author=user).order_by("created_at")
    pictures = UpdatePicture.objects.filter(update__author=user)
    return {
        "updates": list(
            updates.values(
                "id", "community__slug", "body", "audience", "quote_consent_at", "created_at"
            )
        ),
        "comments": list(
            Comment.objects.filter(author=user).values(
                "id", "update_id", "answer_id", "body", "quote_consent_at", "created_at"
            )
        ),
        "reactions": list(
            Reaction.objects.filter(user=user).values("kind", "update_id", "answer_id")
        ),
        "files": [picture.image for picture in pictures],
    }


def erase(user, *, keep_posts: bool) -> None:
    """Keep posts anonymised (author=None) or delete them with their pictures."""
    _reactions_erase(user)
    if keep_posts:
        # Leaving takes back any consent to be quoted (articles' erase purges cached pages).
        Update.objects.filter(author=user).update(author=None, quote_consent_at=None)
        Comment.objects.filter(author=user).update(author=None, quote_consent_at=None)
        return
    for picture in UpdatePicture.objects.filter(update__author=user):
        picture.image.delete(save=False)
        picture.feed_image.delete(save=False)
    Update.objects.filter(author=user).delete()
    Comment.objects.filter(author=user).delete()


def _reactions_erase(user) -> None:
    """Take the member's hugs and likes back, keeping the counters right."""
    for kind, field in ((ReactionKind.HUG, "hug_count"), (ReactionKind.LIKE, "like_count")):
        ids = Reaction.objects.filter(user=user, kind=kind, update__isnull=False).values(
            "update_id"
        )
        Update.objects.filter(pk__in=ids, **{f"{field}__gt": 0}).update(**{field: F(field) - 1})
    Reaction.objects.filter(user=user).delete()
