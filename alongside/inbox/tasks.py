from django.utils.translation import gettext as _
from django_tasks import task

from alongside.inbox.models import Message, Participant
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.teams.selectors import is_blocked_between, name_for, teammate_ids


@task()
def notify_message(message_pk: int) -> None:
    """Tell the other member, unless they muted the conversation. Idempotent (dedupe key)."""
    message = (
        Message.objects.select_related("sender__profile", "conversation__community")
        .filter(pk=message_pk)
        .first()
    )
    if message is None or message.sender is None:
        return
    community = message.conversation.community
    side = (
        Participant.objects.select_related("user")
        .filter(conversation=message.conversation_id)
        .exclude(user=message.sender)
        .first()
    )
    if side is None or side.muted:
        return
    if is_blocked_between(a=side.user, b=message.sender, community=community):
        return
    teammates = teammate_ids(user=side.user, community=community)
    name = name_for(
        viewer_id=side.user_id, owner=message.sender, community=community, teammates=teammates
    )
    notification_create(
        recipient=side.user,
        community=community,
        kind=Kind.MESSAGE,
        text=_("New message from %(name)s.") % {"name": name},
        dedupe_key=f"message:{message.pk}",
        actor=message.sender,
        url=message.conversation.get_absolute_url(),
    )
