"""Staff console pages of the medical review (registered in wagtail_hooks)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import TaskState

from alongside.articles.selectors import review_outcome_text


def review_done(request, task_state_id: int):
    """Where a reviewer lands after approving or sending back: it says what happened."""
    state = get_object_or_404(TaskState, pk=task_state_id, finished_by=request.user)
    messages.success(request, review_outcome_text(task_state=state))
    return redirect("wagtailadmin_home")
