"""Notification emails: HTML with a plain-text part, with RFC 8058 one-click unsubscribe
headers.

The body carries only the notification's own text (written by the calling app without
quoting content) and a link: whatever the recipient may not see stays on the site.
"""

from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse

from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.notifications.models import ALWAYS_INSTANT

_SALT = "alongside.notifications.unsubscribe"
TOKEN_MAX_AGE = 60 * 60 * 24 * 365


def unsubscribe_token(*, user, kinds) -> str:
    return signing.dumps({"u": user.pk, "k": sorted(set(kinds))}, salt=_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, list[str]] | None:
    """The member and kinds a token stands for; None when forged or too old."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["u"], list(data["k"])


def notification_email(
    *, recipient, community, notifications, subject: str, base_url: str = ""
) -> EmailMessage:
    """`base_url`: the community's address as seen by whoever caused the notification
    (captured when it was queued); the community's own address for digests."""
    base_url = base_url or base_url_for(community)
    kinds = {notification.kind for notification in notifications}
    # Kinds a member cannot turn off (their role on the team, a member's safety) get no
    # "stop these emails" link: it would record a choice that is never honoured.
    always = kinds <= ALWAYS_INSTANT
    token = unsubscribe_token(user=recipient, kinds=kinds)
    unsubscribe = (
        "" if always else absolute(base_url, reverse("notifications:unsubscribe", args=[token]))
    )
    items = [
        {"text": notification.text, "url": absolute(base_url, notification.url or "/")}
        for notification in notifications
    ]
    return email_compose(
        subject=subject,
        to=[recipient.email],
        template="notifications/email",
        context={
            "items": items,
            "settings_url": absolute(base_url, reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
        },
        community=community,
        base_url=base_url,
        headers={}
        if always
        else {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
