from django.db import transaction
from django_tasks import task


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue a django-tasks task once the surrounding transaction commits (or now)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


@task()
def email_deliver_task(pk: int) -> str | None:
    """Send one queued email (alongside/core/mail.py); running twice sends it once."""
    from alongside.core.mail import email_deliver

    return email_deliver(pk=pk)
