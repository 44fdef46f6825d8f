"""Reads for the library, article and person pages. Each runs a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, TaskState

from alongside.accounts.models import User
from alongside.articles.models import (
    ArticleComment,
    ArticlePage,
    Category,
    Guest,
    MedicalReviewTask,
    PersonPage,
    ResourcesPage,
)
from alongside.articles.roles import EDITORS, REVIEWERS
from alongside.communities.models import DESK_ROLES, Community, Membership
from alongside.communities.selectors import communities_administered_by, is_member
from alongside.conversations.models import Comment, Update, UpdateAudience
from alongside.core import ratelimits
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.models import Topic, Visibility
from alongside.core.prepared import Int, Prepared
from alongside.moderation import policy
from alongside.questions.selectors import questions_public_for_topics

GUEST_SESSION_KEY = "article_guest_id"
COMMENTS_SHOWN = 50
PER_PAGE = 12
_CARD_FIELDS: tuple[str, ...] = ("title", "slug", "url_path", "path", "depth", "intro", "category")
_CARD_FIELDS += ("first_published_at", "last_significant_update", "hero_image")


def _articles_in(library_path: str, depth: int):
    return (
        ArticlePage.objects.live()
        .filter(path__startswith=library_path, depth=depth)
        .only(*_CARD_FIELDS)
    )


def _siblings(article: ArticlePage):
    return _articles_in(article.path[: -ArticlePage.steplen], article.depth).exclude(pk=article.pk)


def guest_for(request: HttpRequest) -> Guest | None:
    """The confirmed guest of this browser session, if any."""
    guest_id = request.session.get(GUEST_SESSION_KEY) if hasattr(request, "session") else None
    if not guest_id:
        return None
    return Guest.objects.filter(pk=guest_id, verified_at__isnull=False).first()


def article_context(
    *,
    article: ArticlePage,
    viewer: User | AnonymousUser,
    community: Community,
    request: HttpRequest,
) -> dict:
    topic_ids, topic_slugs = _topics_of(article)
    guest = None if is_member(user=viewer, community=community) else guest_for(request)
    can_read = guest is not None or is_member(user=viewer, community=community)
    return {
        "questions": questions_public_for_topics(
            community=community, topic_slugs=topic_slugs, limit=5
        ),
        "library_url": _library_url(request, article),
        "related_articles": _related(article, topic_ids),
        "recent_articles": list(_siblings(article).order_by("-first_published_at")[:4]),
        "can_read_comments": can_read,
        **_comments_and_count(article, viewer, guest, can_read, request.GET.get("before")),
        "guest": guest,
        "guest_blocked_message": _guest_blocked_message(guest, community, request),
        "is_member": is_member(user=viewer, community=community),
    }


def _guest_blocked_message(guest: Guest | None, community: Community, request: HttpRequest) -> str:
    """Said before a blocked guest types, instead of the comment form."""
    if guest is None:
        return ""
    ip = ratelimits.client_ip(request)
    blocked = policy.guest_blocked(community=community, email=guest.email, ip=ip)
    return policy.guest_blocked_message() if blocked else ""


def comment_picture_get_for(
    *, viewer: User, guest: Guest | None, community: Community, pk: int
) -> ArticleComment:
    """A comment with a picture, if the viewer may read it here: comments are for the
    community's members and confirmed guests; one waiting for a moderator only for its
    author. Anyone else, or another community's host, finds nothing (404)."""
    member = is_member(user=viewer, community=community)
    if not member and guest is None:
        raise Http404
    own = Q(visibility=Visibility.PENDING) & (
        Q(author_id=getattr(viewer, "pk", None) or 0) | Q(guest_id=getattr(guest, "pk", 0))
    )
    visible = Q(visibility=Visibility.PUBLISHED) | own
    found = (
        ArticleComment.objects.filter(visible, pk=pk, community=community)
        .exclude(picture="")
        .only("pk", "picture")
        .first()
    )
    if found is None:
        raise Http404
    return found


def _library_url(request, article: ArticlePage) -> str:
    return request.path.rstrip("/").rsplit("/", 1)[0] + "/"


def _topics_of(article: ArticlePage):
    """The article's topic ids and slugs: subqueries on a live page; lists in a preview, where
    the topics come from the draft (a FakeQuerySet, which knows no "pk" field)."""
    topics = article.topics.all()
    if isinstance(topics, QuerySet):
        return topics.values("pk"), topics.values("slug")
    return [topic.pk for topic in topics], [topic.slug for topic in topics]


def _related(article: ArticlePage, topic_ids) -> list[ArticlePage]:
    rows = (
        _siblings(article)
        .filter(topics__in=topic_ids)
        .annotate(shared=Count("topics"))
        .order_by("-shared", "-first_published_at")
    )
    return list(rows[:3])


