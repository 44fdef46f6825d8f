"""Every write of the moderation app: reports, moderator decisions, trust, limits, screening."""

from collections.abc import Callable
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts.models import User
from alongside.communities.models import DESK_ROLES, Community, Membership, StaffRole
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_staff_role_set, membership_update
from alongside.core import moderation as registry
from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.core.mail import email_queue_message
from alongside.core.models import Visibility
from alongside.moderation import targets
from alongside.moderation.crisis import mentions_crisis, screened_languages
from alongside.moderation.models import (
    CLOSING_ACTIONS,
    Action,
    GuestBlock,
    ModerationAction,
    Reason,
    Report,
    ReportStatus,
    Risk,
    Suspension,
)
from alongside.moderation.policy import trust_after_approvals
from alongside.moderation.selectors import suspension_cache_key
from alongside.notifications.models import Kind
from alongside.notifications.services import emailed_claim, notification_create

_RISK_BY_REASON = {
    Reason.SELF_HARM: Risk.HIGH,
    Reason.HARASSMENT: Risk.MEDIUM,
    Reason.MISINFORMATION: Risk.MEDIUM,
}


def risk_for(*, reason: str, text: str, community: Community | None = None) -> int:
    """High for self-harm or crisis language, medium for harm to others, else low."""
    if mentions_crisis(text, languages=screened_languages(community)):
        return Risk.HIGH
    return _RISK_BY_REASON.get(Reason(reason), Risk.LOW)


def report_create(
    *, reporter: User, community: Community, target: Model, reason: str, details: str = ""
) -> Report:
    """Report an item once; reporting the same item again returns the open report."""
    content_type = targets.content_type_of(target)
    existing = Report.objects.filter(
        reporter=reporter,
        target_type=content_type,
        target_id=target.pk,
        status=ReportStatus.OPEN,
    ).first()
    if existing is not None:
        return existing
    report = Report.objects.create(
        community=community,
        reporter=reporter,
        target_type=content_type,
        target_id=target.pk,
        reason=Reason(reason),
        details=details.strip(),
        risk=risk_for(
            reason=reason, text=targets.text_of(target) + " " + details, community=community
        ),
    )
    if report.risk == Risk.HIGH:
        moderators_alert(report=report)
    return report


def crisis_screen(*, text: str, user: User | None, community: Community, target: Model) -> bool:
    """Call after a member posts. On crisis language, record a high-risk automatic report
    (top of the moderators' queue) and return True so the caller shows crisis resources."""
    if not mentions_crisis(text, languages=screened_languages(community)):
        return False
    content_type = targets.content_type_of(target)
    try:
        with transaction.atomic():
            report, created = Report.objects.get_or_create(
                target_type=content_type,
                target_id=target.pk,
                status=ReportStatus.OPEN,
                is_automatic=True,
                defaults={"community": community, "reason": Reason.SELF_HARM, "risk": Risk.HIGH},
            )
    except IntegrityError:
        return True  # another request recorded it (and alerted) just now
    if created:
        moderators_alert(report=report)
    return True


_ALERT_TEXT = gettext_lazy("Urgent: something a member wrote needs a moderator now.")


def moderators_alert(*, report: Report) -> int:
    """Tell every moderator and admin of the report's community at once: a notification on
    the site and an email. The text names no member and no health detail (it is the email's
    subject); the link opens the high-risk entries of the desk. Returns how many were told."""
    url = reverse("moderation:queue") + "?risk=3"
    moderators = Membership.objects.filter(
        community=report.community, staff_role__in=DESK_ROLES, user__is_active=True
    ).select_related("user")
    told = 0
    for membership in moderators:
        told += bool(
            notification_create(
                recipient=membership.user,
                community=report.community,
                kind=Kind.DESK_ALERT,
                text=str(_ALERT_TEXT),
                dedupe_key=f"desk-alert:{report.pk}:{membership.user_id}",
                url=url,
            )
        )
    return told


