"""Every action a member can take on the web has a JSON API route (or a stated reason not to).

The test walks Django's URL resolver, so a web route added later without an API counterpart
(or a reason) fails here. API routes are checked against the OpenAPI document, and headless
account routes against allauth's own specification.
"""

import pytest
from allauth.headless.spec.internal.schema import get_schema
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api

# Web route name -> "METHOD /api/v1/path" (ninja), "METHOD /_allauth/app/v1/path" (headless),
# or "-- reason" when there is deliberately no API route.
PARITY = {
    # Accounts and devices: allauth's headless API.
    "account_login": "POST /_allauth/app/v1/auth/login",
    "account_logout": "DELETE /_allauth/app/v1/auth/session",
    "account_signup": "POST /_allauth/app/v1/auth/signup",
    "account_inactive": "-- a page telling a deactivated account it cannot log in",
    "account_reauthenticate": "POST /_allauth/app/v1/auth/reauthenticate",
    "account_email": "GET /_allauth/app/v1/account/email",
    "account_email_verification_sent": "-- a page saying a confirmation email was sent",
    "account_confirm_email": "POST /_allauth/app/v1/auth/email/verify",
    "account_change_password": "POST /_allauth/app/v1/account/password/change",
    "account_set_password": "POST /_allauth/app/v1/account/password/change",
    "account_reset_password": "POST /_allauth/app/v1/auth/password/request",
    "account_reset_password_done": "-- a page saying the reset email was sent",
    "account_reset_password_from_key": "POST /_allauth/app/v1/auth/password/reset",
    "account_reset_password_from_key_done": "-- a page saying the password was changed",
    "account_confirm_login_code": "POST /_allauth/app/v1/auth/code/confirm",
    "mfa_index": "GET /_allauth/app/v1/account/authenticators",
    "mfa_authenticate": "POST /_allauth/app/v1/auth/2fa/authenticate",
    "mfa_reauthenticate": "POST /_allauth/app/v1/auth/2fa/reauthenticate",
    "mfa_activate_totp": "POST /_allauth/app/v1/account/authenticators/totp",
    "mfa_deactivate_totp": "DELETE /_allauth/app/v1/account/authenticators/totp",
    "mfa_view_recovery_codes": "GET /_allauth/app/v1/account/authenticators/recovery-codes",
    "mfa_generate_recovery_codes": "POST /_allauth/app/v1/account/authenticators/recovery-codes",
    "mfa_download_recovery_codes": "GET /_allauth/app/v1/account/authenticators/recovery-codes",
    "mfa_list_webauthn": "GET /_allauth/app/v1/account/authenticators/webauthn",
    "mfa_add_webauthn": "POST /_allauth/app/v1/account/authenticators/webauthn",
    "mfa_reauthenticate_webauthn": "POST /_allauth/app/v1/auth/webauthn/reauthenticate",
    "mfa_remove_webauthn": "DELETE /_allauth/app/v1/account/authenticators/webauthn",
    "mfa_edit_webauthn": "PUT /_allauth/app/v1/account/authenticators/webauthn",
    "mfa_login_webauthn": "POST /_allauth/app/v1/auth/webauthn/login",
    "usersessions_list": "GET /_allauth/app/v1/auth/sessions",
    "settings_devices": "DELETE /_allauth/app/v1/auth/sessions",
    # The member's own account and profile.
    "join": "POST /api/v1/community/join",
    "onboarding": "GET /api/v1/me/onboarding",
    "onboarding_step": "POST /api/v1/me/onboarding/{step}",
    "profile_picture": "GET /api/v1/community/members/{public_id}/picture",
    "settings_profile": "PATCH /api/v1/me/profile",
    "settings_privacy": "PUT /api/v1/me/privacy",
    "settings_data": "-- navigation: a page linking to the export and to erasure",
    "data_export": "POST /api/v1/me/export",
    "account_delete": "POST /api/v1/me/delete",
    # Pages that are only navigation, operators' endpoints, or for visitors without an account.
    "home": "GET /api/v1/community",
    "healthz": "-- liveness for load balancers, not a member action",
    "metrics": "-- Prometheus metrics for operators",
    "community_theme": "-- the community's colours as CSS for the web pages",
    "display_preferences": "-- text size and theme of this browser; apps follow the phone's",
    "wagtail_serve": "GET /api/v1/articles",
    "<slug:library>/<slug:slug>/": "GET /api/v1/articles/{slug}",
    "resources": "GET /api/v1/articles",
    "articles:feed": "-- an Atom feed for feed readers; apps use GET /api/v1/articles",
    "articles:guest_start": "-- for visitors without an account (a member comments as themselves)",
    "articles:guest_confirm": "-- opened from the guest's email; visitors without an account",
    "articles:comment_create": "POST /api/v1/articles/{slug}/comments",
    "newsletter:subscribe": "POST /api/v1/newsletter/subscribe",
    "newsletter:preferences": "PUT /api/v1/newsletter/preferences",
    "newsletter:thanks": "-- the page shown after signing up",
    "newsletter:confirm": "-- opened from the confirmation email, which carries its own token",
    "newsletter:unsubscribe": "-- one-click unsubscribe from an email (RFC 8058)",
    "notifications:unsubscribe": "-- one-click unsubscribe from an email (RFC 8058)",
    # The members' network.
    "profile": "GET /api/v1/community/members/{public_id}",
    "conversations:feed": "GET /api/v1/updates",
    "conversations:update_create": "POST /api/v1/updates",
    "conversations:draft_save": "-- autosave of the web form; apps keep drafts on the device",
    "conversations:update": "GET /api/v1/updates/{pk}",
    "conversations:react": "POST /api/v1/updates/{pk}/reactions/{kind}",
    "conversations:comment_create": "POST /api/v1/updates/{pk}/comments",
    "conversations:update_edit": "PUT /api/v1/updates/{pk}",
    "conversations:update_delete": "DELETE /api/v1/updates/{pk}",
    "conversations:picture": "GET /api/v1/updates/{pk}/pictures/{picture_pk}/{size}",
    "conversations:comment_delete": "DELETE /api/v1/updates/comments/{pk}",
    "conversations:comment_quote_consent": "PUT /api/v1/updates/comments/{pk}/quoting",
    "teams:team": "GET /api/v1/teams",
    "teams:request_send": "POST /api/v1/teams/requests",
    "teams:request_answer": "POST /api/v1/teams/requests/{pk}/{action}",
    "teams:block": "POST /api/v1/teams/blocks",
    "teams:unblock": "DELETE /api/v1/teams/blocks/{public_id}",
    "teams:member_remove": "DELETE /api/v1/teams/members/{public_id}",
    "questions:list": "GET /api/v1/questions",
    "questions:ask": "POST /api/v1/questions",
    "questions:similar": "GET /api/v1/questions/similar",
    "questions:detail": "GET /api/v1/questions/{pk}",
    "questions:answer_create": "POST /api/v1/questions/{pk}/answers",
    "questions:helpful": "POST /api/v1/questions/answers/{pk}/helpful",
    "questions:comment_create": "POST /api/v1/questions/answers/{pk}/comments",
    "questions:best_answer": "PUT /api/v1/questions/{pk}/best",
    "inbox:list": "GET /api/v1/messages",
    "inbox:start": "POST /api/v1/messages/start",
    "inbox:conversation": "GET /api/v1/messages/{pk}",
    "inbox:mute": "PUT /api/v1/messages/{pk}/mute",
    "notifications:list": "GET /api/v1/notifications",
    "notifications:mark_all_read": "POST /api/v1/notifications/read",
    "notifications:open": "POST /api/v1/notifications/{pk}/read",
    "notifications:settings": "PUT /api/v1/notifications/settings",
    "moderation:queue": "GET /api/v1/moderation/queue",
    "moderation:act": "POST /api/v1/moderation/actions",
    "moderation:report": "POST /api/v1/moderation/reports",
    "moderation:log": "GET /api/v1/moderation/log",
    "moderation:guests": "DELETE /api/v1/moderation/guest-blocks/{pk}",
    "moderation:team": "POST /api/v1/moderation/team",
    "moderation:support": "GET /api/v1/moderation/support",
    "treatments:check": "GET /api/v1/treatments/check",
    "treatments:mine": "GET /api/v1/treatments/mine",
    "treatments:detail": "GET /api/v1/treatments/{slug}",
    "treatments:list": "GET /api/v1/treatments",
    "treatments:search": "GET /api/v1/treatments/search",
    "treatments:add": "GET /api/v1/treatments/search",
    "treatments:add_treatment": "POST /api/v1/treatments/mine",
    "treatments:edit": "PUT /api/v1/treatments/mine/{pk}",
    "treatments:delete": "DELETE /api/v1/treatments/mine/{pk}",
    "search:results": "GET /api/v1/search",
    # The journal (its own API, by the journal's engineer).
    "journal:mine": "GET /api/v1/journal/today",
    "journal:home": "GET /api/v1/journal/{jid}",
    "journal:checkin": "PUT /api/v1/journal/{jid}/checkins/{day}",
    "journal:symptoms": "PUT /api/v1/journal/{jid}/symptoms",
    "journal:relapses": "GET /api/v1/journal/{jid}/relapses",
    "journal:relapse_new": "POST /api/v1/journal/{jid}/relapses",
    "journal:relapse_edit": "PUT /api/v1/journal/{jid}/relapses/{pk}",
    "journal:relapse_delete": "DELETE /api/v1/journal/{jid}/relapses/{pk}",
    "journal:trends": "GET /api/v1/journal/{jid}/trends",
    "journal:questionnaires": "GET /api/v1/journal/{jid}/questionnaires",
    "journal:questionnaire": "POST /api/v1/journal/{jid}/questionnaires/{code}",
    "journal:questions": "POST /api/v1/journal/{jid}/questions",
    "journal:question_save": "POST /api/v1/journal/{jid}/questions",
    "journal:question_update": "PATCH /api/v1/journal/{jid}/questions/{pk}",
    "journal:summaries": "POST /api/v1/journal/{jid}/summaries",
    "journal:summary": "GET /api/v1/journal/{jid}/summaries/{pk}",
    "journal:summary_pdf": "-- the printable PDF of GET /api/v1/journal/{jid}/summaries/{pk}",
    "journal:summary_share": "POST /api/v1/journal/{jid}/summaries/{pk}/links",
    "journal:link_revoke": "DELETE /api/v1/journal/{jid}/links/{pk}",
    "journal:shared": "-- opened by a clinician without an account, with the share link's token",
    "journal:carers": "POST /api/v1/journal/{jid}/carers",
    "journal:carer_change": "PATCH /api/v1/journal/{jid}/carers/{pk}",
    "journal:carer_accept": "POST /api/v1/journal/carers/accept",
    "journal:activity": "GET /api/v1/journal/{jid}/activity",
    "journal:settings": "PATCH /api/v1/journal/{jid}/settings",
    "readyz": "-- readiness for load balancers, not a member action",
    "articles:comment_picture": "-- the picture_url of GET /api/v1/articles/{slug}/comments",
}

# Prefixes that are not member actions at all: the staff console, the APIs themselves,
# Wagtail's own helpers, files and feeds.
NOT_MEMBER_FACING = ("admin/", "_allauth/", "api/v1/", "^api/", "_util/", "sitemap.xml", "^media/")


def _web_routes(resolver=None, prefix: str = "", namespace: str = ""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _web_routes(entry, path, inner)
        elif isinstance(entry, URLPattern) and not path.startswith(NOT_MEMBER_FACING):
            yield path, namespace + (entry.name or ""), entry


def _operations(schema: dict) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }


@pytest.fixture(scope="module")
def operations():
    return _operations(api.get_openapi_schema()) | _operations(get_schema())


def test_every_member_facing_web_route_has_an_api_route_or_a_reason(operations):
    missing = []
    for path, name, _view in _web_routes():
        target = PARITY.get(name) or PARITY.get(path)
        if target is None:
            missing.append(f"{path} ({name or 'unnamed'})")
        elif not target.startswith("--") and target not in operations:
            missing.append(f"{path} -> {target} (no such API route)")
    assert not missing, "No API counterpart or reason for:\n" + "\n".join(sorted(missing))
