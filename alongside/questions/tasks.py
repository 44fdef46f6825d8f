"""Notifications for answers. Idempotent through dedupe keys."""

from django.utils.translation import gettext as _
from django_tasks import task

from alongside.core.models import Visibility
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.questions.models import Answer
from alongside.teams.selectors import is_blocked_between, name_for, teammate_ids


@task()
def notify_answer(answer_pk: int) -> None:
    """Tell the asker someone answered, without quoting the answer (emails may carry this)."""
    answer = (
        Answer.objects.select_related("author__profile", "question__author", "community")
        .filter(pk=answer_pk, visibility=Visibility.PUBLISHED)
        .first()
    )
    if answer is None or answer.question.author is None or answer.author is None:
        return
    asker, community = answer.question.author, answer.community
    if is_blocked_between(a=asker, b=answer.author, community=community):
        return
    teammates = teammate_ids(user=asker, community=community)
    name = name_for(
        viewer_id=asker.pk, owner=answer.author, community=community, teammates=teammates
    )
    notification_create(
        recipient=asker,
        community=community,
        kind=Kind.ANSWER,
        text=_("%(name)s answered your question.") % {"name": name},
        dedupe_key=f"answer:{answer.pk}",
        actor=answer.author,
        url=answer.get_absolute_url(),
    )
