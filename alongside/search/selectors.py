"""One search over articles, questions, treatments and updates, each part as the viewer may
see it: anyone sees articles, question titles and treatments; only members see updates, and
only those their audience allows."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from alongside.accounts.models import User
from alongside.articles.models import ArticlePage
from alongside.communities.models import Community
from alongside.conversations.selectors import updates_search_for
from alongside.core.models import Visibility
from alongside.core.textsearch import with_every_word
from alongside.questions.models import QUESTION_TITLE_WORDS, Question
from alongside.treatments.selectors import treatment_search

LIMIT = 10


@dataclass(frozen=True)
class SearchResults:
    query: str
    articles: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    treatments: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    @property
    def total(self) -> int:
        parts = (self.articles, self.questions, self.treatments, self.updates)
        return sum(len(part) for part in parts)


def search_for(*, viewer: User | AnonymousUser, community: Community, query: str) -> SearchResults:
    query = query.strip()[:200]
    if len(query) < 2:
        return SearchResults(query=query)
    return SearchResults(
        query=query,
        articles=_articles(community, query),
        questions=_questions(community, query),
        treatments=[t for t in treatment_search(query=query) if community.slug in t.communities],
        updates=updates_search_for(viewer=viewer, community=community, query=query, limit=LIMIT),
    )


def _articles(community, query: str) -> list:
    pages = ArticlePage.objects.live().public().descendant_of(community.site.root_page)
    return list(pages.search(query)[:LIMIT])


def _questions(community, query: str) -> list:
    """Titles are public; details and answers stay on the members' question page."""
    rows = Question.objects.filter(community=community, visibility=Visibility.PUBLISHED)
    rows = with_every_word(rows, query=query, field="title", tsvector_sql=QUESTION_TITLE_WORDS)
    rows = rows.order_by("-created_at", "-id").only("pk", "title", "created_at", "answer_count")
    return list(rows[:LIMIT])
