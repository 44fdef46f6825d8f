"""Members' comments on the community's published articles, skewed toward a few articles."""

from django.db import transaction

from alongside.core.models import Visibility
from alongside.demo.scale.copy import Copier
from alongside.demo.scale.skew import zipf_index
from alongside.demo.scale.text import reply_text

MEMBERS_PER_COMMENT = 10


def article_comments_make(cast, progress) -> dict:
    from alongside.articles.models import ArticleComment, ArticlePage

    written = ArticleComment.objects.filter(author__email__endswith=cast.synthetic())
    if cast.done_before(written, per_member=1 / MEMBERS_PER_COMMENT):
        return {}
    root = cast.community.site.root_page
    articles = list(ArticlePage.objects.live().descendant_of(root).values_list("pk", flat=True))
    if not articles:
        return {}
    rng = cast.rng("article-comments")
    fields = ["article_id", "community_id", "author_id", "text", "visibility"]
    fields += ["created_at", "updated_at"]
    rows = (_row(cast, rng, articles) for _ in range(len(cast.ids) // MEMBERS_PER_COMMENT))
    with transaction.atomic():
        count = Copier(ArticleComment, fields).write(rows)
    progress(1, 1)
    return {"article comments": count}


def _row(cast, rng, articles: list[int]) -> tuple:
    author = cast.busiest[zipf_index(rng, len(cast.ids))]
    at = cast.moment_after(rng, cast.joined[author])
    visibility = Visibility.PUBLISHED if rng.random() < 0.97 else Visibility.PENDING
    article = articles[zipf_index(rng, len(articles))]
    return (article, cast.community.pk, author, reply_text(rng), visibility, at, at)
