from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from alongside.core.schemas import Error, example, form_error
from alongside.notifications import selectors, services
from alongside.notifications.forms import PreferencesForm

router = Router(tags=["notifications"])

_NOTIFICATION = {
    "id": 640,
    "kind": "comment",
    "text": "Robin commented on your update.",
    "url": "/updates/412/",
    "created_at": "2026-04-18T10:20:00Z",
    "read_at": None,
}


class NotificationOut(Schema):
    model_config = example(_NOTIFICATION)

    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(Schema):
    model_config = example(
        {"items": [_NOTIFICATION], "next_cursor": "1776507600000000.640", "unread_count": 1}
    )

    items: list[NotificationOut]
    next_cursor: str | None
    unread_count: int


class MarkedOut(Schema):
    model_config = example({"marked": 3})

    marked: int


@router.get("", response=NotificationPageOut)
def notification_list(request, cursor: str | None = None):
    """The member's notifications here, newest first."""
    page = selectors.notifications_for(
        viewer=request.user, community=request.community, before=cursor
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


class FrequenciesIO(Schema):
    """Email frequency per kind of notification (kinds left out keep their choice)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"frequencies": {"comment": "daily", "message": "instant"}}]
        }
    )

    frequencies: dict[str, str]


@router.get("/settings", response=FrequenciesIO)
def settings_read(request):
    """How often each kind of notification is emailed to you."""
    return {"frequencies": selectors.frequencies_for(user=request.user)}


@router.put("/settings", response={200: FrequenciesIO, 400: Error})
def settings_update(request, data: FrequenciesIO):
    current = selectors.frequencies_for(user=request.user)
    unknown = sorted(set(data.frequencies) - set(current))
    if unknown:
        return Status(400, {"detail": _("Unknown kinds: %(k)s.") % {"k": ", ".join(unknown)}})
    form = PreferencesForm({**current, **data.frequencies}, initial_frequencies=current)
    if not form.is_valid():
        return form_error(form)
    for kind, frequency in form.cleaned_data.items():
        services.preference_set(user=request.user, kind=kind, frequency=frequency)
    return {"frequencies": selectors.frequencies_for(user=request.user)}
