from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

_STAFF_PREFIXES = ("/admin/",)


class StaffMFAMiddleware:
    """Staff (editors, reviewers, community admins) reach the staff console only with MFA set
    up; a signed-in account without staff-console rights is told so plainly (Wagtail would
    send it to the sign-in page, which sends a signed-in account straight back: a loop)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            return render(request, "accounts/staff_only.html", status=403)
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Staff accounts need two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        user = getattr(request, "user", None)
        return bool(
            request.path.startswith(_STAFF_PREFIXES)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user)
        )

    def _refused(self, request) -> bool:
        user = getattr(request, "user", None)
        return bool(
            request.path.startswith(_STAFF_PREFIXES)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        )
