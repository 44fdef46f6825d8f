"""Journal side effects: carers' invitations, check-in reminders and community figures.
Each task is idempotent: a reminder is claimed before it is sent; figures are recomputed at
most weekly."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.core.mail import email_queue_message
from alongside.journal.models import Carer, CarerStatus, Journal
from alongside.journal.selectors import Access


@task()
def carer_invite_send(carer_pk: int, token: str, base_url: str = "") -> None:
    """`base_url`: the address the owner used when inviting (captured when queued)."""
    carer = (
        Carer.objects.select_related("journal__owner__profile", "journal__community__site")
        .filter(pk=carer_pk, status=CarerStatus.INVITED)
        .first()
    )
    if carer is None:
        return
    community = carer.journal.community
    base_url = base_url or base_url_for(community)
    owner = Access(carer.journal, carer.journal.owner).owner_name
    # The subject names the community and the person, never anything from the journal.
    subject = _("%(owner)s invites you to help with their journal on %(community)s") % {
        "owner": owner,
        "community": community.name,
    }
    url = absolute(base_url, reverse("journal:carer_accept", args=[token]))
    _email(
        to=carer.email,
        subject=subject,
        template="carer_invite",
        context={"owner": owner, "url": url},
        community=community,
        base_url=base_url,
        key=f"journal-carer-invite:{carer.pk}",
    )


@task()
def reminders_send() -> int:
    """Run at least hourly: one email per journal whose chosen day and time have come."""
    from alongside.journal.selectors import local_today
    from alongside.journal.services import reminder_claim, reminder_due

    now = timezone.now()
    sent = 0
    journals = (
        Journal.objects.filter(reminder_time__isnull=False, owner__is_active=True)
        .exclude(reminder_days=[])
        .select_related("owner__profile", "community__site")
    )
    for journal in journals.iterator(chunk_size=500):
        today = local_today(journal.owner)
        if not reminder_due(journal=journal, now=now):
            continue
        # The claim and the queued email commit together: a run killed between them loses none.
        with transaction.atomic():
            if reminder_claim(journal=journal, today=today):
                _reminder_send(journal, key=f"journal-reminder:{journal.pk}:{today.isoformat()}")
                sent += 1
    return sent


def _email(
    *, to: str, subject: str, template: str, context: dict, community, base_url: str, key: str
) -> None:
    """The one place the journal sends email: HTML with a plain-text part, queued in the
    outbox under `key`, so a rerun sends it once."""
    message = email_compose(
        subject=subject,
        to=[to],
        template=f"journal/email/{template}",
        context=context,
        community=community,
        base_url=base_url,
    )
    email_queue_message(message=message, dedupe_key=key)


def _reminder_send(journal: Journal, *, key: str) -> None:
    """Subject and first line say only that a check-in is waiting: no symptom, no score."""
    community = journal.community
    base_url = base_url_for(community)
    context = {
        "url": absolute(base_url, reverse("journal:home", args=[journal.public_id])),
        "settings_url": absolute(base_url, reverse("journal:settings", args=[journal.public_id])),
    }
    subject = _("Your check-in on %(community)s") % {"community": community.name}
    _email(
        to=journal.owner.email,
        subject=subject,
        template="reminder",
        context=context,
        community=community,
        base_url=base_url,
        key=key,
    )


@task()
def figures_refresh(community_pk: int, force: bool = False) -> bool:
    from alongside.communities.models import Community
    from alongside.journal.figures import figures_compute

    community = Community.objects.filter(pk=community_pk).first()
    return bool(community) and figures_compute(community=community, force=force)
