"""Every write to private messages. Never to or from someone who blocked you."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.communities.selectors import is_member
from alongside.core.tasks import enqueue_on_commit
from alongside.inbox import tasks
from alongside.inbox.models import Conversation, Message, Participant
from alongside.moderation import policy
from alongside.moderation.services import crisis_screen
from alongside.teams.selectors import is_blocked_between


def _check_reachable(sender, recipient, community) -> None:
    if sender.pk == recipient.pk or not is_member(user=recipient, community=community):
        raise ValidationError(_("You cannot message this member."), code="invalid")
    if is_blocked_between(a=sender, b=recipient, community=community):
        raise ValidationError(
            _("You cannot message this member: one of you has blocked the other."),
            code="blocked",
        )


def conversation_start(*, sender: User, recipient: User, community: Community) -> Conversation:
    """The conversation between two members here, created on first use."""
    if not is_member(user=sender, community=community):
        raise ValidationError(_("Only members can send messages."), code="member")
    _check_reachable(sender, recipient, community)
    low, high = sorted((sender.pk, recipient.pk))
    try:
        with transaction.atomic():
            conversation, created = Conversation.objects.get_or_create(
                community=community, user_low_id=low, user_high_id=high
            )
            if created:
                _participants_create(conversation, sender, recipient)
    except IntegrityError:
        conversation = Conversation.objects.get(
            community=community, user_low_id=low, user_high_id=high
        )
    return conversation


def _participants_create(conversation, a, b) -> None:
    Participant.objects.bulk_create(
        [
            Participant(
                conversation=conversation, user=a, other=b, community_id=conversation.community_id
            ),
            Participant(
                conversation=conversation, user=b, other=a, community_id=conversation.community_id
            ),
        ]
    )


@transaction.atomic
def message_send(*, sender: User, conversation: Conversation, body: str) -> Message:
    other = _other_side(conversation, sender)
    _check_reachable(sender, other.user, conversation.community)
    if not body.strip():
        raise ValidationError(_("Write a message first."), code="empty")
    policy.post_check(user=sender, community=conversation.community, action="message", text=body)
    message = Message.objects.create(conversation=conversation, sender=sender, body=body.strip())
    _bump(conversation, message.created_at, unread_for=other)
    enqueue_on_commit(tasks.notify_message, message.pk)
    message.crisis = crisis_screen(
        text=body, user=sender, community=conversation.community, target=message
    )
    return message


def _other_side(conversation: Conversation, sender) -> Participant:
    sides = {side.user_id: side for side in conversation.participants.all()}
    if sender.pk not in sides or len(sides) != 2:
        raise ValidationError(_("You are not part of this conversation."), code="not_yours")
    return next(side for user_id, side in sides.items() if user_id != sender.pk)


def _bump(conversation, moment, *, unread_for: Participant) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=moment)
    Participant.objects.filter(conversation=conversation).update(last_message_at=moment)
    Participant.objects.filter(pk=unread_for.pk).update(unread_count=F("unread_count") + 1)


def conversation_read(*, user: User, conversation: Conversation) -> None:
    Participant.objects.filter(conversation=conversation, user=user, unread_count__gt=0).update(
        unread_count=0
    )


def conversation_mute(*, user: User, conversation: Conversation, muted: bool) -> None:
    Participant.objects.filter(conversation=conversation, user=user).update(muted=muted)


@transaction.atomic
def member_messages_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): the other member keeps the conversation; what this member
    wrote is anonymised or gone."""
    if keep_posts:
        Message.objects.filter(sender=user).update(sender=None)
    else:
        Message.objects.filter(sender=user).delete()
    Participant.objects.filter(user=user).delete()
