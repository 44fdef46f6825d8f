"""Staff edit a community's crisis languages and resources in the Wagtail admin."""

import pytest

from alongside.articles.tests.conftest import staff_user

pytestmark = pytest.mark.django_db


def _edit_url(community) -> str:
    return f"/admin/snippets/communities/community/edit/{community.pk}/"


def test_staff_see_the_crisis_language_settings_of_a_community(community, client):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get(_edit_url(community)).content.decode()
    assert "Crisis language" in page and "Screened language" in page
    assert "main language" in page.lower()


def test_members_cannot_reach_the_community_settings(community, make_member, client_for):
    response = client_for(make_member()).get(_edit_url(community))
    assert response.status_code == 403 and "for staff" in response.content.decode()
    assert client_for().get(_edit_url(community)).status_code == 302