_NOTES = {
    Action.APPROVE: gettext_lazy(
        "A moderator approved your post. It is now visible to other members."
    ),
    Action.REJECT: gettext_lazy(
        "A moderator did not publish your %(item)s from %(date)s. Only you can see it."
    ),
    Action.HIDE: gettext_lazy(
        "A moderator hid your %(item)s from %(date)s. Other members no longer see it; "
        "you still can."
    ),
    Action.RESTORE: gettext_lazy("A moderator restored your %(item)s from %(date)s."),
    Action.WARN: gettext_lazy("A moderator sent you a warning about your %(item)s from %(date)s."),
    Action.SUSPEND: gettext_lazy(
        "A moderator paused your posting in this community until %(until)s. You can still read."
    ),
    Action.REACH_OUT: gettext_lazy(
        "A moderator is checking in on you. If you need help now, the support page lists who "
        "to call."
    ),
}


@transaction.atomic
def moderation_act(
    *,
    moderator: User,
    community: Community,
    target: Model,
    action: str,
    note: str = "",
    days: int = 7,
) -> ModerationAction:
    """Apply one moderator decision to an item or member, log it and tell the member.

    Only closing decisions (CLOSING_ACTIONS) close the item's open reports: a moderator may
    hide a post and suspend its author, then close. The caller has checked that `moderator`
    moderates `community` and the target belongs to it, and that the action is offered for
    it (`actions_for`).
    """
    action = Action(action)
    member = targets.author_of(target)
    detail = _APPLY[action](
        target,
        moderator=moderator,
        community=community,
        member=member,
        note=note.strip(),
        days=days,
    )
    logged = ModerationAction.objects.create(
        community=community,
        moderator=moderator,
        member=member,
        action=action,
        target_type=targets.content_type_of(target),
        target_id=target.pk,
        note=note.strip(),
    )
    if action in CLOSING_ACTIONS:
        _reports_resolve(target)
    if member is not None and action in _NOTES:
        _member_tell(logged, member=member, target=target, detail=detail)
    if action == Action.APPROVE and member is not None:
        trust_raise_if_earned(user=member, community=community)
    return logged


def _approve(target, *, moderator, **_ignored) -> dict:
    registered = registry.for_model(target._meta.label_lower)
    if registered is not None:
        registered.approve(target, moderator=moderator)
    else:
        _visibility_set(target, Visibility.PUBLISHED)
    return {}


def _reject(target, *, moderator, note, **_ignored) -> dict:
    registered = registry.for_model(target._meta.label_lower)
    if registered is not None:
        registered.reject(target, moderator=moderator, note=note)
    else:
        _visibility_set(target, Visibility.REJECTED)
    return {}


def _hide(target, *, moderator, **_ignored) -> dict:
    registered = registry.for_model(target._meta.label_lower)
    if registered is not None and registered.hide is not None:
        registered.hide(target, moderator=moderator)
    else:
        _visibility_set(target, Visibility.HIDDEN)
    return {}


def _suspend(target, *, moderator, community, member, note, days, **_ignored) -> dict:
    if member is None:
        raise ValidationError(_("Only a member can be suspended; block a guest instead."))
    until = timezone.now() + timedelta(days=max(1, min(int(days), 365)))
    Suspension.objects.create(
        community=community, user=member, until=until, reason=note, created_by=moderator
    )
    cache.delete(suspension_cache_key(user_id=member.pk, community_id=community.pk))
    return {"until": until}


def _block_guest(target, *, moderator, community, note, **_ignored) -> dict:
    """Block the guest's email address and the address their item came from, here. Blocking
    the same guest again, for the same address, updates that record."""
    registered = registry.for_model(target._meta.label_lower)
    guest = registered.guest_of(target) if registered and registered.guest_of else None
    if guest is None:
        raise ValidationError(_("Only a guest's comment can be blocked this way."))
    GuestBlock.objects.update_or_create(
        community=community,
        email=guest.email.strip().lower(),
        address_digest=guest.address_digest,
        defaults={"note": note, "created_by": moderator, "lifted_at": None, "lifted_by": None},
    )
    return {}


def _nothing(target, **_ignored) -> dict:
    return {}


