"""The introduction shown at the top of /api/v1/docs: how an app signs in, step by step."""

API_GUIDE = """
The JSON API of an Alongside community. Every request goes to the community's own host name
(for the demo: `http://localhost:8000` for MS, `http://ra.localhost:8000` for RA): the host
decides which community you are talking to.

## Signing in from an app

Accounts are handled by django-allauth's headless API, the "app" client, under
`/_allauth/app/v1/`. Its own specification is served at
[`/_allauth/openapi.json`](/_allauth/openapi.json). An app never needs cookies or a CSRF token:

1. **Sign up**: `POST /_allauth/app/v1/auth/signup` with `{"email": ..., "password": ...}`.
   The answer is `401` with a `meta.session_token` and a pending `verify_email` flow. Keep the
   token: send it as the `X-Session-Token` header on every later request.
2. **Confirm the email**: the member receives an email with a link; the key at the end of the
   link can be sent by the app as `POST /_allauth/app/v1/auth/email/verify` with
   `{"key": ...}` (or the member opens the link in a browser and then logs in).
3. **Log in**: `POST /_allauth/app/v1/auth/login` with `{"email": ..., "password": ...}`. With
   two-factor authentication on, the answer is `401` with a pending `mfa_authenticate` flow:
   `POST /_allauth/app/v1/auth/2fa/authenticate` with `{"code": ...}` (a TOTP code or a
   recovery code). Passkeys: `GET` then `POST /_allauth/app/v1/auth/webauthn/login`.
4. **Call this API** with the header `X-Session-Token: <token>`. Routes marked with a lock need
   it; a missing, expired or revoked token answers `401`.
5. **Devices**: `GET /_allauth/app/v1/auth/sessions` lists the member's signed-in devices and
   browsers; `DELETE` the same path with `{"sessions": [id, ...]}` ends them, which revokes
   their tokens at once. Members see the same list on the web at `/accounts/sessions/`.
6. **Log out**: `DELETE /_allauth/app/v1/auth/session`.
7. **Forgotten password**: `POST /_allauth/app/v1/auth/password/request` with `{"email": ...}`,
   then `POST /_allauth/app/v1/auth/password/reset` with the key from the email and the new
   password.

The web's limits apply to the app too: failed log-ins, sign-ups and password resets are counted
in the same buckets; a refused log-in answers `400` with the code
`too_many_login_attempts`, other refused requests `429`.

Browsers that already have a session cookie may call this API as well, sending the
`X-CSRFToken` header on every request that changes something.

## Conventions

- Errors have one shape: `{"detail": "<what went wrong, in words a member can read>"}`.
- Lists that grow are paged with opaque cursors: pass the `next` value you received as
  `before` (or `cursor`) to get the next page; `next` is `null` on the last page.
- Member content is visible only as its audience allows; anything you may not see answers
  `404`, as if it did not exist.
"""
