"""The one way Alongside sends email: a durable outbox, delivered after commit and retried.

`email_queue` writes a row in the caller's transaction; once that commits, a task delivers
it. Delivery leases the row, hands it to Django's email backend and marks it sent only after
the server accepted it. A temporary refusal (4xx, a refused or dropped connection) is retried
with exponential backoff for EMAIL_RETRY_HOURS; a permanent one (5xx) is kept as failed for
staff to see (Reports > Emails, and /metrics). The worker's sweep picks up due rows, so a
lost task loses nothing. A duplicate can only happen when the server accepted a message and
the database could not record it before the lease ran out.

Alongside's own senders call `email_queue` with a key that makes a rerun send once. Anything
else that calls Django's send_mail (Wagtail's review notices, for one) reaches the outbox
through `OutboxBackend`, the EMAIL_BACKEND; EMAIL_DELIVERY_BACKEND does the actual sending.
"""

import hashlib
import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from alongside.core.models import EmailStatus, OutboxEmail

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500


def email_queue(
    *,
    to: list[str] | str,
    subject: str,
    text: str,
    dedupe_key: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
) -> OutboxEmail:
    """Queue one email; the same `dedupe_key` again returns the first row and sends nothing.

    Call inside the transaction that decided to send: the row commits with it, and delivery
    starts after the commit.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    sender = from_email or settings.DEFAULT_FROM_EMAIL
    try:
        with transaction.atomic():
            email = OutboxEmail.objects.create(
                dedupe_key=dedupe_key[:255],
                message_id=make_msgid(domain=_domain(sender)),
                from_email=sender,
                to=recipients,
                subject=" ".join(subject.split()),
                text=text,
                html=html,
                headers=dict(headers or {}),
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        return OutboxEmail.objects.get(dedupe_key=dedupe_key[:255])
    transaction.on_commit(lambda: _deliver_soon(email.pk))
    return email


def email_queue_message(*, message: EmailMessage, dedupe_key: str) -> OutboxEmail:
    """Queue an email built as a Django message (its text, HTML part and headers; To only)."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    return email_queue(
        to=list(message.to),
        subject=str(message.subject),
        text=str(message.body),
        html=str(html),
        headers={key: str(value) for key, value in message.extra_headers.items()},
        from_email=message.from_email,
        dedupe_key=dedupe_key,
    )


class OutboxBackend(BaseEmailBackend):
    """EMAIL_BACKEND: a message sent with Django's mail API is queued, one row per recipient
    (so nobody sees a Bcc), and the same message again within an hour is queued once."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            for recipient in message.recipients():
                single = EmailMultiAlternatives(
                    subject=message.subject,
                    body=message.body,
                    from_email=message.from_email,
                    to=[recipient],
                    headers=message.extra_headers,
                    alternatives=getattr(message, "alternatives", None),
                )
                content = "\n".join([recipient, str(message.subject), str(message.body)])
                fingerprint = hashlib.sha256(content.encode()).hexdigest()
                email_queue_message(
                    message=single, dedupe_key=window_key("mail", fingerprint, seconds=3600)
                )
        return len(email_messages)


def window_key(*parts: object, seconds: int) -> str:
    """A dedupe key shared by every request in the same window of `seconds` (so a form sent
    again and again, or a task run twice, queues one email per window). Build it when the
    decision is taken and pass it to the task, so a rerun later uses the same key."""
    window = int(timezone.now().timestamp()) // seconds
    return ":".join(str(part) for part in (*parts, window))


def _domain(sender: str) -> str:
    return parseaddr(sender)[1].rpartition("@")[2] or "alongside.localhost"


def _deliver_soon(pk: int) -> None:
    from alongside.core.tasks import email_deliver_task

    try:
        email_deliver_task.enqueue(pk)
    except Exception:
        # The row is committed: the worker's sweep sends it even when the queue is unreachable.
        logger.warning("Could not enqueue delivery of email %s; the sweep will send it", pk)


def retry_delay(attempt: int) -> timedelta:
    """The wait after the `attempt`-th failed try: 1, 2, 4 ... minutes, at most an hour."""
    seconds = settings.EMAIL_RETRY_FIRST_DELAY * 2 ** max(attempt - 1, 0)
    return timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_DELAY))


def email_deliver(*, pk: int) -> str | None:
    """Try to send one queued email now; the status it is left in, None when not due or leased.

    Call outside a transaction: the lease must be visible to other workers before sending.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.EMAIL_LEASE_SECONDS)
    leased = OutboxEmail.objects.filter(
        Q(leased_until=None) | Q(leased_until__lt=now),
        pk=pk,
        status=EmailStatus.WAITING,
        next_attempt_at__lte=now,
    ).update(leased_until=now + lease, attempts=F("attempts") + 1)
    if not leased:
        return None
    email = OutboxEmail.objects.get(pk=pk)
    try:
        _send(email)
    except Exception as error:
        return _record_failure(email, error)
    OutboxEmail.objects.filter(pk=pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), leased_until=None, last_error=""
    )
    return EmailStatus.SENT


def _send(email: OutboxEmail) -> None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=email.from_email,
        to=email.to,
        headers={**email.headers, "Message-ID": email.message_id},
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False),
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    message.send()


def _record_failure(email: OutboxEmail, error: Exception) -> str:
    described = f"{type(error).__name__}: {error}"[:2000]
    gave_up = timezone.now() - email.created_at > timedelta(hours=settings.EMAIL_RETRY_HOURS)
    if is_permanent_failure(error) or gave_up:
        logger.error(
            "Email %s failed for good after %s tries: %s", email.pk, email.attempts, described
        )
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, leased_until=None, last_error=described
        )
        return EmailStatus.FAILED
    logger.warning(
        "Email %s not sent (try %s), will retry: %s", email.pk, email.attempts, described
    )
    OutboxEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() + retry_delay(email.attempts),
        leased_until=None,
        last_error=described,
    )
    return EmailStatus.WAITING


def is_permanent_failure(error: Exception) -> bool:
    """A 5xx answer about this message; anything else (4xx, network, log-in) may pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPAuthenticationError | smtplib.SMTPConnectError):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def email_outbox_sweep(*, limit: int = SWEEP_BATCH) -> int:
    """Deliver queued emails that are due and not leased; the number sent."""
    now = timezone.now()
    due = OutboxEmail.objects.filter(
        Q(leased_until=None) | Q(leased_until__lt=now),
        status=EmailStatus.WAITING,
        next_attempt_at__lte=now,
    ).order_by("next_attempt_at")
    pks = list(due.values_list("pk", flat=True)[:limit])
    return sum(email_deliver(pk=pk) == EmailStatus.SENT for pk in pks)


def email_outbox_prune(*, now=None) -> int:
    """Forget emails sent more than EMAIL_KEEP_SENT_DAYS ago (their dedupe keys with them:
    no task reruns that late); failed ones stay until staff deal with them."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EMAIL_KEEP_SENT_DAYS)
    deleted, _by_model = OutboxEmail.objects.filter(
        status=EmailStatus.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted


def email_retry(*, pk: int) -> bool:
    """Staff send a failed email again (after fixing an address or the server)."""
    return bool(
        OutboxEmail.objects.filter(pk=pk, status=EmailStatus.FAILED).update(
            status=EmailStatus.WAITING, next_attempt_at=timezone.now(), leased_until=None
        )
    )
