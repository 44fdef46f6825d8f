"""Reads of updates, comments and reactions. Every one takes the viewer.

A viewer sees an update when they are a member of its community, neither of the two has
blocked the other, the audience allows it (members, or the author's team) and it is
published (authors also see their own items waiting for a moderator).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.communities.selectors import is_member, is_moderator
from alongside.conversations.models import (
    Comment,
    Reaction,
    ReactionKind,
    Update,
    UpdateAudience,
    UpdateDraft,
    UpdatePicture,
)
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.models import Visibility
from alongside.core.prepared import Ids, Int, Moment, Prepared
from alongside.core.textsearch import with_every_word
from alongside.teams import selectors as teams_selectors

if TYPE_CHECKING:
    from alongside.questions.models import Answer

PAGE_SIZE = 20
COMMENT_PAGE_SIZE = 50


class Viewing(teams_selectors.Viewing):
    """Who is looking, and which updates that lets them see."""

    def visible(self) -> Q:
        """Published or one's own; audience members, or team for teammates; no blocks."""
        own = Q(author_id=self.viewer.pk)
        published = Q(visibility=Visibility.PUBLISHED) | own
        audience = Q(audience=UpdateAudience.MEMBERS) | Q(
            author_id__in=self.teammates | {self.viewer.pk}
        )
        return published & audience & ~Q(author_id__in=self.blocked)


@dataclass
class FeedPage:
    items: list
    next_cursor: str | None
    tab: str


def _visible(viewing: Viewing):
    """The updates this viewer may see, with their authors (for names)."""
    return (
        Update.objects.filter(community=viewing.community)
        .filter(viewing.visible())
        .select_related("author__profile")
    )


def _updates(viewing: Viewing):
    """As shown in cards: with their pictures."""
    pictures = Prefetch("pictures", queryset=UpdatePicture.objects.order_by("position", "id"))
    return _visible(viewing).prefetch_related(pictures)


def feed_for(
    *, viewer: User, community: Community, tab: str = "everyone", before: str | None = None
) -> FeedPage:
    """The viewer's feed, newest first, one page (keyset). Six queries whatever the size."""
    viewing = Viewing.of(viewer=viewer, community=community)
    if not before:  # the first page, which nearly every visit reads
        rows = _FEED_FIRST_PAGE.rows(
            community=community.pk,
            viewer=viewer.pk,
            circle=sorted(viewing.teammates | {viewer.pk}),
            blocked=sorted(viewing.blocked),
            team=tab == "team",
        )
        items = _decorate(viewing, rows[:PAGE_SIZE])
        more = len(rows) > PAGE_SIZE
        return FeedPage(items=items, next_cursor=cursor_for(items[-1]) if more else None, tab=tab)
    updates = _updates(viewing).filter(cursor_filter(before))
    if tab == "team":
        team = updates.filter(author_id__in=viewing.teammates | {viewer.pk})
        # Choose the page by the author index alone, then join authors for those rows only
        # (joining first read every teammate's updates: 5.9 ms for 44 teammates at 216,000).
        page = team.order_by("-created_at", "-id").values("pk")[: PAGE_SIZE + 1]
        updates = _updates(viewing).filter(pk__in=page)
    rows = list(updates.order_by("-created_at", "-id")[: PAGE_SIZE + 1])
    items = _decorate(viewing, rows[:PAGE_SIZE])
    more = len(rows) > PAGE_SIZE
    return FeedPage(items=items, next_cursor=cursor_for(items[-1]) if more else None, tab=tab)


def _visible_to(*, viewer: int, circle: list, blocked: list) -> Q:
    """Viewing.visible() from ids, for prepared queries: `circle` is the viewer's teammates
    and the viewer."""
    published = Q(visibility=Visibility.PUBLISHED) | Q(author_id=viewer)
    audience = Q(audience=UpdateAudience.MEMBERS) | Q(author_id__in=circle)
    return published & audience & ~Q(author_id__in=blocked)


