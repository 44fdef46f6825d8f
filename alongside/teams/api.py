from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from alongside.communities.access import require_member
from alongside.core.schemas import Error, example
from alongside.teams import selectors, services

router = Router(tags=["teams"])


class PersonOut(Schema):
    public_id: UUID
    name: str
    reason: str = ""
    request_id: int | None = None

    @staticmethod
    def resolve_request_id(person) -> int | None:
        return person.request_pk


class TeamOut(Schema):
    model_config = example(
        {
            "teammates": [{"public_id": "0d7e5c3a-8f21-4b6e-9c14-5a2f7e9b3d60", "name": "Robin"}],
            "incoming": [
                {
                    "public_id": "a3b9f1e4-2c6d-4f87-8e05-7d1c9b2a4e38",
                    "name": "Jo",
                    "request_id": 57,
                }
            ],
            "outgoing": [],
            "suggestions": [
                {
                    "public_id": "5e8a2d7c-1f4b-4c39-b6e2-9a0d3f7c1b54",
                    "name": "Kit",
                    "reason": "Also in Bristol",
                }
            ],
        }
    )

    teammates: list[PersonOut]
    incoming: list[PersonOut]
    outgoing: list[PersonOut]
    suggestions: list[PersonOut]


class RequestIn(Schema):
    model_config = example({"public_id": "5e8a2d7c-1f4b-4c39-b6e2-9a0d3f7c1b54"})

    public_id: UUID


class RequestOut(Schema):
    model_config = example({"id": 57, "status": "pending"})

    id: int
    status: str


def _member_or_404(request):
    require_member(user=request.user, community=request.community)


@router.get("", response=TeamOut)
def team(request):
    """The viewer's team, requests in and out, and people like them."""
    _member_or_404(request)
    return selectors.team_page_for(viewer=request.user, community=request.community)


@router.post("/requests", response={201: RequestOut, 400: Error})
def request_send(request, data: RequestIn):
    _member_or_404(request)
    other = selectors.other_member_get(
        viewer=request.user, public_id=data.public_id, community=request.community
    )
    try:
        sent = services.team_request_send(
            sender=request.user, recipient=other, community=request.community
        )
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(201, sent)


_ACTIONS = {
    "accept": services.team_request_accept,
    "decline": services.team_request_decline,
    "withdraw": services.team_request_withdraw,
}


@router.post("/requests/{int:pk}/{action}", response={200: RequestOut, 400: Error, 404: Error})
def request_answer(request, pk: int, action: str):
    """Accept or decline a request you received; withdraw one you sent."""
    _member_or_404(request)
    found = selectors.team_request_get_for(viewer=request.user, pk=pk, community=request.community)
    if action not in _ACTIONS:
        return Status(404, {"detail": "Unknown action."})
    try:
        return _ACTIONS[action](team_request=found, by=request.user)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})


@router.post("/blocks", response={201: None})
def block(request, data: RequestIn):
    _member_or_404(request)
    other = selectors.other_member_get(
        viewer=request.user, public_id=data.public_id, community=request.community
    )
    services.block_create(blocker=request.user, blocked=other, community=request.community)
    return Status(201, None)


@router.delete("/members/{public_id}", response={204: None, 404: Error})
def member_remove(request, public_id: UUID):
    """Take a teammate off your team (they are not told)."""
    _member_or_404(request)
    other = selectors.other_member_get(
        viewer=request.user, public_id=public_id, community=request.community
    )
    services.team_member_remove(user=request.user, other=other, community=request.community)
    return Status(204, None)


@router.delete("/blocks/{public_id}", response={204: None, 404: Error})
def unblock(request, public_id: UUID):
    _member_or_404(request)
    other = selectors.other_member_get(
        viewer=request.user, public_id=public_id, community=request.community
    )
    services.block_delete(blocker=request.user, blocked=other, community=request.community)
    return Status(204, None)
