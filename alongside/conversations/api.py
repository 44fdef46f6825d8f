from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Form, Router, Schema, Status, UploadedFile

from alongside.communities.access import require_member
from alongside.conversations import selectors, services
from alongside.conversations.forms import CommentForm, UpdateEditForm, UpdateForm
from alongside.conversations.models import ReactionKind, UpdateAudience
from alongside.core.forms import fields_clean
from alongside.core.schemas import PICTURE_RESPONSE, Error, example, form_error
from alongside.core.storage import private_picture_response

router = Router(tags=["conversations"])


# Apps fetch pictures through the API (token auth); the web pages use their own route.
_API_PICTURES = "/api/v1/updates"

_UPDATE = {
    "id": 412,
    "author_name": "Alex",
    "author_public_id": "6f1c2a9e-3b7d-4e21-9a5f-0c8d2e4b7a13",
    "body": "First walk in weeks. Slow, but the bluebells are out.",
    "audience": "members",
    "visibility": "published",
    "created_at": "2026-04-18T10:05:00Z",
    "hug_count": 3,
    "like_count": 5,
    "comment_count": 2,
    "hugged": False,
    "liked": True,
    "pictures": [
        {
            "feed_url": "/api/v1/updates/412/pictures/88/feed",
            "full_url": "/api/v1/updates/412/pictures/88/full",
            "alt_text": "A path through a wood with bluebells either side",
        }
    ],
}
_COMMENT = {
    "id": 1207,
    "author_name": "Robin",
    "body": "Well done, that sounds lovely.",
    "created_at": "2026-04-18T10:20:00Z",
}


class PictureOut(Schema):
    feed_url: str
    full_url: str
    alt_text: str


class UpdateOut(Schema):
    model_config = example(_UPDATE)

    id: int
    author_name: str
    author_public_id: UUID | None
    body: str
    audience: str
    visibility: str
    created_at: datetime
    hug_count: int
    like_count: int
    comment_count: int
    hugged: bool
    liked: bool
    pictures: list[PictureOut]

    @staticmethod
    def resolve_pictures(update) -> list[dict]:
        return [
            {
                "feed_url": f"{_API_PICTURES}/{update.pk}/pictures/{p.pk}/feed",
                "full_url": f"{_API_PICTURES}/{update.pk}/pictures/{p.pk}/full",
                "alt_text": p.alt_text,
            }
            for p in update.pictures.all()
        ]


class FeedOut(Schema):
    model_config = example({"items": [_UPDATE], "next_cursor": "1776506700000000.412"})

    items: list[UpdateOut]
    next_cursor: str | None


class UpdateIn(Schema):
    model_config = example({"body": "First walk in weeks.", "audience": "members"})

    body: str
    audience: UpdateAudience = UpdateAudience.MEMBERS


class ReactionOut(Schema):
    model_config = example({"on": True, "hug_count": 4, "like_count": 5})

    on: bool
    hug_count: int
    like_count: int


class CommentOut(Schema):
    model_config = example(_COMMENT)

    id: int
    author_name: str = ""
    body: str
    created_at: datetime


class CommentPageOut(Schema):
    model_config = example({"items": [_COMMENT], "next_cursor": None})

    items: list[CommentOut]
    next_cursor: str | None


class CommentIn(Schema):
    model_config = example({"body": "Well done, that sounds lovely."})

    body: str


def _error(error: ValidationError) -> Status:
    return Status(400, {"detail": " ".join(error.messages)})


@router.get("", response=FeedOut)
def feed(request, tab: str = "everyone", cursor: str | None = None):
    """The viewer's feed, newest first: `tab` is everyone or team."""
    page = selectors.feed_for(
        viewer=request.user, community=request.community, tab=tab, before=cursor
    )
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.post("", response={201: UpdateOut, 400: Error, 404: Error})
def update_create(request, data: UpdateIn):
    """Post a text update (JSON). Updates with pictures go to /with-pictures (multipart)."""
    return _create(request, body=data.body, audience=data.audience)


@router.post("/with-pictures", response={201: UpdateOut, 400: Error, 404: Error})
def update_create_with_pictures(
    request,
    body: Form[str] = "",
    audience: Form[UpdateAudience] = UpdateAudience.MEMBERS,
    # None makes each optional without turning the documented type into "list or null".
    alt_text: Form[list[str]] = None,  # type: ignore[assignment]
    pictures: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    """Post an update with up to four pictures; `alt_text` repeats once per picture."""
    require_member(user=request.user, community=request.community)
    if len(pictures or []) > services.MAX_PICTURES:
        return Status(400, {"detail": "An update holds up to 4 pictures."})
    descriptions = list(alt_text or []) + [""] * len(pictures or [])
    try:
        prepared = [
            services.picture_prepare(upload=upload, alt_text=description)
            for upload, description in zip(pictures or [], descriptions, strict=False)
        ]
    except ValidationError as error:
        return _error(error)
    return _create(request, body=body, audience=audience, pictures=prepared)


def _create(request, *, body: str, **fields):
    try:
        body = fields_clean(UpdateForm, body=body)["body"]
        update = services.update_create(
            author=request.user, community=request.community, body=body, **fields
        )
    except ValidationError as error:
        if error.code == "member":
            raise Http404 from error
        return _error(error)
    shown = selectors.update_get_for(viewer=request.user, pk=update.pk, community=request.community)
    return Status(201, shown)


@router.get("/{int:pk}", response=UpdateOut)
def update_detail(request, pk: int):
    return selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)


