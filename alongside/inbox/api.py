from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from alongside.communities.access import require_member
from alongside.core.forms import fields_clean
from alongside.core.schemas import Error, example
from alongside.inbox import selectors, services
from alongside.inbox.forms import MessageForm
from alongside.teams.selectors import other_member_get

router = Router(tags=["inbox"])

_CONVERSATION = {
    "id": 23,
    "other_name": "Robin",
    "unread_count": 2,
    "muted": False,
    "last_message_at": "2026-04-18T12:00:00Z",
}
_MESSAGE = {
    "id": 905,
    "body": "Hello! Fancy a walk on Thursday?",
    "is_mine": True,
    "created_at": "2026-04-18T12:00:00Z",
}


class ConversationOut(Schema):
    model_config = example(_CONVERSATION)

    id: int
    other_name: str
    unread_count: int
    muted: bool
    last_message_at: datetime | None

    @staticmethod
    def resolve_id(side) -> int:
        return side.conversation_id


class InboxOut(Schema):
    model_config = example(
        {"items": [_CONVERSATION], "next_cursor": "1776513600000000.23", "unread_total": 2}
    )

    items: list[ConversationOut]
    next_cursor: str | None
    unread_total: int


class MessageOut(Schema):
    model_config = example(_MESSAGE)

    id: int
    body: str
    is_mine: bool = False
    created_at: datetime


class ThreadOut(Schema):
    model_config = example({"other_name": "Robin", "messages": [_MESSAGE], "next_cursor": None})

    other_name: str
    messages: list[MessageOut]
    next_cursor: str | None


class MessageIn(Schema):
    model_config = example({"body": "Thursday works for me."})

    body: str


class StartIn(Schema):
    model_config = example(
        {"public_id": "0d7e5c3a-8f21-4b6e-9c14-5a2f7e9b3d60", "body": "Hello! Fancy a walk?"}
    )

    public_id: UUID
    body: str


@router.get("", response=InboxOut)
def inbox(request, cursor: str | None = None):
    """Your conversations, the latest first."""
    page = selectors.inbox_for(viewer=request.user, community=request.community, before=cursor)
    unread = selectors.unread_total(viewer=request.user, community=request.community)
    return {"items": page.items, "next_cursor": page.next_cursor, "unread_total": unread}


@router.get("/{int:pk}", response=ThreadOut)
def thread(request, pk: int, cursor: str | None = None):
    """One conversation's messages; `next_cursor` leads to older ones."""
    found = selectors.conversation_get_for(viewer=request.user, pk=pk, community=request.community)
    view = selectors.conversation_view_for(viewer=request.user, conversation=found, before=cursor)
    return {**view, "messages": view["thread"], "next_cursor": view["older_cursor"]}


@router.post("/{int:pk}", response={201: MessageOut, 400: Error})
def send(request, pk: int, data: MessageIn):
    found = selectors.conversation_get_for(viewer=request.user, pk=pk, community=request.community)
    return _send(request, found, data.body)


@router.post("/start", response={201: MessageOut, 400: Error})
def start(request, data: StartIn):
    """Message a member: opens the conversation between you (once) and sends."""
    require_member(user=request.user, community=request.community)
    other = other_member_get(
        viewer=request.user, public_id=data.public_id, community=request.community
    )
    try:
        found = services.conversation_start(
            sender=request.user, recipient=other, community=request.community
        )
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return _send(request, found, data.body)


def _send(request, found, body: str):
    try:
        body = fields_clean(MessageForm, body=body)["body"]
        message = services.message_send(sender=request.user, conversation=found, body=body)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    message.is_mine = True
    return Status(201, message)


class MuteIn(Schema):
    model_config = example({"muted": True})

    muted: bool


@router.put("/{int:pk}/mute", response={200: MuteIn, 404: Error})
def mute(request, pk: int, data: MuteIn):
    """Mute a conversation (no notifications or emails for it) or unmute it."""
    found = selectors.conversation_get_for(viewer=request.user, pk=pk, community=request.community)
    services.conversation_mute(user=request.user, conversation=found, muted=data.muted)
    return {"muted": data.muted}
