import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress

from alongside.accounts.models import MemberCondition, Profile, User
from alongside.accounts.services import member_conditions_set, profile_avatar_set
from alongside.testing import pictures
from alongside.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _reauthenticated(client):
    """Deleting an account asks for the password again, as a member would give it."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client


def test_deleting_an_account_asks_for_the_password_again(community, make_member, client_for):
    response = client_for(make_member()).get("/settings/delete/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]


def test_a_member_downloads_everything_including_pictures(community, make_member, client_for):
    user = make_member(display_name="Juniper", about="Swims on good days")
    member_conditions_set(user=user, slugs=["migraine"])
    profile_avatar_set(profile=user.profile, upload=pictures.png())
    response = client_for(user).post("/settings/data/export/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["profile"]["display_name"] == "Juniper"
    assert data["profile"]["conditions"][0]["icd10cm"] == "G43.909"
    assert any(name.startswith("pictures/profile/") for name in archive.namelist())


def test_export_needs_a_post_from_the_member_themselves(community, client_for):
    assert client_for().post("/settings/data/export/").status_code == 302
    assert client_for().get("/settings/data/export/").status_code in (302, 405)


def test_deleting_an_account_erases_profile_and_conditions(community, make_member, client_for):
    user = make_member(display_name="Juniper")
    member_conditions_set(user=user, slugs=["migraine"])
    client = _reauthenticated(client_for(user))
    response = client.post("/settings/delete/", {"posts": "remove", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not MemberCondition.objects.filter(user_id=user.pk).exists()
    community.refresh_from_db()
    assert community.member_count == 0


def test_keeping_posts_leaves_an_anonymous_inactive_shell(community, make_member, client_for):
    user = make_member(display_name="Juniper")
    email = user.email
    client = _reauthenticated(client_for(user))
    client.post("/settings/delete/", {"posts": "keep", "confirm": "on"})
    shell = User.objects.get(pk=user.pk)
    assert not shell.is_active and email not in shell.email
    assert not Profile.objects.filter(user=shell).exists()
    assert not EmailAddress.objects.filter(email=email).exists()


def test_deleting_without_confirming_keeps_the_account(community, make_member, client_for):
    user = make_member()
    client = _reauthenticated(client_for(user))
    response = client.post("/settings/delete/", {"posts": "keep"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert User.objects.get(pk=user.pk).is_active
