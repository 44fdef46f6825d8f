from alongside.notifications.models import Notification


def notification_create(
    *, recipient, community, kind: str, text: str, dedupe_key: str, actor=None, url: str = ""
) -> Notification | None:
    """Record a notification once per dedupe_key; never notifies members of their own acts."""
    if actor is not None and actor.pk == recipient.pk:
        return None
    notification, _ = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "recipient": recipient,
            "community": community,
            "kind": kind,
            "text": text[:300],
            "url": url,
            "actor": actor,
        },
    )
    return notification
