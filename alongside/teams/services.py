"""Every write to teams: requests, links, blocks. Notifications go out after commit."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.communities.selectors import is_member
from alongside.core.tasks import enqueue_on_commit
from alongside.teams import tasks
from alongside.teams.models import Block, RequestStatus, TeamLink, TeamRequest
from alongside.teams.selectors import (
    are_teammates,
    is_blocked_between,
    pending_request_between,
    shared_key,
)


def _forget_viewings(*users, community_id: int | None = None) -> None:
    """Drop what selectors memoised on these user objects about teams and blocks, and the
    copies kept between requests for `community_id` (now, and again on commit: a request that
    read the old rows in between must not keep them)."""
    for user in users:
        user.__dict__.pop("_viewings", None)
    if community_id is not None:
        _forget_shared([(community_id, user.pk) for user in users])


def _forget_shared(pairs: list[tuple[int, int]]) -> None:
    keys = [shared_key(kind, c, u) for c, u in pairs for kind in ("teammates", "blocks")]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def team_link_create(*, community: Community, a: User, b: User) -> TeamLink:
    """Put two members in each other's team (idempotent)."""
    _forget_viewings(a, b, community_id=community.pk)
    low, high = sorted((a.pk, b.pk))
    link, _created = TeamLink.objects.get_or_create(
        community=community, user_low_id=low, user_high_id=high
    )
    return link


def team_link_delete(*, community: Community, a: User, b: User) -> None:
    _forget_viewings(a, b, community_id=community.pk)
    low, high = sorted((a.pk, b.pk))
    TeamLink.objects.filter(community=community, user_low_id=low, user_high_id=high).delete()


def team_request_send(*, sender: User, recipient: User, community: Community) -> TeamRequest:
    """Ask `recipient` to join teams; a request the other way is accepted instead."""
    _check_can_request(sender, recipient, community)
    existing = pending_request_between(a=sender, b=recipient, community=community)
    if existing is not None and existing.recipient_id == sender.pk:
        _forget_viewings(sender, recipient)
        return team_request_accept(team_request=existing, by=sender)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = TeamRequest.objects.create(
                community=community, sender=sender, recipient=recipient
            )
    except IntegrityError:
        # The same request sent at the same moment (one pending per pair): answer with it.
        raced = pending_request_between(a=sender, b=recipient, community=community)
        if raced is None:
            raise
        return raced
    enqueue_on_commit(tasks.notify_team_request, request.pk)
    return request


def _check_can_request(sender, recipient, community) -> None:
    if sender.pk == recipient.pk or not is_member(user=recipient, community=community):
        raise ValidationError(_("You cannot add this member to your team."), code="invalid")
    if is_blocked_between(a=sender, b=recipient, community=community):
        raise ValidationError(_("You cannot add this member to your team."), code="blocked")
    if are_teammates(a=sender, b=recipient, community=community):
        raise ValidationError(_("You are already in each other's team."), code="already")


@transaction.atomic
def team_request_accept(*, team_request: TeamRequest, by: User) -> TeamRequest:
    """Only the recipient accepts; both members join each other's team."""
    _answer(team_request, by=by, side="recipient", status=RequestStatus.ACCEPTED)
    team_link_create(community=team_request.community, a=team_request.sender, b=by)
    enqueue_on_commit(tasks.notify_team_accepted, team_request.pk)
    return team_request


def team_request_decline(*, team_request: TeamRequest, by: User) -> TeamRequest:
    return _answer(team_request, by=by, side="recipient", status=RequestStatus.DECLINED)


def team_request_withdraw(*, team_request: TeamRequest, by: User) -> TeamRequest:
    return _answer(team_request, by=by, side="sender", status=RequestStatus.WITHDRAWN)


def _answer(team_request: TeamRequest, *, by, side: str, status: str) -> TeamRequest:
    if getattr(team_request, f"{side}_id") != by.pk:
        raise ValidationError(_("This request is not yours to answer."), code="not_yours")
    if team_request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered."), code="answered")
    team_request.status = status
    team_request.answered_at = timezone.now()
    team_request.save(update_fields=["status", "answered_at"])
    return team_request


def team_member_remove(*, user: User, other: User, community: Community) -> None:
    team_link_delete(community=community, a=user, b=other)


@transaction.atomic
def block_create(*, blocker: User, blocked: User, community: Community) -> Block:
    """Block a member here: it also ends your team link and any requests between you."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    _forget_viewings(blocker, blocked, community_id=community.pk)
    block, _created = Block.objects.get_or_create(
        community=community, blocker=blocker, blocked=blocked
    )
    team_link_delete(community=community, a=blocker, b=blocked)
    either = Q(sender=blocker, recipient=blocked) | Q(sender=blocked, recipient=blocker)
    TeamRequest.objects.filter(either, community=community, status=RequestStatus.PENDING).update(
        status=RequestStatus.WITHDRAWN, answered_at=timezone.now()
    )
    return block


def block_delete(*, blocker: User, blocked: User, community: Community) -> None:
    _forget_viewings(blocker, blocked, community_id=community.pk)
    Block.objects.filter(community=community, blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def member_team_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): team links, requests and blocks are about people, not
    posts: always removed."""
    links = TeamLink.objects.filter(Q(user_low=user) | Q(user_high=user))
    blocks = Block.objects.filter(Q(blocker=user) | Q(blocked=user))
    touched = {
        (community_id, member)
        for community_id, *members in [
            *links.values_list("community_id", "user_low_id", "user_high_id"),
            *blocks.values_list("community_id", "blocker_id", "blocked_id"),
        ]
        for member in members
    }
    touched |= {(m.community_id, user.pk) for m in user.memberships.all()}
    _forget_shared(sorted(touched))
    _forget_viewings(user)
    TeamLink.objects.filter(Q(user_low=user) | Q(user_high=user)).delete()
    TeamRequest.objects.filter(Q(sender=user) | Q(recipient=user)).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
