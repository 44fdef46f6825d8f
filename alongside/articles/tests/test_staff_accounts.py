"""Adding accounts and giving roles in the staff console: superusers only. A community admin
is sent to the moderation team page, where members who already joined are appointed, and
where the console's groups follow from."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from alongside.accounts.models import User
from alongside.articles.roles import COMMUNITY_ADMINS, EDITORS, MODERATORS
from alongside.articles.tests.conftest import TOTP_SECRET
from alongside.communities.models import StaffRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_console(make_member, client_for, other_community):
    admin = make_member(staff_role=StaffRole.ADMIN)
    TOTP.activate(admin, TOTP_SECRET)
    return client_for(admin)


def test_a_community_admin_is_sent_to_the_team_page_instead_of_adding_an_account(
    admin_console, community
):
    refused = admin_console.get("/admin/users/new/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Staff come from the members" in page
    assert f'href="{community.site.root_url}/moderation/team/"' in page
    assert f"The moderation team of {community.name}" in page
    password = "a long and unusual passphrase"
    data = {"email": "new@example.org", "password1": password, "password2": password}
    assert admin_console.post("/admin/users/new/", data).status_code == 403
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_staff_accounts_list_offers_no_add_or_copy_button_to_a_community_admin(
    admin_console, make_member
):
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    listing = admin_console.get("/admin/users/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert f"/admin/users/edit/{moderator.pk}/" in page
    assert "/admin/users/new/" not in page and "/admin/users/copy/" not in page


def test_copying_an_account_is_adding_one_and_refused_too(admin_console, make_member):
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    refused = admin_console.get(f"/admin/users/copy/{moderator.pk}/")
    assert refused.status_code == 403
    assert "Staff come from the members" in refused.content.decode()


def test_a_superuser_still_adds_accounts(client_for):
    superuser = User.objects.create_superuser("root@example.org", "a long root passphrase")
    TOTP.activate(superuser, TOTP_SECRET)
    console = client_for(superuser)
    assert "/admin/users/new/" in console.get("/admin/users/").content.decode()
    assert console.get("/admin/users/new/").status_code == 200
    assert console.get(f"/admin/users/copy/{superuser.pk}/").status_code == 200


def _groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_community_admin_gives_no_role_on_an_account_and_is_sent_to_the_team_page(
    admin_console, make_member, community
):
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    page = admin_console.get(f"/admin/users/edit/{moderator.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="groups"' not in html and 'name="is_superuser"' not in html
    assert "Roles are not given here." in html
    assert f'href="{community.site.root_url}/moderation/team/"' in html
    assert f"The moderation team of {community.name}" in html


def test_a_forged_post_of_groups_changes_no_role(admin_console, make_member):
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    forged = [Group.objects.get_or_create(name=name)[0].pk for name in (COMMUNITY_ADMINS, EDITORS)]
    data = {"email": "renamed@example.org", "is_active": "on", "groups": forged}
    saved = admin_console.post(f"/admin/users/edit/{moderator.pk}/", data)
    assert saved.status_code == 302  # the rest of the form still saves
    moderator.refresh_from_db()
    assert moderator.email == "renamed@example.org"
    assert _groups(moderator) == {MODERATORS}  # neither added nor, as unticked, taken away
    assert not moderator.is_superuser


def test_a_superuser_still_gives_groups_on_an_account(client_for, make_member):
    superuser = User.objects.create_superuser("root@example.org", "a long root passphrase")
    TOTP.activate(superuser, TOTP_SECRET)
    console = client_for(superuser)
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    html = console.get(f"/admin/users/edit/{moderator.pk}/").content.decode()
    assert 'name="groups"' in html and "Roles are not given here." not in html
    editors = Group.objects.get_or_create(name=EDITORS)[0]
    data = {"email": moderator.email, "is_active": "on", "groups": [editors.pk]}
    assert console.post(f"/admin/users/edit/{moderator.pk}/", data).status_code == 302
    assert _groups(moderator) == {EDITORS}
