"""Feedback where the eyes are: a message can be placed next to the form it concerns.

`messages.success(request, text, extra_tags=placed("comments"))` shows the message in the
`{% messages_here "comments" %}` slot of the page (by the comment form) instead of at the
top; a redirect to `#feedback-comments` brings the member's eyes, and screen reader, there.
"""

PREFIX = "at-"


def placed(place: str) -> str:
    return PREFIX + place


def place_of(message) -> str:
    for tag in (message.extra_tags or "").split():
        if tag.startswith(PREFIX):
            return tag[len(PREFIX) :]
    return ""


def anchor(place: str) -> str:
    """The fragment a redirect adds so the page opens at the message."""
    return f"#feedback-{place}"
