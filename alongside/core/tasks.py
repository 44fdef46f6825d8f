from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue a django-tasks task once the surrounding transaction commits (or now)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