_APPLY: dict[Action, Callable[..., dict]] = {
    Action.APPROVE: _approve,
    Action.REJECT: _reject,
    Action.HIDE: _hide,
    Action.RESTORE: _approve,
    Action.WARN: _nothing,
    Action.SUSPEND: _suspend,
    Action.BLOCK_GUEST: _block_guest,
    Action.REACH_OUT: _nothing,
    Action.RESOLVE: _nothing,
    Action.DISMISS: _nothing,
}


def _visibility_set(target, visibility: str) -> None:
    if hasattr(target, "visibility"):
        type(target).objects.filter(pk=target.pk).update(visibility=visibility)
        target.visibility = visibility


def _reports_resolve(target) -> None:
    Report.objects.filter(
        target_type=targets.content_type_of(target),
        target_id=target.pk,
        status=ReportStatus.OPEN,
    ).update(status=ReportStatus.RESOLVED, resolved_at=timezone.now())


def _member_tell(logged: ModerationAction, *, member, target, detail: dict) -> None:
    """Say plainly what happened to which post and why (the moderator's note). The text is
    also an email subject's start, so it names the post by kind and date, never its words."""
    created = getattr(target, "created_at", None) or timezone.now()
    values = {
        "item": targets.label_of(target),
        "date": timezone.localtime(created).strftime("%d %B %Y"),
    }
    if "until" in detail:
        values["until"] = timezone.localtime(detail["until"]).strftime("%d %B %Y")
    text = str(_NOTES[Action(logged.action)]) % values
    if logged.note:
        text = _("%(what)s The moderator's reason: %(note)s") % {"what": text, "note": logged.note}
    notification_create(
        recipient=member,
        community=logged.community,
        kind=Kind.MODERATION,
        text=text,
        dedupe_key=f"moderation:{logged.pk}",
        actor=logged.moderator,
        url=reverse("moderation:support") if logged.action == Action.REACH_OUT else "",
    )


def trust_raise_if_earned(*, user: User, community: Community) -> bool:
    """After enough approved posts a new member's posts publish straight away."""
    membership = membership_for(user=user, community=community)
    if membership is None or membership.trust_level > 0:
        return False
    approved = ModerationAction.objects.filter(
        community=community, member=user, action=Action.APPROVE
    ).count()
    if approved < trust_after_approvals():
        return False
    membership_update(membership=membership, trust_level=1)
    return True


@transaction.atomic
def member_reports_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): reports stay for the moderators' record but no longer say
    who made them."""
    Report.objects.filter(reporter=user).update(reporter=None, details="")


def guest_unblock(*, moderator: User, community: Community, block: GuestBlock) -> GuestBlock:
    """Lift a guest's block here (their email and their connection may comment again); the
    block is kept, marked lifted, and the decision is in the log."""
    block.lifted_at, block.lifted_by = timezone.now(), moderator
    block.save(update_fields=["lifted_at", "lifted_by"])
    ModerationAction.objects.create(
        community=community,
        moderator=moderator,
        action=Action.UNBLOCK_GUEST,
        target_type=targets.content_type_of(block),
        target_id=block.pk,
        note=block.email,
    )
    return block


# The team page: community admins give and take the desk's roles --------------------------

_TEAM_TOLD = {
    StaffRole.MODERATOR: gettext_lazy("You are now a moderator of %(community)s."),
    StaffRole.ADMIN: gettext_lazy("You are now a community admin of %(community)s."),
    # Short: the notification email's subject puts the community's name in front of it.
    StaffRole.NONE: gettext_lazy("You are no longer on the moderation team."),
}


@transaction.atomic
def team_appoint(
    *, admin: User, community: Community, membership: Membership, staff_role: str
) -> ModerationAction:
    """Make a member of this community a moderator or a community admin (or change which),
    with the desk's access at once; logged, and the member told on the site and by email.

    The caller has checked that `admin` manages this community's team (`team_required`)."""
    staff_role = StaffRole(staff_role)
    if staff_role not in DESK_ROLES:
        raise ValidationError(_("Choose moderator or community admin."))
    membership = _team_row_locked(membership)
    if membership.staff_role == staff_role:
        raise ValidationError(
            _("%(name)s is already a %(role)s here.")
            % {"name": membership.name, "role": staff_role.label.lower()}
        )
    _last_admin_keep(membership)
    membership_staff_role_set(membership=membership, staff_role=staff_role)
    logged = _team_log(admin, community, membership, Action.STAFF_APPOINT, staff_role.label)
    _team_tell(logged, membership=membership, staff_role=staff_role, email=True)
    return logged


