from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.template import Context
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from alongside.articles import selectors, services
from alongside.articles.forms import CommentForm
from alongside.articles.models import Category
from alongside.articles.templatetags.articles import article_body
from alongside.core import ratelimits
from alongside.core.schemas import Error, example
from alongside.moderation.crisis import resources_for

router = Router(tags=["articles"])

_ARTICLE = {
    "title": "Pacing your energy through the day",
    "slug": "pacing-your-energy",
    "url": "http://localhost:8000/library/pacing-your-energy/",
    "intro": "Small breaks, planned early, leave more for the things you enjoy.",
    "category": "living-with",
    "category_name": "Living with the condition",
    "topics": [{"slug": "fatigue", "name": "Fatigue"}],
    "writer": {
        "name": "Morgan Hale",
        "credentials": "Occupational therapist",
        "url": "http://localhost:8000/people/morgan-hale/",
    },
    "reviewer": {
        "name": "Dr Priya Sen",
        "credentials": "Consultant neurologist",
        "url": "http://localhost:8000/people/priya-sen/",
    },
    "updated_on": "2026-03-02",
    "reviewed_on": "2026-02-20",
}
_COMMENT = {
    "id": 31,
    "author_name": "A member",
    "text": "Planning a rest after lunch has made my afternoons easier.",
    "picture_url": None,
    "created_at": "2026-03-04T09:15:00Z",
    "visibility": "published",
}


class ArticlePersonOut(Schema):
    name: str
    credentials: str
    url: str


class TopicOut(Schema):
    slug: str
    name: str


class ArticleOut(Schema):
    model_config = example(_ARTICLE)

    title: str
    slug: str
    url: str
    intro: str
    category: str
    category_name: str
    topics: list[TopicOut]
    writer: ArticlePersonOut | None
    reviewer: ArticlePersonOut | None
    updated_on: date | None
    reviewed_on: date | None


class ArticleListOut(Schema):
    model_config = example({"items": [_ARTICLE], "next_cursor": "2"})

    items: list[ArticleOut]
    next_cursor: str | None


class ArticleSourceOut(Schema):
    number: int
    title: str
    publisher: str
    url: str


class ArticleDetailOut(ArticleOut):
    model_config = example(
        _ARTICLE
        | {
            "body_html": '<p>Plan rests before you need them.<a href="#source-1">1</a></p>',
            "sources": [
                {
                    "number": 1,
                    "title": "Fatigue management in long-term conditions",
                    "publisher": "",
                    "url": "https://example.org/fatigue-management",
                }
            ],
            "comment_count": 4,
        }
    )

    body_html: str
    sources: list[ArticleSourceOut]
    comment_count: int


class ArticleCommentOut(Schema):
    model_config = example(_COMMENT)

    id: int
    author_name: str
    text: str
    picture_url: str | None
    created_at: datetime
    visibility: str


class ArticleCommentPostedOut(ArticleCommentOut):
    model_config = example(_COMMENT | {"visibility": "pending", "crisis_resources": None})

    crisis_resources: str | None = None  # set when the text suggests a crisis: show it at once


class ArticleCommentPageOut(Schema):
    model_config = example({"items": [_COMMENT], "next_cursor": "1772615700000000.31"})

    items: list[ArticleCommentOut]
    next_cursor: str | None


class ArticleCommentIn(Schema):
    model_config = example({"text": "Planning a rest after lunch has made my afternoons easier."})

    text: str = ""


@router.get("", response=ArticleListOut, auth=None)
def article_list(
    request, category: Category | None = None, topic: str = "", cursor: str | None = None
):
    """Public: the library of this community, newest first, 12 a page like the library page.
    (The cursor is opaque like every other; the library's pages are numbered underneath.)"""
    page = int(cursor) if cursor and cursor.isdigit() else 1
    listing = selectors.articles_page_for(
        community=request.community, category=category or "", topic=topic, page=page
    )
    return {
        "items": [_article_out(request, article) for article in listing],
        "next_cursor": str(listing.next_page_number()) if listing.has_next() else None,
    }


@router.get("/{slug}", response=ArticleDetailOut, auth=None)
def article_detail(request, slug: str):
    """Public: one live article. The body comes as the HTML the article page shows (citations
    numbered as links to #source-N, member quotes and figures as this community shows them),
    so readers get exactly the reviewed wording; `sources` are numbered in the same order."""
    article = selectors.article_get_public(community=request.community, slug=slug)
    body = article_body(Context({"request": request, "page": article}), article)
    sources = [
        {"number": number, "publisher": "", **source}
        for number, source in enumerate(body["sources"], start=1)
    ]
    return _article_out(request, article) | {
        "body_html": str(body["html"]),
        "sources": sources,
        "comment_count": selectors.published_comment_count(article=article),
    }


def _article_out(request, article) -> dict:
    reviewed = article.last_reviewed_at
    return {
        "title": article.title,
        "slug": article.slug,
        "url": article.get_url(request=request),
        "intro": article.intro,
        "category": article.category,
        "category_name": str(article.get_category_display()),
        "topics": list(article.topics.all()),
        "writer": _person_out(request, article.writer),
        "reviewer": _person_out(request, article.reviewer),
        "updated_on": article.updated_on,
        "reviewed_on": timezone.localdate(reviewed) if reviewed else None,
    }


def _person_out(request, person) -> dict | None:
    if person is None:
        return None
    return {"name": person.title, "credentials": person.credentials, "url": person.get_url(request)}


@router.get("/{slug}/comments", response=ArticleCommentPageOut)
def article_comments(request, slug: str, cursor: str | None = None):
    """Members: published comments, newest first, with the member's own waiting ones (as on the
    page). Members show as the community's anonymous name."""
    article = selectors.article_get_for(viewer=request.user, community=request.community, slug=slug)
    page = selectors.comments_for(article=article, viewer=request.user, guest=None, before=cursor)
    return {
        "items": [_comment_out(request, comment) for comment in page.items],
        "next_cursor": page.older_cursor,
    }


@router.post("/{slug}/comments", response={201: ArticleCommentPostedOut, 400: Error, 429: Error})
def article_comment_create(request, slug: str, data: ArticleCommentIn):
    """Members: post a text comment. New members' comments wait for a moderator
    (visibility "pending"), as on the page; pictures are posted with the page's form."""
    article = selectors.article_get_for(viewer=request.user, community=request.community, slug=slug)
    form = CommentForm({"text": data.text})
    if not form.is_valid():
        messages = [str(message) for errors in form.errors.values() for message in errors]
        return Status(400, {"detail": " ".join(messages)})
    try:
        comment = services.comment_create(
            article=article,
            community=request.community,
            text=form.cleaned_data["text"],
            ip=ratelimits.client_ip(request),
            author=request.user,
        )
    except ValidationError as error:
        status = 429 if error.code == "rate_limited" else 400
        return Status(status, {"detail": " ".join(error.messages)})
    resources = resources_for(community=request.community) if comment.crisis else None
    return Status(201, {**_comment_out(request, comment), "crisis_resources": resources})


def _comment_out(request, comment) -> dict:
    if comment.guest_id:
        name = _("%(name)s (guest)") % {"name": comment.guest.name}
    else:
        name = str(request.community.anonymous_member_name)
    return {
        "id": comment.pk,
        "author_name": name,
        "text": comment.text,
        "picture_url": (
            reverse("articles:comment_picture", args=[comment.pk]) if comment.picture else None
        ),
        "created_at": comment.created_at,
        "visibility": comment.visibility,
    }
