"""Notification emails: plain text, with RFC 8058 one-click unsubscribe headers.

The body carries only the notification's own text (written by the calling app without
quoting content) and a link: whatever the recipient may not see stays on the site.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

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


def absolute_url(community, path: str) -> str:
    """A link on the community's own host, with the scheme and port the site runs on."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    host = community.site.hostname
    netloc = f"{host}:{base.port}" if base.port else host
    return urlunsplit((base.scheme or "https", netloc, path, "", ""))


def notification_email(*, recipient, community, notifications, subject: str) -> EmailMessage:
    kinds = {notification.kind for notification in notifications}
    unsubscribe = absolute_url(
        community,
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user=recipient, kinds=kinds)]),
    )
    items = [
        {"text": notification.text, "url": absolute_url(community, notification.url or "/")}
        for notification in notifications
    ]
    body = render_to_string(
        "notifications/email.txt",
        {
            "community": community,
            "items": items,
            "settings_url": absolute_url(community, reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