def _published_comments(article: ArticlePage):
    return ArticleComment.objects.filter(article=article, visibility=Visibility.PUBLISHED)


def _comments_and_count(article, viewer, guest, can_read: bool, before: str | None) -> dict:
    """Readers get a page of comments with the count in the same query; others the count."""
    if not can_read:
        return {"comments": [], "comment_count": _published_comments(article).count()}
    page = comments_for(article=article, viewer=viewer, guest=guest, before=before)
    if page.items:
        count = page.items[0].published_total
    else:
        count = _published_comments(article).count() if before else 0
    return {"comments": page.items, "older_cursor": page.older_cursor, "comment_count": count}


@dataclass
class CommentPage:
    items: list
    older_cursor: str | None


def _published_total(article: ArticlePage) -> Coalesce:
    """The article's published comments, counted once by the database for the whole page."""
    counted = _published_comments(article).values("article").annotate(total=Count("id"))
    return Coalesce(Subquery(counted.values("total")), 0)


def comments_for(
    *, article: ArticlePage, viewer: User, guest: Guest | None, before: str | None = None
) -> CommentPage:
    """Published comments, plus the viewer's own waiting ones, newest first, one page older
    than `before` (keyset). One query whatever the number of comments."""
    own = Q(visibility=Visibility.PENDING) & (
        Q(author_id=getattr(viewer, "pk", None) or 0) | Q(guest_id=getattr(guest, "pk", 0))
    )
    rows = list(
        ArticleComment.objects.filter(article=article)
        .filter(Q(visibility=Visibility.PUBLISHED) | own, cursor_filter(before))
        .select_related("guest")
        .annotate(published_total=_published_total(article))
        .order_by("-created_at", "-id")[: COMMENTS_SHOWN + 1]
    )
    items = rows[:COMMENTS_SHOWN]
    more = len(rows) > COMMENTS_SHOWN
    return CommentPage(items=items, older_cursor=cursor_for(items[-1]) if more else None)


def _root_of(community) -> tuple[str, int]:
    """The tree path and depth of the community's home page (cached: it never moves)."""
    key = f"site-root:{community.site_id}"
    root = cache.get(key)
    if root is None:
        page = community.site.root_page
        root = (page.path, page.depth)
        cache.set(key, root, 3600)
    return root


def article_at(*, community: Community, library_slug: str, slug: str) -> ArticlePage | None:
    """The live article at /<library>/<slug>/ of this community, in one query (or None)."""
    if community is None:
        return None
    path, depth = _root_of(community)
    return (
        ArticlePage.objects.live()
        .filter(slug=slug, depth=depth + 2, path__startswith=path)
        .filter(url_path__endswith=f"/{library_slug}/{slug}/")
        .select_related("writer", "reviewer", "hero_image")
        .first()
    )


def article_get_live(*, pk: int, community: Community) -> ArticlePage:
    """A live article of this community's library, or 404."""
    article = ArticlePage.objects.live().filter(pk=pk).first()
    root = community.site.root_page if community else None
    if article is None or root is None or not article.path.startswith(root.path):
        raise Http404
    return article


def library_context(*, library: ResourcesPage, params: QueryDict) -> dict:
    category = params.get("category", "")
    topic = params.get("topic", "")
    query = params.get("q", "").strip()[:100]
    articles = _filtered(
        _articles_in(library.path, library.depth + 1), category=category, topic=topic
    )
    if query:
        articles = articles.search(query, order_by_relevance=False)
    page = Paginator(articles, PER_PAGE).get_page(params.get("page"))
    return {
        "articles_page": page,
        "categories": Category.choices,
        "category": category,
        "topic": topic,
        "query": query,
        "topics": _topics_in(library),
    }


def _topics_in(library):
    """The topics of this library's live articles only: another community's topics (RA in the
    MS library) never appear in its filter."""
    articles = _articles_in(library.path, library.depth + 1).values("pk")
    return Topic.objects.filter(articles__in=articles).distinct()


def _filtered(articles, *, category: str, topic: str):
    """The library's filters and order, shared by the library page and the API."""
    if category in Category.values:
        articles = articles.filter(category=category)
    if topic:
        articles = articles.filter(topics__slug=topic)
    return articles.order_by("-first_published_at")


def _community_articles(community):
    """The community's live articles with their people and topics (for the API)."""
    path, depth = _root_of(community)
    return (
        ArticlePage.objects.live()
        .filter(path__startswith=path, depth=depth + 2)
        .select_related("writer", "reviewer")
        .prefetch_related("topics")
    )


