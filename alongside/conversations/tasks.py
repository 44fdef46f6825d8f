"""Notifications for comments and hugs. Idempotent through dedupe keys."""

from django.utils.translation import gettext as _
from django_tasks import task

from alongside.conversations.models import Comment, Reaction
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.teams.selectors import is_blocked_between, name_for, teammate_ids


def _name_for_recipient(recipient, actor, community) -> str:
    teammates = teammate_ids(user=recipient, community=community)
    return name_for(viewer_id=recipient.pk, owner=actor, community=community, teammates=teammates)


def _reachable(recipient, actor, community) -> bool:
    return (
        recipient is not None
        and actor is not None
        and not is_blocked_between(a=recipient, b=actor, community=community)
    )


@task()
def notify_hug(reaction_pk: int) -> None:
    reaction = (
        Reaction.objects.select_related("user__profile", "update__author", "community")
        .filter(pk=reaction_pk, update__isnull=False)
        .first()
    )
    if reaction is None or not _reachable(
        reaction.update.author, reaction.user, reaction.community
    ):
        return
    name = _name_for_recipient(reaction.update.author, reaction.user, reaction.community)
    notification_create(
        recipient=reaction.update.author,
        community=reaction.community,
        kind=Kind.HUG,
        text=_("%(name)s sent you a hug for your update.") % {"name": name},
        dedupe_key=f"hug:{reaction.update_id}:{reaction.user_id}",
        actor=reaction.user,
        url=reaction.update.get_absolute_url(),
    )


@task()
def notify_comment(comment_pk: int) -> None:
    comment = (
        Comment.objects.select_related(
            "author__profile", "update__author", "answer__author", "community"
        )
        .filter(pk=comment_pk)
        .first()
    )
    if comment is None:
        return
    target = comment.update or comment.answer
    if not _reachable(target.author, comment.author, comment.community):
        return
    name = _name_for_recipient(target.author, comment.author, comment.community)
    what = _("your update") if comment.update_id else _("your answer")
    notification_create(
        recipient=target.author,
        community=comment.community,
        kind=Kind.COMMENT,
        text=_("%(name)s commented on %(what)s.") % {"name": name, "what": what},
        dedupe_key=f"comment:{comment.pk}",
        actor=comment.author,
        url=comment.get_absolute_url(),
    )