def _feed_first_page_query(*, community: int, viewer: int, circle: list, blocked: list, team):
    visible = _visible_to(viewer=viewer, circle=circle, blocked=blocked)
    pictures = Prefetch("pictures", queryset=UpdatePicture.objects.order_by("position", "id"))
    updates = Update.objects.filter(community_id=community).filter(visible)
    shown = updates.select_related("author__profile").prefetch_related(pictures)
    if team:
        # Choose the page by the author index alone, then join authors for those rows only
        # (joining first read every teammate's updates: 5.9 ms for 44 teammates at 216,000).
        page = updates.filter(author_id__in=circle).order_by("-created_at", "-id")
        shown = shown.filter(pk__in=page.values("pk")[: PAGE_SIZE + 1])
    return shown.order_by("-created_at", "-id")[: PAGE_SIZE + 1]


_FEED_FIRST_PAGE = Prepared(
    _feed_first_page_query, community=Int, viewer=Int, circle=Ids, blocked=Ids
)
_REACTIONS = Prepared(
    lambda *, viewer, updates: Reaction.objects.filter(
        user_id=viewer, update_id__in=updates
    ).values_list("update_id", "kind"),
    viewer=Int,
    updates=Ids,
)


def _decorate(viewing: Viewing, updates: list) -> list:
    """Add what the template needs: names as this viewer may see them, their reactions."""
    mine = set(_REACTIONS.rows(viewer=viewing.viewer.pk, updates=[u.pk for u in updates]))
    for update in updates:
        update.author_name = viewing.name(update.author)
        update.author_public_id = update.author.public_id if update.author else None
        update.is_own = update.author_id == viewing.viewer.pk
        update.hugged = (update.pk, ReactionKind.HUG) in mine
        update.liked = (update.pk, ReactionKind.LIKE) in mine
    return updates


def update_get_for(*, viewer: User, pk: int, community: Community) -> Update:
    """One update this viewer may see, decorated for display, else Http404."""
    viewing = Viewing.of(viewer=viewer, community=community)
    update = _updates(viewing).filter(pk=pk).first()
    if update is None:
        raise Http404
    update.community = community  # known already: no query when a service asks
    return _decorate(viewing, [update])[0]


def update_visible_get(*, viewer: User, pk: int, community: Community) -> Update:
    """One update this viewer may see, undecorated (to react to or comment on), else Http404."""
    viewing = Viewing.of(viewer=viewer, community=community)
    update = _UPDATE_VISIBLE.first(
        community=community.pk,
        pk=pk,
        viewer=viewer.pk,
        circle=sorted(viewing.teammates | {viewer.pk}),
        blocked=sorted(viewing.blocked),
    )
    if update is None:
        raise Http404
    update.community = community
    return update


# Every reaction and comment reads it first: its SQL is built once per process.
_UPDATE_VISIBLE = Prepared(
    lambda *, community, pk, viewer, circle, blocked: (
        Update.objects.filter(community_id=community, pk=pk)
        .filter(_visible_to(viewer=viewer, circle=circle, blocked=blocked))
        .order_by("pk")[:1]
    ),
    community=Int,
    pk=Int,
    viewer=Int,
    circle=Ids,
    blocked=Ids,
)


def update_owned_by(*, viewer: User, pk: int, community: Community) -> Update:
    """One of the viewer's own updates (to edit or delete), else Http404."""
    update = Update.objects.filter(pk=pk, community=community, author_id=viewer.pk).first()
    if update is None or not is_member(user=viewer, community=community):
        raise Http404
    return update


def picture_get_for(
    *, viewer: User, update_pk: int, picture_pk: int, community: Community
) -> UpdatePicture:
    """A picture of an update this viewer may see (no card decoration: one file is asked)."""
    update = update_visible_get(viewer=viewer, pk=update_pk, community=community)
    picture = UpdatePicture.objects.filter(pk=picture_pk, update=update).first()
    if picture is None:
        raise Http404
    return picture


@dataclass
class CommentPage:
    items: list
    next_cursor: str | None


def comments_for_update(
    *, viewer: User, update: Update, community: Community, after: str | None = None
) -> CommentPage:
    """Comments on an update the viewer can see (call update_get_for first), oldest first."""
    viewing = Viewing.of(viewer=viewer, community=community)
    return _comment_page(viewing, Comment.objects.filter(update=update), after)


