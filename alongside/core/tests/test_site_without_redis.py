"""With Redis down the site serves cache misses: pages render, members stay signed in, rate
limits still count, and Redis is used again once it is back."""

import pytest
from django.core.cache import cache

from alongside.testing.factories import PASSWORD
from alongside.testing.outages import resilient_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = resilient_cache(redis_server.url, BREAKER_SECONDS=0)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_server


def test_it_renders_the_anonymous_home_page_with_redis_down(community, client, redis_down):
    response = client.get("/")
    assert response.status_code == 200
    assert community.name in response.content.decode()


def test_it_keeps_a_member_signed_in_when_redis_stops(community, make_member, client, redis_cache):
    user = make_member(display_name="Robin Quill")
    client.force_login(user)
    assert client.get("/feed/").status_code == 200
    redis_cache.stop()
    response = client.get("/feed/")
    assert response.status_code == 200
    assert "Robin Quill" in client.get(f"/members/{user.public_id}/").content.decode()


def test_it_lets_a_member_post_with_redis_down(community, make_member, client, redis_down):
    client.force_login(make_member())
    response = client.post(
        "/feed/new/", {"body": "Written while Redis was away", "audience": "members"}
    )
    assert response.status_code == 302
    assert "Written while Redis was away" in client.get("/feed/").content.decode()


def test_it_logs_a_member_in_with_redis_down(community, make_member, client, redis_down):
    user = make_member()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/feed/").status_code == 200


def test_it_still_limits_failed_log_ins_with_redis_down(community, make_member, client, redis_down):
    user = make_member()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    assert "Too many failed login attempts" in response.content.decode()


def test_it_caches_sessions_in_redis_again_once_it_is_back(
    community, make_member, client, redis_cache
):
    client.force_login(make_member())
    redis_cache.stop()
    client.get("/feed/")
    redis_cache.start()
    client.get("/feed/")
    session_key = client.cookies["sessionid"].value
    assert cache.get(f"django.contrib.sessions.cached_db{session_key}") is not None
