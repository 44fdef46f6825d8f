"""Reads for the library, article and person pages. Each runs a fixed number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from alongside.articles.models import ArticleComment, ArticlePage, Category, Guest
from alongside.communities.selectors import is_member
from alongside.conversations.models import Comment, Update, UpdateAudience
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.models import Topic, Visibility
from alongside.questions.selectors import questions_public_for_topics

GUEST_SESSION_KEY = "article_guest_id"
COMMENTS_SHOWN = 50
PER_PAGE = 12
_CARD_FIELDS = ("title", "slug", "url_path", "path", "depth", "intro", "category")
_CARD_FIELDS += ("first_published_at", "last_significant_update", "hero_image")


def _articles_in(library_path: str, depth: int):
    return (
        ArticlePage.objects.live()
        .filter(path__startswith=library_path, depth=depth)
        .only(*_CARD_FIELDS)
    )


def _siblings(article: ArticlePage):
    return _articles_in(article.path[: -ArticlePage.steplen], article.depth).exclude(pk=article.pk)


def guest_for(request) -> Guest | None:
    """The confirmed guest of this browser session, if any."""
    guest_id = request.session.get(GUEST_SESSION_KEY) if hasattr(request, "session") else None
    if not guest_id:
        return None
    return Guest.objects.filter(pk=guest_id, verified_at__isnull=False).first()


def article_context(*, article: ArticlePage, viewer, request) -> dict:
    community = request.community
    topics = article.topics.all()
    guest = None if is_member(user=viewer, community=community) else guest_for(request)
    can_read = guest is not None or is_member(user=viewer, community=community)
    return {
        "questions": questions_public_for_topics(
            community=community, topic_slugs=topics.values("slug"), limit=5
        ),
        "library_url": _library_url(request, article),
        "related_articles": _related(article, topics),
        "recent_articles": list(_siblings(article).order_by("-first_published_at")[:4]),
        "can_read_comments": can_read,
        **_comments_and_count(article, viewer, guest, can_read, request.GET.get("before")),
        "guest": guest,
        "is_member": is_member(user=viewer, community=community),
    }


def _library_url(request, article: ArticlePage) -> str:
    return request.path.rstrip("/").rsplit("/", 1)[0] + "/"


def _related(article: ArticlePage, topics) -> list[ArticlePage]:
    rows = (
        _siblings(article)
        .filter(topics__in=topics.values("pk"))
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


def _published_total(article: ArticlePage) -> Subquery:
    """The article's published comments, counted once by the database for the whole page."""
    counted = _published_comments(article).values("article").annotate(total=Count("id"))
    return Coalesce(Subquery(counted.values("total")), 0)


def comments_for(
    *, article: ArticlePage, viewer, guest: Guest | None, before: str | None = None
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


def article_at(*, community, library_slug: str, slug: str) -> ArticlePage | None:
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


def article_get_live(*, pk: int, community) -> ArticlePage:
    """A live article of this community's library, or 404."""
    article = ArticlePage.objects.live().filter(pk=pk).first()
    root = community.site.root_page if community else None
    if article is None or root is None or not article.path.startswith(root.path):
        raise Http404
    return article


def library_context(*, library, params) -> dict:
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
        "topics": Topic.objects.filter(articles__isnull=False).distinct(),
    }


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


def articles_page_for(*, community, category: str = "", topic: str = "", page=None):
    """One page of the community's live articles, newest first, as the library page pages them
    (PER_PAGE a page; an unreadable or too high page number gives the first or last page)."""
    articles = _community_articles(community).defer("body", "sources")
    articles = _filtered(articles, category=category, topic=topic)
    return Paginator(articles, PER_PAGE).get_page(page)


def next_article_for(*, community, topics) -> ArticlePage | None:
    """The newest live article on any of these topics (a subquery of topic ids), else the
    newest in the library. One query."""
    path, depth = _root_of(community)
    articles = (
        ArticlePage.objects.live()
        .filter(path__startswith=path, depth=depth + 2)
        .only(*_CARD_FIELDS)
        .annotate(
            on_topic=Exists(
                ArticlePage.topics.through.objects.filter(
                    articlepage_id=OuterRef("pk"), topic_id__in=topics
                )
            )
        )
    )
    return articles.order_by("-on_topic", "-first_published_at").first()


def article_get_public(*, community, slug: str) -> ArticlePage:
    """A live article of the community's library by its slug, or 404 (drafts, other sites)."""
    article = _community_articles(community).filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def article_get_for(*, viewer, community, slug: str) -> ArticlePage:
    """The article whose comments a member may read and post to; 404 for anyone else."""
    if not is_member(user=viewer, community=community):
        raise Http404
    return article_get_public(community=community, slug=slug)


def published_comment_count(*, article: ArticlePage) -> int:
    return _published_comments(article).count()


def person_context(*, person) -> dict:
    newest = ("-first_published_at",)
    return {
        "written": list(person.articles_written.live().only(*_CARD_FIELDS).order_by(*newest)),
        "reviewed": list(person.articles_reviewed.live().only(*_CARD_FIELDS).order_by(*newest)),
    }


def quotable_updates():
    """Updates an editor may quote: the author agreed, and every member can read them."""
    return (
        Update.objects.filter(
            quote_consent_at__isnull=False,
            visibility=Visibility.PUBLISHED,
            audience=UpdateAudience.MEMBERS,
        )
        .select_related("community")
        .order_by("-created_at")
    )


def quotable_comments():
    """Comments an editor may quote: agreed, published, on a post every member can read."""
    on_update = Q(update__visibility=Visibility.PUBLISHED, update__audience=UpdateAudience.MEMBERS)
    on_answer = Q(answer__visibility=Visibility.PUBLISHED)
    return (
        Comment.objects.filter(quote_consent_at__isnull=False, visibility=Visibility.PUBLISHED)
        .filter(on_update | on_answer)
        .select_related("community")
        .order_by("-created_at")
    )
