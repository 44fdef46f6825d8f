import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string
from django.urls import reverse

from alongside.accounts.services import profile_get_or_create
from alongside.communities.services import membership_create
from alongside.core.addresses import base_url_for
from alongside.core.email_copy import email_compose
from alongside.core.mail import email_queue_message
from alongside.core.ratelimits import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Signing up on a community's site joins that community; new members go to onboarding.
    Account emails are the site's own: they name the community and link to its address as
    the member is using it."""

    def render_mail(self, template_prefix, email, context, headers=None):
        request = context.get("request") or allauth_context.request
        community = getattr(request, "community", None)
        subject = render_to_string(f"{template_prefix}_subject.txt", context, request)
        return email_compose(
            subject=_named(" ".join(subject.splitlines()).strip(), community),
            to=[email] if isinstance(email, str) else list(email),
            template=f"{template_prefix}_message",
            context=context,
            community=community,
            base_url=base_url_for(community) if community is not None else "",
            headers=headers,
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_get_or_create(user=user)
            community = getattr(request, "community", None)
            if community is not None:
                membership_create(user=user, community=community)
        return user

    def get_client_ip(self, request):
        """The address our own rate limits use (settings.TRUSTED_PROXY_COUNT), so that log-in
        limits and ours agree, and a short X-Forwarded-For is no error."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed log-ins count per account and address: a stranger's failures lock only the
        stranger's address out of that account, never the owner's."""
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue allauth's emails (confirmation, password reset, email change, notices) in the
        outbox instead of sending inside the request: a mail server that refuses leaves the
        page answering normally and the email going out when the server is back."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        # The same email rendered twice (a retried request) is queued once; a new request
        # carries a new signed key or code, so it is a new email.
        content = "\n".join([email, str(message.subject), str(message.body)])
        digest = hashlib.sha256(content.encode()).hexdigest()
        email_queue_message(message=message, dedupe_key=f"account:{template_prefix}:{digest}")

    def get_signup_redirect_url(self, request):
        return reverse("onboarding")

    def get_email_verification_redirect_url(self, email_address):
        return reverse("onboarding")

    def get_login_redirect_url(self, request):
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.onboarded_at is None:
            return reverse("onboarding")
        return super().get_login_redirect_url(request)


def _named(subject: str, community) -> str:
    """Every account email names the community it comes from."""
    if community is None or community.name in subject:
        return subject
    return f"{community.name}: {subject}"