def comments_for_answer(
    *, viewer: User, answer: Answer, community: Community, after: str | None = None
) -> CommentPage:
    """Comments on an answer; the caller has checked the viewer may see the answer."""
    viewing = Viewing.of(viewer=viewer, community=community)
    return _comment_page(viewing, Comment.objects.filter(answer=answer), after)


def _comment_page(viewing: Viewing, comments, after: str | None) -> CommentPage:
    published = Q(visibility=Visibility.PUBLISHED) | Q(author_id=viewing.viewer.pk)
    if is_moderator(user=viewing.viewer, community=viewing.community):
        published |= Q(visibility=Visibility.PENDING)
    rows = list(
        comments.filter(published, cursor_filter(after, older=False))
        .exclude(author_id__in=viewing.blocked)
        .select_related("author__profile")
        .order_by("created_at", "id")[: COMMENT_PAGE_SIZE + 1]
    )
    items = rows[:COMMENT_PAGE_SIZE]
    for comment in items:
        comment.author_name = viewing.name(comment.author)
        comment.author_public_id = comment.author.public_id if comment.author else None
        comment.is_own = comment.author_id == viewing.viewer.pk
    more = len(rows) > COMMENT_PAGE_SIZE
    return CommentPage(items=items, next_cursor=cursor_for(items[-1]) if more else None)


def comment_owned_by(*, viewer: User, pk: int, community: Community) -> Comment:
    comment = Comment.objects.filter(pk=pk, community=community, author_id=viewer.pk).first()
    if comment is None:
        raise Http404
    return comment


def reaction_counts_for_answers(*, answer_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Hugs and likes per answer in one grouped query: {answer_id: {"hug": n, "like": n}}."""
    rows = (
        Reaction.objects.filter(answer_id__in=list(answer_ids))
        .values("answer_id", "kind")
        .annotate(total=Count("id"))
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["answer_id"], {"hug": 0, "like": 0})[row["kind"]] = row["total"]
    return counts


def draft_for(*, viewer: User, community: Community) -> str:
    draft = UpdateDraft.objects.filter(user=viewer, community=community).first()
    return draft.body if draft else ""


def updates_search_for(
    *, viewer: User | AnonymousUser, community: Community, query: str, limit: int = 10
) -> list[Update]:
    """Updates this viewer may see whose text contains the query, newest first ([] for
    anyone who is not a member here)."""
    if len(query.strip()) < 2 or not viewer.is_authenticated:
        return []
    if not is_member(user=viewer, community=community):
        return []
    viewing = Viewing.of(viewer=viewer, community=community)
    rows = _containing(_visible(viewing), query.strip()).order_by("-created_at", "-id")
    found = list(rows[:limit])
    for update in found:  # results show text, author and date: no pictures, no reactions
        update.author_name = viewing.name(update.author)
    return found


def _containing(updates, query: str):
    """Updates with every word of the query (full-text index: migration 0004)."""
    return with_every_word(
        updates, query=query, field="body", tsvector_sql="conversations_update.search_words"
    )


def _team_updates_query(*, community: int, since, authors: list, blocked: list, limit: int):
    return (
        Update.objects.filter(
            community_id=community,
            visibility=Visibility.PUBLISHED,
            created_at__gt=since,
            author_id__in=authors,
        )
        .exclude(author_id__in=blocked)
        .select_related("author__profile")
        .order_by("-created_at", "-id")[: limit + 1]
    )


_TEAM_UPDATES = Prepared(_team_updates_query, community=Int, since=Moment, authors=Ids, blocked=Ids)


def team_updates_since(
    *, viewer: User, community: Community, since: datetime, limit: int = 3
) -> list[Update]:
    """Published updates by the viewer's teammates since `since`, newest first; up to
    `limit` + 1 so the caller can say there are more. One query (the team and the blocks are
    the viewer's kept sets), and every author shown is a teammate by construction."""
    rows = _TEAM_UPDATES.rows(
        community=community.pk,
        since=since,
        authors=sorted(teams_selectors.teammate_ids(user=viewer, community=community)),
        blocked=sorted(teams_selectors.blocked_ids(user=viewer, community=community)),
        limit=limit,
    )
    teammates = {update.author_id for update in rows}
    for update in rows:
        update.author_name = teams_selectors.name_for(
            viewer_id=viewer.pk, owner=update.author, community=community, teammates=teammates
        )
    return rows
