"""The client address behind our proxies: X-Forwarded-For is believed only as far as
settings.TRUSTED_PROXY_COUNT says, for our rate limits, /metrics and allauth alike."""

import pytest
from django.test import RequestFactory

from alongside.core.ratelimits import client_ip

SOCKET = "192.0.2.10"  # the proxy (or the visitor, when there is no proxy)


def _request(forwarded: str | None = None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=SOCKET, **headers)


def test_without_the_setting_a_spoofed_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.5")) == SOCKET
    assert client_ip(_request("203.0.113.5, 198.51.100.7")) == SOCKET


def test_behind_one_proxy_the_address_it_appended_is_the_visitors(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor wrote "6.6.6.6" themselves; nginx appended the address it saw.
    assert client_ip(_request("6.6.6.6, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_second_hop_from_the_right_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("6.6.6.6, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", " , "])
def test_a_missing_or_unreadable_header_falls_back_to_the_socket(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded)) == SOCKET


def test_ipv6_hops_are_read(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"
    assert client_ip(_request("[2001:db8::2]")) == "2001:db8::2"


@pytest.mark.django_db
def test_metrics_trust_a_forwarded_address_only_with_the_setting(community, client_for, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    settings.METRICS_TOKEN = ""
    spoofed = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "10.0.0.5"}
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_for().get("/metrics", **spoofed).status_code == 404
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_for().get("/metrics", **spoofed).status_code == 200
    forged = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "10.0.0.5, 203.0.113.9"}
    assert client_for().get("/metrics", **forged).status_code == 404


@pytest.mark.django_db
def test_newsletter_sign_up_limits_count_visitors_not_the_proxy(community, client_for, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = client_for()

    def subscribe(n: int, visitor: str):
        return client.post(
            "/api/v1/newsletter/subscribe",
            {"email": f"reader{n}@example.org"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    statuses = [subscribe(n, "203.0.113.5").status_code for n in range(11)]
    assert statuses[-1] == 429
    assert subscribe(99, "198.51.100.8").status_code == 202
