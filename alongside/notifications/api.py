from datetime import datetime

from ninja import Router, Schema

from alongside.notifications import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    next_cursor: int | None
    unread_count: int


class MarkedOut(Schema):
    marked: int


@router.get("", response=NotificationPageOut)
def notification_list(request, before: int | None = None):
    """The member's notifications here, newest first; `before` is the previous next_cursor."""
    page = selectors.notifications_for(
        viewer=request.user, community=request.community, before=before
    )
    count = selectors.unread_count(user=request.user, community=request.community)
    return {"items": page.items, "next_cursor": page.next_cursor, "unread_count": count}


@router.post("/read", response=MarkedOut)
def mark_all_read(request):
    selectors.notifications_for(viewer=request.user, community=request.community)
    marked = services.notifications_mark_read(recipient=request.user, community=request.community)
    return {"marked": marked}


@router.post("/{pk}/read", response=MarkedOut)
def mark_read(request, pk: int):
    notification = selectors.notification_get_for(
        viewer=request.user, pk=pk, community=request.community
    )
    marked = services.notifications_mark_read(
        recipient=request.user, community=request.community, pks=[notification.pk]
    )
    return {"marked": marked}