def articles_page_for(
    *, community: Community, category: str = "", topic: str = "", page: int | str | None = None
) -> Page:
    """One page of the community's live articles, newest first, as the library page pages them
    (PER_PAGE a page; an unreadable or too high page number gives the first or last page)."""
    articles = _community_articles(community).defer("body", "sources")
    articles = _filtered(articles, category=category, topic=topic)
    return Paginator(articles, PER_PAGE).get_page(page)


def next_article_for(
    *, viewer: User, community: Community, topics_of: Callable[..., QuerySet[Any, Any]]
) -> ArticlePage | None:
    """The newest live article on any of the viewer's topics (`topics_of(user=, community=)`
    gives their ids as a subquery), else the newest in the library. One query."""
    path, depth = _root_of(community)
    return _NEXT_ARTICLE.first(
        viewer=viewer.pk, community=community.pk, path=path, depth=depth, topics_of=topics_of
    )


def _next_article_query(*, viewer: int, community: int, path: str, depth: int, topics_of):
    on_topic = ArticlePage.topics.through.objects.filter(
        articlepage_id=OuterRef("pk"), topic_id__in=topics_of(user=viewer, community=community)
    )
    return (
        ArticlePage.objects.live()
        .filter(path__startswith=path, depth=depth + 2)
        .only(*_CARD_FIELDS)
        .annotate(on_topic=Exists(on_topic))
        .order_by("-on_topic", "-first_published_at", "pk")[:1]
    )


# The library's place in the page tree (path, depth) is part of the shape: one per community.
_NEXT_ARTICLE = Prepared(_next_article_query, viewer=Int, community=Int)


def article_get_public(*, community: Community, slug: str) -> ArticlePage:
    """A live article of the community's library by its slug, or 404 (drafts, other sites)."""
    article = _community_articles(community).filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def article_get_for(*, viewer: User, community: Community, slug: str) -> ArticlePage:
    """The article whose comments a member may read and post to; 404 for anyone else."""
    if not is_member(user=viewer, community=community):
        raise Http404
    return article_get_public(community=community, slug=slug)


def published_comment_count(*, article: ArticlePage) -> int:
    return _published_comments(article).count()


def person_context(*, person: PersonPage) -> dict:
    newest = ("-first_published_at",)
    return {
        "written": list(person.articles_written.live().only(*_CARD_FIELDS).order_by(*newest)),
        "reviewed": list(person.articles_reviewed.live().only(*_CARD_FIELDS).order_by(*newest)),
    }


# The one rule for what an editor may quote: the author agreed, it is published, and every
# member can read it (not a team-only update; a comment's update or answer is published too).
# The querysets filter by it; `is_quotable` applies it to a post already loaded.
_CONSENTED = Q(quote_consent_at__isnull=False, visibility=Visibility.PUBLISHED)
_QUOTABLE_UPDATE = _CONSENTED & Q(audience=UpdateAudience.MEMBERS)
_QUOTABLE_COMMENT = _CONSENTED & (
    Q(update__visibility=Visibility.PUBLISHED, update__audience=UpdateAudience.MEMBERS)
    | Q(answer__visibility=Visibility.PUBLISHED)
)


def quotable_updates() -> QuerySet[Update]:
    """Updates an editor may quote, newest first."""
    return (
        Update.objects.filter(_QUOTABLE_UPDATE).select_related("community").order_by("-created_at")
    )


def quotable_comments() -> QuerySet[Comment]:
    """Comments an editor may quote, newest first."""
    return (
        Comment.objects.filter(_QUOTABLE_COMMENT)
        .select_related("community")
        .order_by("-created_at")
    )


def is_quotable(post: Update | Comment | None) -> bool:
    """The same rule for a post already loaded: no query once its update or answer is."""
    if post is None:
        return False
    return _matches(post, _QUOTABLE_COMMENT if isinstance(post, Comment) else _QUOTABLE_UPDATE)


def _matches(obj: object, rule: Q) -> bool:
    """Whether a loaded row meets a Q of exact and isnull lookups (forward relations only)."""
    met = (_holds(obj, child) for child in rule.children)
    found = all(met) if rule.connector == Q.AND else any(met)
    return found != rule.negated


def _holds(obj: object, child: object) -> bool:
    """One part of a Q: a nested Q, or a (lookup, value) pair."""
    if isinstance(child, Q):
        return _matches(obj, child)
    if not isinstance(child, tuple):
        raise TypeError(f"not a lookup: {child!r}")
    lookup, value = child
    *path, last = lookup.split("__")
    if last != "isnull":
        path.append(last)
    for name in path:
        obj = getattr(obj, name) if obj is not None else None
    if last == "isnull":
        return (obj is None) == value
    return obj is not None and obj == value


def reviewer_person_for(*, user: User | AnonymousUser | None, page: Page) -> PersonPage | None:
    """The people page, in the page's own library, linked to this reviewer's account."""
    path = page.path if page.pk else ""
    if not path or user is None or not user.is_authenticated:
        return None
    library_path = path[: -PersonPage.steplen]
    return PersonPage.objects.filter(user=user, path__startswith=library_path).first()


