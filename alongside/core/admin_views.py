"""The staff console's email report: what is waiting to go out and what failed for good."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.mail import email_retry
from alongside.core.models import EmailStatus, OutboxEmail

SHOWN = 200


def may_see_outbox(user) -> bool:
    """Email addresses are personal data: superusers and staff given the view permission."""
    return bool(user.is_active and user.is_staff and user.has_perm("core.view_outboxemail"))


def outbox_report(request):
    if not may_see_outbox(request.user):
        raise PermissionDenied
    rows = OutboxEmail.objects.only(
        "to", "subject", "status", "attempts", "next_attempt_at", "last_error", "created_at"
    )
    context = {
        "failed": rows.filter(status=EmailStatus.FAILED).order_by("-updated_at")[:SHOWN],
        "waiting": rows.filter(status=EmailStatus.WAITING).order_by("next_attempt_at")[:SHOWN],
        "failed_count": rows.filter(status=EmailStatus.FAILED).count(),
        "waiting_count": rows.filter(status=EmailStatus.WAITING).count(),
        "retry_hours": settings.EMAIL_RETRY_HOURS,
    }
    return TemplateResponse(request, "core/admin/outbox.html", context)


@require_POST
def outbox_retry(request, pk: int):
    if not may_see_outbox(request.user):
        raise PermissionDenied
    if email_retry(pk=pk):
        messages.success(request, _("The email will be sent again in a moment."))
    return redirect("core_outbox")
