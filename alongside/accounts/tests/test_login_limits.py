"""Failed log-ins are limited per address and per account, so a stranger who knows a member's
email cannot lock the member out; behind a proxy the limits count visitors, not the proxy."""

import pytest

from alongside.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"
STRANGER, OWNER = "203.0.113.66", "198.51.100.23"


def _log_in(client, email: str, password: str, **meta):
    return client.post("/accounts/login/", {"login": email, "password": password}, **meta)


def test_a_stranger_failing_as_the_owner_does_not_lock_the_owner_out(
    community, make_member, client_for
):
    owner = make_member()
    stranger = client_for()
    for _ in range(6):
        refused = _log_in(stranger, owner.email, "a wrong guess", REMOTE_ADDR=STRANGER)
    assert TOO_MANY in refused.content.decode()
    # The stranger stays stopped even with the right password...
    assert (
        TOO_MANY in _log_in(stranger, owner.email, PASSWORD, REMOTE_ADDR=STRANGER).content.decode()
    )
    # ...while the owner, from their own address, logs in.
    response = _log_in(client_for(), owner.email, PASSWORD, REMOTE_ADDR=OWNER)
    assert response.status_code == 302


def test_without_trusted_proxies_a_spoofed_forwarded_for_does_not_buy_more_attempts(
    community, make_member, client_for, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    owner = make_member()
    client = client_for()
    for n in range(6):
        response = _log_in(
            client, owner.email, "wrong", REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
        )
    assert TOO_MANY in response.content.decode()


def test_behind_a_trusted_proxy_the_visitor_is_counted_not_the_proxy(
    community, make_member, client_for, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    owner = make_member()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(6):
        stopped = _log_in(
            client_for(), owner.email, "wrong", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {STRANGER}", **proxy
        )
    assert TOO_MANY in stopped.content.decode()
    # The owner comes through the same proxy, from another address, and gets in.
    response = _log_in(client_for(), owner.email, PASSWORD, HTTP_X_FORWARDED_FOR=OWNER, **proxy)
    assert response.status_code == 302
