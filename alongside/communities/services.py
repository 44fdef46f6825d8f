from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F

from alongside.communities.models import Community, Membership, Role
from alongside.communities.selectors import forget_host_cache

if TYPE_CHECKING:
    from alongside.accounts.models import User


def membership_create(
    *, user: User, community: Community, role: str = Role.LIVING_WITH
) -> Membership:
    """Join a community; joining twice returns the existing membership."""
    existing = Membership.objects.filter(user=user, community=community).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, community=community, role=role)
            Community.objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)
    except IntegrityError:
        return Membership.objects.get(user=user, community=community)
    user.__dict__.pop("_memberships", None)
    return membership


def membership_update(*, membership: Membership, **fields: Any) -> Membership:
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.save(update_fields=list(fields))
    return membership


# A member's presence is written at most this often: one UPDATE per member every few minutes.
SEEN_EVERY = timedelta(minutes=5)
# A longer silence ends a visit; the next request starts a new one.
VISIT_GAP = timedelta(minutes=30)


def membership_seen(*, membership: Membership, now: datetime) -> bool:
    """Note that the member is here. Returns whether anything was written.

    When the silence since the last request is longer than VISIT_GAP, the previous visit
    ended then: `previous_visit_at` moves to it, and the home counts what is new from there.
    """
    last = membership.last_seen_at
    if last is not None and now - last < SEEN_EVERY:
        return False
    fields = {"last_seen_at": now}
    if last is not None and now - last >= VISIT_GAP:
        fields["previous_visit_at"] = last
    Membership.objects.filter(pk=membership.pk).update(**fields)
    for name, value in fields.items():
        setattr(membership, name, value)
    return True


def membership_delete(*, membership: Membership) -> None:
    with transaction.atomic():
        Community.objects.filter(pk=membership.community_id).update(
            member_count=F("member_count") - 1
        )
        membership.delete()


def community_save(*, community: Community) -> Community:
    community.full_clean()
    community.save()
    forget_host_cache(community)
    return community


def member_count_refresh(*, community: Community) -> None:
    Community.objects.filter(pk=community.pk).update(
        member_count=Membership.objects.filter(community=community).count()
    )
    community.refresh_from_db(fields=["member_count"])
