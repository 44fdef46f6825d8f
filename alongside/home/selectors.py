"""A member's home: what is new since their last visit, and what is worth doing next.

Sits above the content apps (it reads from each) and beside search. Every part is one
bounded query, so the page costs the same at 300 members as at a million.
"""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404

from alongside.accounts.models import User
from alongside.accounts.selectors import TypeFigure, condition_type_figures
from alongside.articles.models import ArticlePage
from alongside.articles.selectors import next_article_for
from alongside.communities.models import Community, Membership
from alongside.communities.selectors import membership_for
from alongside.conversations.models import Update
from alongside.conversations.selectors import team_updates_since
from alongside.notifications.models import Kind
from alongside.notifications.selectors import new_counts_for
from alongside.questions.selectors import PublicQuestion, questions_waiting_for
from alongside.treatments.selectors import TreatmentNews, topics_of_member, treatment_news_for

TEAM_UPDATES_SHOWN = 3
QUESTIONS_SHOWN = 3
# What is new, in the order a member cares about it.
_NEWS_ORDER = (
    Kind.ANSWER,
    Kind.COMMENT,
    Kind.MESSAGE,
    Kind.HUG,
    Kind.TEAM_REQUEST,
    Kind.MODERATION,
)


@dataclass
class MemberHome:
    membership: Membership
    first_visit: bool
    since: datetime
    news: list[tuple[str, int]]
    team_updates: list[Update]
    more_team_updates: bool
    waiting: list[PublicQuestion]
    treatments: TreatmentNews
    next_article: ArticlePage | None
    type_figures: list[TypeFigure]

    @property
    def nothing_new(self) -> bool:
        return not (self.news or self.team_updates or self.treatments.figures)


def member_home_for(*, viewer: User, community: Community) -> MemberHome:
    """The home of a member of `community`; Http404 for anyone else."""
    membership = membership_for(user=viewer, community=community)
    if membership is None:
        raise Http404
    since = membership.previous_visit_at or membership.joined_at
    updates = team_updates_since(
        viewer=viewer, community=community, since=since, limit=TEAM_UPDATES_SHOWN
    )
    counts = new_counts_for(viewer=viewer, community=community, since=since)
    return MemberHome(
        membership=membership,
        first_visit=membership.previous_visit_at is None,
        since=since,
        news=[(kind, counts[kind]) for kind in _NEWS_ORDER if counts.get(kind)],
        team_updates=updates[:TEAM_UPDATES_SHOWN],
        more_team_updates=len(updates) > TEAM_UPDATES_SHOWN,
        waiting=questions_waiting_for(
            viewer=viewer, community=community, topics_of=topics_of_member, limit=QUESTIONS_SHOWN
        ),
        treatments=treatment_news_for(viewer=viewer, community=community, since=since),
        next_article=next_article_for(
            viewer=viewer, community=community, topics_of=topics_of_member
        ),
        type_figures=condition_type_figures(community=community),
    )
