"""A member's private messages, for export and erasure."""

from alongside.inbox.models import Message


def export(user) -> dict:
    return {
        "messages_sent": list(
            Message.objects.filter(sender=user).values("conversation_id", "body", "created_at")
        )
    }