@router.post("/{int:pk}/reactions/{kind}", response=ReactionOut)
def react(request, pk: int, kind: ReactionKind):
    """Toggle the viewer's hug or like on an update."""
    update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
    on = services.reaction_toggle(user=request.user, kind=kind, update=update)
    update.refresh_from_db(fields=["hug_count", "like_count"])
    return {"on": on, "hug_count": update.hug_count, "like_count": update.like_count}


@router.get("/{int:pk}/comments", response=CommentPageOut)
def comments(request, pk: int, cursor: str | None = None):
    """Comments on an update, oldest first."""
    update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
    page = selectors.comments_for_update(
        viewer=request.user, update=update, community=request.community, after=cursor
    )
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.post("/{int:pk}/comments", response={201: CommentOut, 400: Error})
def comment_create(request, pk: int, data: CommentIn):
    update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
    try:
        body = fields_clean(CommentForm, body=data.body)["body"]
        comment = services.comment_create(author=request.user, update=update, body=body)
    except ValidationError as error:
        return _error(error)
    return Status(201, comment)


class UpdateEditIn(Schema):
    model_config = example(
        {
            "body": "First walk in weeks. Slow, but the bluebells are out.",
            "audience": "team",
            "remove_picture_ids": [88],
            "quote_consent": True,
        }
    )

    body: str = ""
    audience: UpdateAudience = UpdateAudience.MEMBERS
    remove_picture_ids: list[int] = []
    quote_consent: bool = False


class QuoteConsentIn(Schema):
    model_config = example({"consent": True})

    consent: bool


@router.put("/{int:pk}", response={200: UpdateOut, 400: Error, 404: Error})
def update_edit(request, pk: int, data: UpdateEditIn):
    """Change one of your updates: text, audience, quote consent; remove pictures by id."""
    update = selectors.update_owned_by(viewer=request.user, pk=pk, community=request.community)
    form = UpdateEditForm(
        {**data.dict(), "remove": [str(i) for i in data.remove_picture_ids]}, update=update
    )
    if not form.is_valid():
        return form_error(form)
    cleaned = form.cleaned_data
    try:
        services.update_edit(
            update=update,
            editor=request.user,
            body=cleaned["body"],
            audience=cleaned["audience"],
            remove_picture_ids=[int(i) for i in cleaned.get("remove", [])],
            quote_consent=cleaned["quote_consent"],
        )
    except ValidationError as error:
        return _error(error)
    return selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)


@router.delete("/{int:pk}", response={204: None, 404: Error})
def update_delete(request, pk: int):
    update = selectors.update_owned_by(viewer=request.user, pk=pk, community=request.community)
    services.update_delete(update=update, by=request.user)
    return Status(204, None)


@router.get(
    "/{int:pk}/pictures/{int:picture_pk}/{size}",
    response={404: Error},
    openapi_extra=PICTURE_RESPONSE,
)
def picture(request, pk: int, picture_pk: int, size: str):
    """A picture of an update you may see (JPEG or PNG); `size` is feed or full."""
    require_member(user=request.user, community=request.community)
    if size not in ("feed", "full"):
        raise Http404
    found = selectors.picture_get_for(
        viewer=request.user, update_pk=pk, picture_pk=picture_pk, community=request.community
    )
    return private_picture_response(found.feed_image if size == "feed" else found.image)


@router.delete("/comments/{int:pk}", response={204: None, 404: Error})
def comment_delete(request, pk: int):
    comment = selectors.comment_owned_by(viewer=request.user, pk=pk, community=request.community)
    services.comment_delete(comment=comment, by=request.user)
    return Status(204, None)


@router.put("/comments/{int:pk}/quoting", response={200: QuoteConsentIn, 404: Error})
def comment_quote_consent(request, pk: int, data: QuoteConsentIn):
    """Allow editors to quote your comment anonymously in the library, or take it back."""
    comment = selectors.comment_owned_by(viewer=request.user, pk=pk, community=request.community)
    services.quote_consent_set(post=comment, member=request.user, consent=data.consent)
    return {"consent": data.consent}
