import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(community, make_member):
    user = make_member()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_staff_without_two_factor_are_sent_to_set_it_up(editor, client_for):
    response = client_for(editor).get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"


def test_staff_with_totp_reach_the_staff_console(editor, client_for):
    TOTP.activate(editor, generate_totp_secret())
    assert client_for(editor).get("/admin/").status_code == 200


def test_members_who_are_not_staff_cannot_reach_the_staff_console(
    community, make_member, client_for
):
    response = client_for(make_member()).get("/admin/")
    assert response.status_code == 403 and "for staff" in response.content.decode()


def test_every_member_can_set_up_totp_and_passkeys(community, make_member, client_for):
    page = client_for(make_member()).get("/accounts/2fa/").content.decode()
    assert "/accounts/2fa/totp/activate/" in page
    assert "/accounts/2fa/webauthn/" in page
