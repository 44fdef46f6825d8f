from alongside.notifications.selectors import unread_count


def unread(request) -> dict:
    """The unread count for the header, for signed-in members of this community."""
    user = getattr(request, "user", None)
    community = getattr(request, "community", None)
    if user is None or community is None or not user.is_authenticated:
        return {"notification_unread_count": 0}
    return {"notification_unread_count": unread_count(user=user, community=community)}
