import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_serves_each_community_at_its_own_host(community, other_community):
    ms = Client(HTTP_HOST="localhost").get("/")
    ra = Client(HTTP_HOST="ra.localhost").get("/")
    assert ms.status_code == ra.status_code == 200
    assert "Alongside MS" in ms.text and community.tagline in ms.text
    assert "Alongside RA" in ra.text and other_community.tagline in ra.text


def test_it_serves_the_default_community_at_127_0_0_1(community):
    response = Client(HTTP_HOST="127.0.0.1").get("/")
    assert "Alongside MS" in response.text


def test_it_shows_the_member_count_rounded_down(community, make_member):
    for _ in range(23):
        make_member()
    response = Client(HTTP_HOST="localhost").get("/")
    assert "More than 20 members" in response.text


def test_it_offers_sign_up_to_visitors_and_join_to_members_of_another_community(
    community, other_community, make_member, client_for
):
    assert "/accounts/signup/" in client_for().get("/").text
    ra_member = make_member(other_community)
    page = client_for(ra_member).get("/")
    assert 'action="/join/"' in page.text


def test_an_account_joins_another_community_from_its_site(
    community, other_community, make_member, client_for
):
    ra_member = make_member(other_community)
    response = client_for(ra_member).post("/join/")
    assert response.status_code == 302
    assert ra_member.memberships.filter(community=community).exists()
    community.refresh_from_db()
    assert community.member_count == 1


def test_it_serves_about_privacy_and_terms(community):
    client = Client(HTTP_HOST="localhost")
    for path, title in (("/about/", "About"), ("/privacy/", "Privacy"), ("/terms/", "Terms")):
        response = client.get(path)
        assert response.status_code == 200
        assert title in response.text


def test_the_theme_css_carries_the_community_colour(community, other_community):
    css = Client(HTTP_HOST="ra.localhost").get("/theme.css")
    assert css["Content-Type"].startswith("text/css")
    assert other_community.colour in css.text


def test_visitors_get_the_home_page_from_the_cache(community, django_assert_num_queries):
    client = Client(HTTP_HOST="localhost")
    first = client.get("/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert "Alongside MS" in second.text


def test_members_never_get_a_cached_home_page(community, make_member, client_for):
    client_for().get("/")
    page = client_for(make_member(display_name="Wren")).get("/")
    assert "X-Page-Cache" not in page
    assert "Log out" in page.text
