from alongside.inbox.selectors import header_counts


def unread(request) -> dict:
    """Unread notifications and conversations for the header, for members of this community.

    Kept on the request: fragments rendered with the request (answers, cards) run the context
    processors again, and the counts must cost one query per page, not one per fragment."""
    counts = getattr(request, "_unread_counts", None)
    if counts is None:
        counts = _unread(request)
        request._unread_counts = counts
    return counts


def _unread(request) -> dict:
    user = getattr(request, "user", None)
    community = getattr(request, "community", None)
    if user is None or community is None or not user.is_authenticated:
        return {"notification_unread_count": 0, "message_unread_count": 0}
    notifications, conversations = header_counts(user=user, community=community)
    return {"notification_unread_count": notifications, "message_unread_count": conversations}
