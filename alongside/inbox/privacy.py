"""A member's private messages, for export and erasure."""

from alongside.inbox.models import Message, Participant


def export(user) -> dict:
    return {
        "messages_sent": list(
            Message.objects.filter(sender=user).values("conversation_id", "body", "created_at")
        )
    }


def erase(user, *, keep_posts: bool) -> None:
    """The other member keeps the conversation; what this member wrote is anonymised or gone."""
    if keep_posts:
        Message.objects.filter(sender=user).update(sender=None)
    else:
        Message.objects.filter(sender=user).delete()
    Participant.objects.filter(user=user).delete()