@transaction.atomic
def team_remove(*, admin: User, community: Community, membership: Membership) -> ModerationAction:
    """Take a member's moderator or community admin role away here, with the desk's access,
    at once; logged, and the member told. The only community admin stays (appoint another
    first). The caller has checked that `admin` manages this community's team."""
    membership = _team_row_locked(membership)
    if membership.staff_role not in DESK_ROLES:
        raise ValidationError(_("%(name)s is not on the team.") % {"name": membership.name})
    _last_admin_keep(membership)
    was = StaffRole(membership.staff_role)
    membership_staff_role_set(membership=membership, staff_role=StaffRole.NONE)
    logged = _team_log(admin, community, membership, Action.STAFF_REMOVE, was.label)
    _team_tell(logged, membership=membership, staff_role=StaffRole.NONE, email=False)
    return logged


def _team_row_locked(membership: Membership) -> Membership:
    """The membership read again under a lock, with the community's admins locked too: two
    admins removing each other at once cannot leave the community with none."""
    list(
        Membership.objects.select_for_update()
        .filter(community_id=membership.community_id, staff_role=StaffRole.ADMIN)
        .values_list("pk", flat=True)
    )
    fresh = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    fresh.name = getattr(membership, "name", "") or str(fresh.user.public_id)[:8]
    return fresh


def _last_admin_keep(membership: Membership) -> None:
    if membership.staff_role != StaffRole.ADMIN:
        return
    others = Membership.objects.filter(
        community_id=membership.community_id, staff_role=StaffRole.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _(
                "%(name)s is the only community admin here. Appoint another community admin "
                "first, so someone can still look after the team."
            )
            % {"name": membership.name}
        )


def _team_log(admin, community, membership, action: Action, role_label) -> ModerationAction:
    return ModerationAction.objects.create(
        community=community,
        moderator=admin,
        member=membership.user,
        action=action,
        target_type=targets.content_type_of(membership.user),
        target_id=membership.user_id,
        note=str(role_label),
    )


def _team_tell(logged: ModerationAction, *, membership, staff_role, email: bool) -> None:
    """An on-site notification; for an appointment, an email of its own (the desk, the
    community's guidance) in its place, queued in the same transaction."""
    community = logged.community
    text = str(_TEAM_TOLD[staff_role]) % {"community": community.name}
    desk = reverse("moderation:queue") if staff_role in DESK_ROLES else ""
    notification = notification_create(
        recipient=membership.user,
        community=community,
        kind=Kind.STAFF_ROLE,
        text=text,
        dedupe_key=f"staff-role:{logged.pk}",
        actor=logged.moderator,
        url=desk,
    )
    if not email or notification is None or not membership.user.email:
        return
    emailed_claim(pks=[notification.pk])
    _team_welcome_queue(logged, user=membership.user, staff_role=staff_role, subject=text)


def _team_welcome_queue(logged: ModerationAction, *, user: User, staff_role, subject: str):
    community = logged.community
    base_url = base_url_for(community)
    links = {
        "desk_url": absolute(base_url, reverse("moderation:queue")),
        "guidance_url": absolute(base_url, reverse("moderation:support")),
        "team_url": absolute(base_url, reverse("moderation:team")),
    }
    message = email_compose(
        subject=subject,
        to=[user.email],
        template="moderation/email/staff_welcome",
        context={**links, "is_admin": staff_role == StaffRole.ADMIN},
        community=community,
        base_url=base_url,
    )
    email_queue_message(message=message, dedupe_key=f"staff-role:{logged.pk}")
