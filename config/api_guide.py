"""The introduction shown at the top of /api/v1/docs: how an app signs in, step by step."""

API_GUIDE = """
The JSON API of an Alongside community. Every request goes to the community's own host name
(for the demo: `http://localhost:8000` for MS, `http://ra.localhost:8000` for RA): the host
decides which community you are talking to.

## Signing in from an app

Accounts are handled by django-allauth's headless API, the "app" client, under
`/_allauth/app/v1/`. Every request and answer of it is described in its own OpenAPI document,
[`/_allauth/openapi.json`](/_allauth/openapi.json) (allauth's reference:
<https://docs.allauth.org/en/latest/headless/openapi-specification/>). An app never needs
cookies or a CSRF token. The answers of the headless API carry `meta.session_token` when a
session starts, `meta.is_authenticated`, and under `data.flows` the steps still to take (the one
to do next has `"is_pending": true`).

1. **Sign up**: `POST /_allauth/app/v1/auth/signup` with
   `{"email": "sam@example.org", "password": "..."}`. The answer is `401` (not signed in yet)
   with a `meta.session_token` and a pending `verify_email` flow. Keep the token in the phone's
   secure storage and send it as the `X-Session-Token` header on every later request, to both
   APIs.
2. **Confirm the email address**: we email a link,
   `https://<community>/accounts/confirm-email/<key>/`. Either the app takes the key from the
   link (for instance when the phone opens the link in the app) and sends
   `POST /_allauth/app/v1/auth/email/verify` with `{"key": "<key>"}`, still with the token:
   the answer is `200` and the member is signed in. Or the member opens the link in a browser,
   confirms there, and then logs in from the app (step 3). A new email: `POST
   /_allauth/app/v1/auth/email/verify/resend`.
3. **Log in**: `POST /_allauth/app/v1/auth/login` with `{"email": ..., "password": ...}`. The
   answer is `200` with a new `meta.session_token`, or `401` with a pending flow when another
   step is needed: `verify_email` (step 2) or `mfa_authenticate` (step 5). Passkeys:
   `GET /_allauth/app/v1/auth/webauthn/login` for the challenge, then `POST` the same path
   with the credential the phone's passkey API returns.
4. **Turn on two-factor sign-in (TOTP)**, once signed in:
   - Confirm the password first: `POST /_allauth/app/v1/auth/reauthenticate` with
     `{"password": ...}` (changing security settings asks for it when the last sign-in was
     not recent, and a sign-in by the link of step 2 never counts as one).
   - `GET /_allauth/app/v1/account/authenticators/totp` answers `404` while TOTP is off, with
     `meta.secret` and `meta.totp_url` (show the URL as a QR code for the member's
     authenticator app).
   - `POST` the same path with `{"code": "123456"}`, a code from the authenticator app: `200`.
   - `GET /_allauth/app/v1/account/authenticators/recovery-codes` shows the recovery codes;
     ask the member to keep them somewhere safe.
5. **Log in with two-factor on**: the log-in of step 3 answers `401` with a pending
   `mfa_authenticate` flow; send `POST /_allauth/app/v1/auth/2fa/authenticate` with
   `{"code": ...}` (a code from the authenticator app, or a recovery code), same token: `200`.
6. **Call this API** with the header `X-Session-Token: <token>`. Routes marked with a lock need
   it; a missing, expired or revoked token answers `401` (`{"detail": "Unauthorized"}`): sign
   in again. The headless API answers `410` for a token whose session has ended.
7. **Devices and sessions**: `GET /_allauth/app/v1/auth/sessions` lists the member's
   signed-in devices and browsers (`is_current` marks this one); `DELETE` the same path with
   `{"sessions": [id, ...]}` ends them, which revokes their tokens at once. Members see the
   same list on the web at `/accounts/sessions/`.
8. **Log out**: `DELETE /_allauth/app/v1/auth/session`. The answer is `401` (signed out) and
   the token no longer works anywhere; forget it.
9. **Forgotten password**: `POST /_allauth/app/v1/auth/password/request` with `{"email": ...}`,
   then `POST /_allauth/app/v1/auth/password/reset` with the key from the email's link and the
   new password.

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
