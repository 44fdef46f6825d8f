from alongside.communities.selectors import membership_for


def community(request) -> dict:
    current = getattr(request, "community", None)
    user = getattr(request, "user", None)
    membership = membership_for(user=user, community=current) if user else None
    return {"community": current, "viewer_membership": membership}
