"""How the JSON API knows who is asking: a phone app's session token, or the browser's session.

Apps sign in through allauth's headless API and send the session token it hands out in the
`X-Session-Token` header: no cookie, so no CSRF. Browsers keep using the session cookie, and
ninja's session auth then checks the CSRF token as before.
"""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.http import HttpRequest
from ninja.security import django_auth


class SessionTokenAuth(XSessionTokenAuth):
    """The headless session token; the member becomes `request.user`, as with a cookie."""

    # allauth declares only the type; OpenAPI also needs where the key goes, or the document
    # is invalid (Schemathesis refuses it) and clients cannot tell which header to send.
    openapi_in = "header"
    openapi_name = "X-Session-Token"

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if user is not None:
            request.user = user
        return user


session_token_auth = SessionTokenAuth()

# Token first: a request that carries one is an app's, whatever cookies it also sends.
member_auth = [session_token_auth, django_auth]