def review_approval_for(*, revision: Revision) -> TaskState | None:
    """The medical review approval recorded for exactly this revision, by a member of the
    Medical reviewers group; None when there is none."""
    return (
        TaskState.objects.filter(
            revision=revision,
            status=TaskState.STATUS_APPROVED,
            task_id__in=MedicalReviewTask.objects.values("pk"),
            finished_by__groups__name=REVIEWERS,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


@dataclass(frozen=True)
class ReviewNote:
    by: str
    at: object
    comment: str


def review_notes_for(*, page: Page) -> dict:
    """For the edit page: the reviewer's latest note when changes were asked for, since when
    it is in review, the last approval and a link to what changed since that version."""
    if not page.pk:
        return {}
    states = list(
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            workflow_state__base_content_type_id=_page_base_type_id(),
            task_id__in=MedicalReviewTask.objects.values("pk"),
        )
        .select_related("finished_by__profile", "workflow_state")
        .order_by("-started_at")[:20]
    )
    latest = states[0] if states else None
    approved = next((s for s in states if s.status == TaskState.STATUS_APPROVED), None)
    return {
        "sent_back": _note(latest, page) if _is(latest, TaskState.STATUS_REJECTED) else None,
        "in_review": latest.started_at if _is(latest, TaskState.STATUS_IN_PROGRESS) else None,
        "approved": _note(approved, page) if approved else None,
        "compare_url": _compare_url(page, approved),
    }


def _page_base_type_id() -> int:
    return ContentType.objects.get_for_model(Page).pk


def _is(state: TaskState | None, status: str) -> TypeGuard[TaskState]:
    return state is not None and state.status == status


def _note(state, page) -> ReviewNote:
    person = reviewer_person_for(user=state.finished_by, page=page) if state.finished_by else None
    profile = getattr(state.finished_by, "profile", None)
    name = person.name_with_credentials if person else getattr(profile, "display_name", "")
    return ReviewNote(
        by=name or _("a medical reviewer"), at=state.finished_at, comment=state.comment
    )


def _compare_url(page, approved) -> str:
    latest = page.latest_revision_id
    if approved is None or latest is None or approved.revision_id == latest:
        return ""
    return reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, approved.revision_id, latest]
    )


def review_outcome_text(*, task_state: TaskState) -> str:
    """What the reviewer's action did, in a sentence for the confirmation message."""
    page = task_state.workflow_state.content_object.specific
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "Sent back to the editor: “%(title)s” stays as it is, and the editor sees your note "
            "at the top of its Review section."
        ) % {"title": page.title}
    if page.live and page.live_revision_id == task_state.revision_id:
        return _("Approved: “%(title)s” is live, with you named as its medical reviewer.") % {
            "title": page.title
        }
    return _("Approved: “%(title)s” will go live at its scheduled time, under your name.") % {
        "title": page.title
    }


def review_last_outcome_for(*, page: Page, user: User) -> str:
    """The confirmation for the review action this user just took on this page, if any."""
    state = (
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            workflow_state__base_content_type_id=_page_base_type_id(),
            finished_by=user,
        )
        .order_by("-finished_at")
        .first()
    )
    return review_outcome_text(task_state=state) if state is not None else ""


def users_managed_by(*, viewer: User) -> QuerySet[User]:
    """The accounts this person may edit in the staff console: every one for a superuser; for
    a community admin, the moderators and admins of the communities they administer who hold
    no wider role (no superuser, editor or medical reviewer, nor staff of another community).
    Members' own accounts are theirs alone."""
    user_model = get_user_model()
    if viewer.is_superuser:
        return user_model.objects.all()
    administered = communities_administered_by(viewer=viewer)
    staff_here = Membership.objects.filter(community__in=administered, staff_role__in=DESK_ROLES)
    staff_elsewhere = Membership.objects.filter(staff_role__in=DESK_ROLES).exclude(
        community__in=administered
    )
    return (
        user_model.objects.filter(pk__in=staff_here.values("user_id"))
        .exclude(is_superuser=True)
        .exclude(groups__name__in=[EDITORS, REVIEWERS])
        .exclude(pk__in=staff_elsewhere.values("user_id"))
    )


def teams_of_managed(*, viewer: User, user: User) -> QuerySet[Community]:
    """The communities whose moderation team gives `user` a role this person may change: those
    the viewer administers where `user` is a moderator or community admin."""
    return communities_administered_by(viewer=viewer).filter(
        pk__in=Membership.objects.filter(user=user, staff_role__in=DESK_ROLES).values(
            "community_id"
        )
    )
