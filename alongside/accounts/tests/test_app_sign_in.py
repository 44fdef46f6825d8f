"""Phone apps sign in through allauth's headless API and call the JSON API with a token only."""

import json
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.test import Client

from alongside.core.mail import email_outbox_sweep
from alongside.testing.factories import PASSWORD

APP = "/_allauth/app/v1"


class App:
    """A phone app: never keeps a cookie, sends its session token in a header."""

    def __init__(self, host: str = "localhost"):
        self.host = host
        self.token: str | None = None

    def call(self, method: str, path: str, data=None):
        client = Client(HTTP_HOST=self.host, enforce_csrf_checks=True)
        headers = {"X-Session-Token": self.token} if self.token else {}
        if data is None:
            response = getattr(client, method)(path, headers=headers)
        else:
            response = getattr(client, method)(
                path, json.dumps(data), content_type="application/json", headers=headers
            )
        answer = response.json() if response.content else {}
        token = answer.get("meta", {}).get("session_token") if isinstance(answer, dict) else None
        self.token = token or self.token
        return response, answer


def _pending(answer) -> list[str]:
    return [flow["id"] for flow in answer["data"]["flows"] if flow.get("is_pending")]


def test_it_signs_up_confirms_the_email_by_its_link_and_calls_the_api(community, mailoutbox):
    app = App()
    response, answer = app.call(
        "post",
        f"{APP}/auth/signup",
        {
            "email": "new.app.member@example.org",
            "password": "a long and unusual phrase 42",
        },
    )
    assert response.status_code == 401 and _pending(answer) == ["verify_email"]
    email_outbox_sweep()  # what the task worker does with the queued confirmation
    link = re.search(r"http://\S+/accounts/confirm-email/(\S+?)/", mailoutbox[-1].body)
    response, answer = app.call("post", f"{APP}/auth/email/verify", {"key": link.group(1)})
    assert response.status_code == 200 and answer["meta"]["is_authenticated"]
    response, answer = app.call("get", "/api/v1/me/profile")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_the_api_refuses_a_request_without_a_token_or_with_a_made_up_one(community):
    app = App()
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 401
    app.token = "not-a-real-token"
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 401


