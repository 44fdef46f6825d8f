from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F

from alongside.communities.models import Community, Membership, Role, StaffRole
from alongside.communities.selectors import forget_host_cache
from alongside.communities.staff import COMMUNITY_ADMINS, MODERATORS

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


_GROUP_FOR = {StaffRole.MODERATOR: MODERATORS, StaffRole.ADMIN: COMMUNITY_ADMINS}


@transaction.atomic
def membership_staff_role_set(*, membership: Membership, staff_role: str) -> Membership:
    """Give or take the member's staff role here, with the staff console group that goes with
    it, at once: a group is added for the role given, and taken away when no community still
    needs it. A community admin is staff (so the console asks for two-factor authentication);
    someone left with no console group is not. The superuser flag and every other group
    (editors, medical reviewers) stay as they are. The caller checks who may do this."""
    membership.staff_role = StaffRole(staff_role)
    membership.save(update_fields=["staff_role"])
    user = membership.user
    held = set(Membership.objects.filter(user=user).values_list("staff_role", flat=True))
    for role, name in _GROUP_FOR.items():
        group = Group.objects.get_or_create(name=name)[0]
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    _staff_flag_set(user)
    user.__dict__.pop("_memberships", None)
    return membership


def _staff_flag_set(user: User) -> None:
    """Staff means "may open the staff console", read afresh (permissions are cached on the
    loaded user)."""
    staff = type(user).objects.get(pk=user.pk).has_perm("wagtailadmin.access_admin")
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


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
