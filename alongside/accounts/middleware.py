from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts.models import User, read_ahead, read_ahead_end
from alongside.communities.selectors import membership_memo_set, membership_with_user

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


class SignedInReadAheadMiddleware:
    """Every page a member sees reads their account (Django's sign-in check) and then their
    membership of this community (the header, the page's rights): two round trips. Here both
    are read in one, before the check asks for the account, which it then takes from here and
    verifies as always (active, the session's password hash). Someone signed in who is not a
    member here costs the two reads as before, the membership known to be missing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ahead = self._read_ahead(request)
        if ahead is None:
            return self.get_response(request)
        token = read_ahead(ahead)
        try:
            return self.get_response(request)
        finally:
            read_ahead_end(token)

    def _read_ahead(self, request) -> User | None:
        community = getattr(request, "community", None)
        session = getattr(request, "session", None)
        if community is None or session is None or "_cached_user" in request.__dict__:
            return None
        try:
            user_id = int(session.get(SESSION_KEY))
        except (TypeError, ValueError):
            return None
        membership = membership_with_user(user_id=user_id, community=community)
        if membership is not None:
            user = membership.user
        else:
            try:
                user = User.objects.get(pk=user_id)
            except User.DoesNotExist:
                return None
        # On request.user, which every page asks with: if the check below refuses the
        # account, request.user is anonymous and the memo is never read.
        membership_memo_set(user=request.user, community=community, membership=membership)
        return user
