"""A phone app's whole journey through clients generated from the two OpenAPI documents.

openapi-python-client builds one client from ninja's /api/v1/openapi.json and one from
allauth's /_allauth/openapi.json; they talk to a live server over HTTP with no cookies (the
jar is emptied before every call), only the X-Session-Token header. Each step prints its
outcome (run with -s, as `make test-client` does).
"""

import importlib
import io
import json
import re
import subprocess
import sys
import time
import typing
import zipfile

import httpx
import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import hotp_value
from django.contrib.auth.models import Group

from alongside.communities.models import Membership
from alongside.conversations.tests.helpers import jpeg_bytes
from alongside.testing.factories import PASSWORD, ProfileFactory
from alongside.treatments.knowledge import seed
from alongside.treatments.services import knowledge_base_load

pytestmark = [pytest.mark.client, pytest.mark.django_db(transaction=True)]

CONFIG = """post_hooks: []
content_type_overrides:
  image/jpeg: application/octet-stream
  image/png: application/octet-stream
  application/zip: application/octet-stream
"""


def _generate(schema_url: str, folder, package: str):
    spec = folder / f"{package}.json"
    spec.write_text(httpx.get(schema_url, timeout=300).text)
    config = folder / "config.yaml"
    config.write_text(CONFIG)
    command = [
        sys.executable.replace("python", "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(config),
        "--output-path",
        str(folder / package),
        "--meta",
        "none",
        "--overwrite",
    ]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (our own venv's tool)
    sys.path.insert(0, str(folder))
    return importlib.import_module(package)


class Device:
    """One phone: a generated client for each API, the session token in a header, no cookies."""

    def __init__(self, name: str, base_url: str, ninja, allauth):
        self.name = name
        self.base_url = base_url
        self.ninja, self.allauth = ninja, allauth
        self.token: str | None = None
        self.cookies_offered: list[str] = []

    def _client(self, package):
        headers = {"X-Session-Token": self.token} if self.token else {}
        hooks = {"response": [self._note_cookies]}
        client = package.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(300),
            httpx_args={"event_hooks": hooks},
        )
        client.get_httpx_client().cookies.clear()
        return client

    def _note_cookies(self, response: httpx.Response) -> None:
        self.cookies_offered += response.headers.get_list("set-cookie")

    def call(self, operation: str, **kwargs):
        """Call a generated operation ('tag.function'); JSON bodies given as dicts."""
        package = self.allauth if operation.startswith("allauth:") else self.ninja
        tag, name = operation.removeprefix("allauth:").split(".")
        module = importlib.import_module(f"{package.__name__}.api.{tag}.{name}")
        hints = typing.get_type_hints(module.sync_detailed)
        if isinstance(kwargs.get("body"), dict):
            kwargs["body"] = _model(hints["body"]).from_dict(kwargs["body"])
        client = self._client(package)
        # The generated request, sent by the generated client; the answer read as JSON here
        # (allauth's published spec lists fewer flow ids than it answers, e.g.
        # mfa_login_webauthn, so its generated models refuse a real 401).
        response = client.get_httpx_client().request(**module._get_kwargs(**kwargs))
        assert not client.get_httpx_client().cookies, "no call may rely on a cookie"
        data = json.loads(response.content) if _is_json(response) else None
        token = (
            (data or {}).get("meta", {}).get("session_token") if isinstance(data, dict) else None
        )
        self.token = token or self.token
        return response.status_code, data, response.content


def _model(hint):
    args = [arg for arg in typing.get_args(hint) if hasattr(arg, "from_dict")]
    return args[0] if args else hint


def _is_json(response) -> bool:
    return bool(response.content) and response.content[:1] in (b"{", b"[")


def _step(text: str, status: int, outcome: str = "") -> None:
    print(f"  {text:<52} {status}  {outcome}".rstrip())


def _totp(secret: str) -> str:
    """A code from a period no code was used in yet (allauth refuses a code twice)."""
    period = mfa_settings.TOTP_PERIOD
    time.sleep(period - time.time() % period + 0.5)
    return f"{hotp_value(secret, int(time.time()) // period):06d}"


@pytest.fixture
def friend(community, make_member):
    user = make_member(display_name="Robin")
    Membership.objects.filter(user=user).update(trust_level=1)
    return user


def test_a_generated_client_drives_a_whole_journey_without_cookies(
    live_server, community, friend, mailoutbox, tmp_path, settings
):
    # Codes change every 5 s instead of 30: each fresh code (allauth refuses one twice) is a
    # shorter wait; the live server runs in this process, so it reads the same setting.
    settings.MFA_TOTP_PERIOD = 5
    reviewer = ProfileFactory(display_name="Dr Ada Reviewer").user
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    knowledge_base_load(kb=seed(), reviewer=reviewer)
    base = live_server.url
    ninja = _generate(f"{base}/api/v1/openapi.json", tmp_path, "alongside_api")
    allauth = _generate(f"{base}/_allauth/openapi.json", tmp_path, "allauth_app")
    print("\nGenerated clients:", ninja.__name__, allauth.__name__)
    phone = Device("phone", base, ninja, allauth)
    pal = Device("friend", base, ninja, allauth)
    email = "journey@example.org"
    password = "a long and unusual phrase 42"

    status, data, _ = phone.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_signup",
        body={"email": email, "password": password},
    )
    pending = [f["id"] for f in data["data"]["flows"] if f.get("is_pending")]
    _step("sign up", status, f"pending: {pending}")
    assert status == 401 and pending == ["verify_email"]

    key = re.search(r"/accounts/confirm-email/(\S+?)/", mailoutbox[-1].body).group(1)
    status, data, _ = phone.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_email_verify",
        body={"key": key},
    )
    _step("confirm the email (key from the email)", status, "signed in")
    assert status == 200 and data["meta"]["is_authenticated"]

    status, data, _ = phone.call("community.community_join")
    _step("join the community", status, f"onboarding: {data['onboarding_step']}")
    assert status == 201
    # Past the new-member stage, as a moderator or time would make it, so posts publish.
    Membership.objects.filter(user__email=email).update(trust_level=1)

    # Turning on two-factor sign-in asks for the password again (a code from the email is not
    # a recent authentication), as the web's settings page does.
    status, data, _ = phone.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_reauthenticate",
        body={"password": password},
    )
    _step("confirm the password before two-factor", status)
    assert status == 200
    status, data, _ = phone.call(
        "allauth:account_2fa.get_allauth_app_v1_account_authenticators_totp"
    )
    secret = data["meta"]["secret"]
    status, data, _ = phone.call(
        "allauth:account_2fa.post_allauth_app_v1_account_authenticators_totp",
        body={"code": _totp(secret)},
    )
    _step("activate TOTP", status, data["data"]["type"])
    assert status == 200

    status, _, _ = phone.call(
        "allauth:authentication_current_session.delete_allauth_app_v1_auth_session"
    )
    _step("log out", status, "token revoked")
    assert status == 401
    phone.token = None
    status, data, _ = phone.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_login",
        body={"email": email, "password": password},
    )
    pending = [f["id"] for f in data["data"]["flows"] if f.get("is_pending")]
    _step("log in with the password", status, f"pending: {pending}")
    assert pending == ["mfa_authenticate"]
    status, data, _ = phone.call(
        "allauth:authentication_2fa.post_allauth_app_v1_auth_2fa_authenticate",
        body={"code": _totp(secret)},
    )
    _step("log in with a TOTP code", status, "signed in")
    assert status == 200 and data["meta"]["is_authenticated"]

    status, data, _ = phone.call(
        "me.me_profile_edit",
        body={"display_name": "Journey", "about": "New here.", "region": "Bristol"},
    )
    _step("set up the profile", status, f"name {data['name']}, region {data['region']}")
    assert status == 200
    status, data, _ = phone.call("me.me_privacy_read")
    audiences = {**data, "region_audience": "team", "avatar_audience": "members"}
    status, data, _ = phone.call("me.me_privacy_update", body=audiences)
    _step("choose audiences", status, f"region -> {data['region_audience']}")
    assert status == 200

    body = _model(
        typing.get_type_hints(
            importlib.import_module(
                "alongside_api.api.conversations.conversations_update_create_with_pictures"
            ).sync_detailed
        )["body"]
    )
    files = importlib.import_module("alongside_api.types").File
    update_body = body(
        body="First walk in weeks.",
        alt_text=["A path through a wood"],
        pictures=[files(payload=io.BytesIO(jpeg_bytes()), file_name="walk.jpg")],
    )
    status, data, _ = phone.call(
        "conversations.conversations_update_create_with_pictures", body=update_body
    )
    update_id = data["id"]
    _step(
        "post an update with a picture",
        status,
        f"update {update_id}, {len(data['pictures'])} picture",
    )
    assert status == 201 and data["pictures"]

    pal.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_login",
        body={"email": friend.email, "password": PASSWORD},
    )
    status, data, _ = pal.call(
        "conversations.conversations_comment_create", pk=update_id, body={"body": "Well done!"}
    )
    _step("a friend comments on it", status)
    status, data, _ = pal.call("conversations.conversations_react", pk=update_id, kind="hug")
    _step("a friend hugs it", status, f"hugs {data['hug_count']}")
    status, data, _ = phone.call(
        "conversations.conversations_comment_create", pk=update_id, body={"body": "Thank you!"}
    )
    _step("comment", status)
    assert status == 201

    status, data, _ = pal.call(
        "questions.questions_question_ask",
        body={"title": "How do you pace a walk?", "body": "Tips welcome."},
    )
    question_id = data["id"]
    status, data, _ = phone.call(
        "questions.questions_answer_create",
        pk=question_id,
        body={"body": "Short loops close to home."},
    )
    _step("a friend asks; answer", status, f"answer {data['id']}")
    assert status == 201

    status, data, _ = phone.call(
        "inbox.inbox_start", body={"public_id": str(friend.public_id), "body": "Hello!"}
    )
    _step("message another member", status)
    assert status == 201

    status, data, _ = phone.call(
        "treatments.treatments_entry_add",
        body={"treatment": "low-dose-naltrexone", "dose": 4.5, "unit": "mg"},
    )
    _step("record LDN", status, data.get("treatment", ""))
    assert status == 201
    status, data, _ = phone.call(
        "treatments.treatments_entry_add",
        body={"treatment": "tramadol", "dose": 50, "unit": "mg"},
    )
    clash = data["clashes"][0]
    _step("record tramadol", status, f"clash: {clash['first']} + {clash['second']}")
    assert status == 409 and clash["severity"]

    status, data, _ = phone.call("notifications.notifications_notification_list")
    _step(
        "read notifications", status, f"{len(data['items'])}: {[n['kind'] for n in data['items']]}"
    )
    assert status == 200 and data["items"]

    tablet = Device("tablet", base, ninja, allauth)
    tablet.call(
        "allauth:authentication_account.post_allauth_app_v1_auth_login",
        body={"email": email, "password": password},
    )
    tablet.call(
        "allauth:authentication_2fa.post_allauth_app_v1_auth_2fa_authenticate",
        body={"code": _totp(secret)},
    )
    status, data, _ = phone.call("allauth:sessions.get_allauth_app_v1_auth_sessions")
    _step("list sessions", status, f"{len(data['data'])} sessions")
    other = next(s["id"] for s in data["data"] if not s["is_current"])
    status, data, _ = phone.call(
        "allauth:sessions.delete_allauth_app_v1_auth_sessions", body={"sessions": [other]}
    )
    ended, _, _ = tablet.call("me.me_my_profile")
    _step("end the tablet's session", status, f"tablet now gets {ended}")
    assert status == 200 and ended == 401

    status, _, content = phone.call("me.me_data_export")
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    _step("export", status, f"ZIP of {len(names)} files")
    assert status == 200 and names

    status, _, _ = phone.call("me.me_account_erase", body={"password": password, "posts": "remove"})
    after, _, _ = phone.call("me.me_my_profile")
    _step("delete the account", status, f"the token then gets {after}")
    assert status == 204 and after == 401
    assert not [c for c in phone.cookies_offered if c.startswith("sessionid")]
