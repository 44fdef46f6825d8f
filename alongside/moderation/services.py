"""Every write of the moderation app: reports, moderator decisions, trust, limits, screening."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_update
from alongside.core import moderation as registry
from alongside.core.models import Visibility
from alongside.moderation import targets
from alongside.moderation.crisis import mentions_crisis, screened_languages
from alongside.moderation.models import (
    Action,
    ModerationAction,
    Reason,
    Report,
    ReportStatus,
    Risk,
    Suspension,
)
from alongside.moderation.policy import trust_after_approvals
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create

_RISK_BY_REASON = {
    Reason.SELF_HARM: Risk.HIGH,
    Reason.HARASSMENT: Risk.MEDIUM,
    Reason.MISINFORMATION: Risk.MEDIUM,
}


def risk_for(*, reason: str, text: str, community=None) -> int:
    """High for self-harm or crisis language, medium for harm to others, else low."""
    if mentions_crisis(text, languages=screened_languages(community)):
        return Risk.HIGH
    return _RISK_BY_REASON.get(Reason(reason), Risk.LOW)


def report_create(*, reporter, community, target, reason: str, details: str = "") -> Report:
    """Report an item once; reporting the same item again returns the open report."""
    content_type = targets.content_type_for(target._meta.label_lower)
    existing = Report.objects.filter(
        reporter=reporter,
        target_type=content_type,
        target_id=target.pk,
        status=ReportStatus.OPEN,
    ).first()
    if existing is not None:
        return existing
    return Report.objects.create(
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


def crisis_screen(*, text: str, user, community, target) -> bool:
    """Call after a member posts. On crisis language, record a high-risk automatic report
    (top of the moderators' queue) and return True so the caller shows crisis resources."""
    if not mentions_crisis(text, languages=screened_languages(community)):
        return False
    content_type = targets.content_type_for(target._meta.label_lower)
    try:
        with transaction.atomic():
            Report.objects.get_or_create(
                target_type=content_type,
                target_id=target.pk,
                status=ReportStatus.OPEN,
                is_automatic=True,
                defaults={"community": community, "reason": Reason.SELF_HARM, "risk": Risk.HIGH},
            )
    except IntegrityError:
        pass
    return True


_NOTES = {
    Action.APPROVE: gettext_lazy(
        "A moderator approved your post. It is now visible to other members."
    ),
    Action.REJECT: gettext_lazy("A moderator did not publish your post."),
    Action.HIDE: gettext_lazy("A moderator hid one of your posts."),
    Action.RESTORE: gettext_lazy("A moderator restored one of your posts."),
    Action.WARN: gettext_lazy("A moderator sent you a warning."),
    Action.SUSPEND: gettext_lazy("A moderator paused your posting until %(until)s."),
}


@transaction.atomic
def moderation_act(
    *, moderator, community, target, action: str, note: str = "", days: int = 7
) -> ModerationAction:
    """Apply one moderator decision to an item or member, log it, tell the member, close reports.

    The caller has checked that `moderator` moderates `community` and the target belongs to it.
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
        target_type=targets.content_type_for(target._meta.label_lower),
        target_id=target.pk,
        note=note.strip(),
    )
    _reports_resolve(target)
    if member is not None and action in _NOTES:
        _member_tell(logged, member=member, detail=detail)
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
    until = timezone.now() + timedelta(days=max(1, min(int(days), 365)))
    Suspension.objects.create(
        community=community, user=member, until=until, reason=note, created_by=moderator
    )
    return {"until": until}


def _nothing(target, **_ignored) -> dict:
    return {}


_APPLY = {
    Action.APPROVE: _approve,
    Action.REJECT: _reject,
    Action.HIDE: _hide,
    Action.RESTORE: _approve,
    Action.WARN: _nothing,
    Action.SUSPEND: _suspend,
    Action.DISMISS: _nothing,
}


def _visibility_set(target, visibility: str) -> None:
    if hasattr(target, "visibility"):
        type(target).objects.filter(pk=target.pk).update(visibility=visibility)
        target.visibility = visibility


def _reports_resolve(target) -> None:
    Report.objects.filter(
        target_type=targets.content_type_for(target._meta.label_lower),
        target_id=target.pk,
        status=ReportStatus.OPEN,
    ).update(status=ReportStatus.RESOLVED, resolved_at=timezone.now())


def _member_tell(logged: ModerationAction, *, member, detail: dict) -> None:
    text = str(_NOTES[logged.action])
    if "until" in detail:
        text = text % {"until": timezone.localtime(detail["until"]).strftime("%d %B %Y")}
    if logged.note:
        text = _("%(what)s Their note: %(note)s") % {"what": text, "note": logged.note}
    notification_create(
        recipient=member,
        community=logged.community,
        kind=Kind.MODERATION,
        text=text,
        dedupe_key=f"moderation:{logged.pk}",
        actor=logged.moderator,
    )


def trust_raise_if_earned(*, user, community) -> bool:
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
def member_reports_erase(*, user, keep_posts: bool) -> None:
    """Erasure (core.privacy): reports stay for the moderators' record but no longer say
    who made them."""
    Report.objects.filter(reporter=user).update(reporter=None, details="")