def test_it_logs_in_with_a_totp_code_when_two_factor_is_on(community, make_member):
    user = make_member()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    app = App()
    response, answer = app.call(
        "post",
        f"{APP}/auth/login",
        {
            "email": user.email,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 401 and _pending(answer) == ["mfa_authenticate"]
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 401
    wrong = app.call("post", f"{APP}/auth/2fa/authenticate", {"code": "000000"})[0]
    assert wrong.status_code == 400
    code = f"{hotp_value(secret, _counter()):06d}"
    response, answer = app.call("post", f"{APP}/auth/2fa/authenticate", {"code": code})
    assert response.status_code == 200 and answer["meta"]["is_authenticated"]
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 200


def _counter() -> int:
    import time

    from allauth.mfa import app_settings

    return int(time.time()) // app_settings.TOTP_PERIOD


def test_a_token_can_post_without_csrf_while_a_browser_session_still_needs_it(
    community, make_member, client_for
):
    user = make_member()
    app = App()
    app.call("post", f"{APP}/auth/login", {"email": user.email, "password": PASSWORD})
    response, _ = app.call("post", "/api/v1/updates", {"body": "Posted from my phone"})
    assert response.status_code == 201
    browser = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    browser.force_login(user)
    refused = browser.post(
        "/api/v1/updates", {"body": "No CSRF token"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_ending_a_session_from_another_device_revokes_its_token_at_once(community, make_member):
    user = make_member()
    phone, tablet = App(), App()
    for device in (phone, tablet):
        device.call("post", f"{APP}/auth/login", {"email": user.email, "password": PASSWORD})
    response, answer = phone.call("get", f"{APP}/auth/sessions")
    assert response.status_code == 200 and len(answer["data"]) == 2
    other = next(s["id"] for s in answer["data"] if not s["is_current"])
    response, answer = phone.call("delete", f"{APP}/auth/sessions", {"sessions": [other]})
    assert response.status_code == 200 and len(answer["data"]) == 1
    assert tablet.call("get", "/api/v1/me/profile")[0].status_code == 401
    assert phone.call("get", "/api/v1/me/profile")[0].status_code == 200


def test_logging_out_revokes_the_token(community, make_member):
    user = make_member()
    app = App()
    app.call("post", f"{APP}/auth/login", {"email": user.email, "password": PASSWORD})
    assert app.call("delete", f"{APP}/auth/session")[0].status_code == 401
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 401


def test_a_member_sees_and_ends_app_sessions_on_the_web(community, make_member, client_for):
    user = make_member()
    app = App()
    app.call("post", f"{APP}/auth/login", {"email": user.email, "password": PASSWORD})
    browser = client_for()
    browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = browser.get("/settings/devices/")
    assert page.status_code == 200
    assert page.content.decode().count('class="card device"') == 2
    assert "This device" in page.content.decode()
    app_device = re.search(r'name="device" value="(\d+)"', page.content.decode()).group(1)
    done = browser.post("/settings/devices/", {"device": app_device}, follow=True)
    assert "That device is signed out." in done.content.decode()
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 401
    assert browser.get("/settings/devices/").status_code == 200


def test_a_member_cannot_sign_out_someone_elses_device(community, make_member, client_for):
    owner, stranger = make_member(), make_member()
    app = App()
    app.call("post", f"{APP}/auth/login", {"email": owner.email, "password": PASSWORD})
    _, answer = app.call("get", f"{APP}/auth/sessions")
    device = answer["data"][0]["id"]
    done = client_for(stranger).post("/settings/devices/", {"device": device}, follow=True)
    assert "already ended" in done.content.decode()
    assert app.call("get", "/api/v1/me/profile")[0].status_code == 200


def test_the_devices_page_asks_an_anonymous_visitor_to_log_in(community, client_for):
    response = client_for().get("/settings/devices/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("first", ["app", "web"])
def test_failed_log_ins_share_one_limit_between_the_app_and_the_web(community, make_member, first):
    user = make_member()
    app = App()
    web = Client(HTTP_HOST="localhost")
    wrong = {"email": user.email, "password": "not the password"}
    for _ in range(5):
        if first == "app":
            app.call("post", f"{APP}/auth/login", wrong)
        else:
            web.post("/accounts/login/", {"login": user.email, "password": "nope"})
    _, refused_app = app.call("post", f"{APP}/auth/login", wrong)
    refused_web = web.post("/accounts/login/", {"login": user.email, "password": "nope"})
    assert refused_app["errors"][0]["code"] == "too_many_login_attempts"
    assert "Too many" in refused_web.content.decode()


def test_the_api_docs_explain_how_an_app_signs_in(community, client):
    schema = client.get("/api/v1/openapi.json", HTTP_HOST="localhost").json()
    assert "X-Session-Token" in schema["info"]["description"]
    assert schema["components"]["securitySchemes"]["SessionTokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Session-Token",
    }
    spec = client.get("/_allauth/openapi.json", HTTP_HOST="localhost")
    assert spec.status_code == 200 and "/auth/login" in json.dumps(spec.json()["paths"])


def test_every_headless_path_the_api_guide_names_is_served(community, client):
    guide = client.get("/api/v1/openapi.json", HTTP_HOST="localhost").json()["info"]["description"]
    named = set(re.findall(r"/_allauth/app/v1(/[a-z0-9/_-]+)", guide))
    spec = client.get("/_allauth/openapi.json", HTTP_HOST="localhost").json()
    served = {path.split("/v1", 1)[1] for path in spec["paths"]}
    assert {"/auth/signup", "/auth/reauthenticate", "/auth/sessions"} <= named
    assert named <= served, named - served
