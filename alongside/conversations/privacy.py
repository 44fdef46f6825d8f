"""What a member's updates, comments and reactions are, for export (erasure is
`services.member_content_erase`)."""

from alongside.conversations.models import Comment, Reaction, Update, UpdatePicture


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
