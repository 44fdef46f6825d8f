"""The moderation team page and its API: community admins appoint and remove moderators and
other admins, who get or lose the desk at once; every change is logged and told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from alongside.communities.models import Membership, Role, StaffRole
from alongside.communities.staff import COMMUNITY_ADMINS, MODERATORS
from alongside.moderation.models import Action, ModerationAction
from alongside.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

TEAM = "/moderation/team/"
API = "/api/v1/moderation/team"


@pytest.fixture
def admin(make_member):
    return make_member(staff_role=StaffRole.ADMIN, display_name="Jonah")


@pytest.fixture
def desk(client_for, admin):
    return client_for(admin)


@pytest.fixture
def priya(make_member):
    return make_member(display_name="Priya")


def _staff_role(user, community) -> str:
    return Membership.objects.get(user=user, community=community).staff_role


def _appoint(desk, user, staff_role="moderator"):
    data = {"member": str(user.public_id), "staff_role": staff_role}
    return desk.post(TEAM, data, follow=True)


def _remove(desk, user):
    return desk.post(TEAM, {"member": str(user.public_id), "remove": "on"}, follow=True)


def test_a_community_admin_finds_a_member_by_name_and_makes_them_a_moderator(
    desk, admin, priya, community, client_for, django_capture_on_commit_callbacks
):
    assert client_for(priya).get("/moderation/").status_code == 404
    found = desk.get(TEAM, {"find": "pri"}).content.decode()
    assert "Make Priya" in found and "a moderator" in found
    with django_capture_on_commit_callbacks(execute=True):
        page = _appoint(desk, priya).content.decode()
    assert "is now a moderator. We told them on the site and by email." in page
    assert _staff_role(priya, community) == StaffRole.MODERATOR
    assert priya.groups.filter(name=MODERATORS).exists()
    assert client_for(priya).get("/moderation/").status_code == 200
    logged = ModerationAction.objects.get(action=Action.STAFF_APPOINT)
    assert (logged.moderator, logged.member, logged.note) == (admin, priya, "Moderator")
    assert "Gave a staff role" in desk.get("/moderation/log/").content.decode()
    told = Notification.objects.get(recipient=priya, kind=Kind.STAFF_ROLE)
    assert told.text == f"You are now a moderator of {community.name}."
    (email,) = mail.outbox  # the welcome email only, not a second notification email
    assert email.subject == f"You are now a moderator of {community.name}."
    assert "/moderation/" in email.body and "/support/" in email.body


def test_a_member_is_found_by_their_whole_email_address_only(desk, priya):
    assert "Make Priya" in desk.get(TEAM, {"find": priya.email.upper()}).content.decode()
    part = priya.email.split("@")[0]
    missing = desk.get(TEAM, {"find": part}).content.decode()
    assert "No member of" in missing and "has that name or email address." in missing


def test_members_of_another_community_are_not_found(desk, make_member, other_community):
    make_member(other_community, display_name="Ravi")
    assert "Make Ravi" not in desk.get(TEAM, {"find": "Ravi"}).content.decode()


def test_removing_a_moderator_closes_the_desk_to_them_at_once(
    desk, admin, make_member, community, client_for
):
    moderator = make_member(staff_role=StaffRole.MODERATOR, display_name="Mo")
    their_desk = client_for(moderator)
    assert their_desk.get("/moderation/").status_code == 200
    page = _remove(desk, moderator).content.decode()
    assert "is no longer on the team: the desk closed to them at once." in page
    assert their_desk.get("/moderation/").status_code == 404
    assert _staff_role(moderator, community) == ""
    assert not moderator.groups.filter(name=MODERATORS).exists()
    logged = ModerationAction.objects.get(action=Action.STAFF_REMOVE)
    assert (logged.moderator, logged.member, logged.note) == (admin, moderator, "Moderator")
    assert Notification.objects.filter(recipient=moderator, kind=Kind.STAFF_ROLE).exists()


def test_an_appointed_admin_gets_the_staff_console_and_loses_it_on_removal(
    desk, priya, community, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _appoint(desk, priya, "admin")
    priya.refresh_from_db()
    assert priya.is_staff and priya.groups.filter(name=COMMUNITY_ADMINS).exists()
    assert "/moderation/team/" in mail.outbox[0].body
    _remove(desk, priya)
    priya.refresh_from_db()
    assert not priya.is_staff and not priya.groups.exists()


def test_the_only_community_admin_can_neither_be_removed_nor_step_down(desk, admin, community):
    page = _remove(desk, admin).content.decode()
    assert "is the only community admin here." in page
    _appoint(desk, admin, "moderator")
    assert _staff_role(admin, community) == StaffRole.ADMIN
    assert "The only community admin. To step down" in desk.get(TEAM).content.decode()
    assert desk.delete(f"{API}/{admin.public_id}").status_code == 400
    assert not ModerationAction.objects.exists()


def test_with_a_second_admin_an_admin_may_step_down(desk, admin, priya, community):
    _appoint(desk, priya, "admin")
    response = _remove(desk, admin)
    assert response.redirect_chain[-1][0] == "/"
    assert _staff_role(admin, community) == ""
    assert _staff_role(priya, community) == StaffRole.ADMIN


def test_an_admin_appoints_lists_and_removes_through_the_api(
    desk, admin, priya, community, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = desk.post(
            API, {"member": priya.email, "staff_role": "moderator"}, content_type="application/json"
        )
    assert made.status_code == 201
    assert made.json()["staff_role"] == "moderator" and made.json()["removable"] is True
    assert len(mail.outbox) == 1
    listed = desk.get(API).json()
    assert [(row["staff_role"], row["removable"]) for row in listed] == [
        ("admin", False),
        ("moderator", True),
    ]
    assert desk.delete(f"{API}/{priya.public_id}").status_code == 204
    assert _staff_role(priya, community) == ""
    assert [row["staff_role"] for row in desk.get(API).json()] == ["admin"]


def test_the_api_wants_exactly_one_member(desk, make_member):
    make_member(display_name="Sam")
    make_member(display_name="Sam")

    def appoint(who):
        data = {"member": who, "staff_role": "moderator"}
        return desk.post(API, data, content_type="application/json")

    several = appoint("sam")
    assert several.status_code == 400 and "Several members" in several.json()["detail"]
    assert appoint("nobody@example.org").status_code == 400
    assert appoint("Sam").status_code == 400
    wrong = desk.post(
        API, {"member": "Sam", "staff_role": "superuser"}, content_type="application/json"
    )
    assert wrong.status_code == 422


@pytest.fixture
def outsiders(client_for, make_member, other_community):
    return {
        "anonymous": client_for(),
        "plain member": client_for(make_member()),
        "moderator": client_for(make_member(staff_role=StaffRole.MODERATOR)),
        "other community's admin": client_for(
            make_member(other_community, staff_role=StaffRole.ADMIN)
        ),
    }


def test_nobody_else_sees_or_changes_the_team(outsiders, admin, priya, community):
    for who, outsider in outsiders.items():
        page = outsider.get(TEAM)
        assert page.status_code in (302, 404), who
        assert b"Jonah" not in page.content, who
        appoint = {"member": str(priya.public_id), "staff_role": "admin"}
        assert outsider.post(TEAM, appoint).status_code in (302, 404), who
        remove = {"member": str(admin.public_id), "remove": "on"}
        assert outsider.post(TEAM, remove).status_code in (302, 404), who
        assert outsider.get(API).status_code in (401, 404), who
        data = {"member": str(priya.public_id), "staff_role": "admin"}
        answer = outsider.post(API, data, content_type="application/json")
        assert answer.status_code in (401, 404), who
        assert outsider.delete(f"{API}/{admin.public_id}").status_code in (401, 404), who
    assert _staff_role(priya, community) == ""
    assert _staff_role(admin, community) == StaffRole.ADMIN
    assert not ModerationAction.objects.exists()


def test_the_queue_links_the_team_page_for_admins_only(desk, client_for, make_member):
    assert TEAM in desk.get("/moderation/").content.decode()
    moderator = client_for(make_member(staff_role=StaffRole.MODERATOR))
    assert TEAM not in moderator.get("/moderation/").content.decode()


def test_members_choose_only_how_the_condition_touches_them(client_for, priya, community):
    member = client_for(priya)
    member.post("/welcome/role/", {"role": "moderator"})
    answer = member.patch("/api/v1/me/profile", {"role": "admin"}, content_type="application/json")
    assert answer.status_code == 400
    membership = Membership.objects.get(user=priya, community=community)
    assert (membership.role, membership.staff_role) == (Role.LIVING_WITH, "")
    assert client_for(priya).get("/moderation/").status_code == 404


def test_the_migration_moves_staff_roles_out_of_role(make_member, community):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("alongside.communities.migrations.0005_staff_role_from_role")
    moderator, admin, carer = make_member(), make_member(), make_member(role=Role.LOVED_ONE)
    Membership.objects.filter(user=moderator).update(role="moderator")
    Membership.objects.filter(user=admin).update(role="admin")
    migration.staff_role_from_role(apps, None)
    rows = Membership.objects.filter(user__in=[moderator, admin, carer]).order_by("user_id")
    assert list(rows.values_list("role", "staff_role")) == [
        ("living_with", "moderator"),
        ("living_with", "admin"),
        ("loved_one", ""),
    ]


def test_the_desk_groups_are_kept_while_another_community_needs_them(
    desk, make_member, other_community, community
):
    from alongside.communities.services import membership_create, membership_staff_role_set

    moderator = make_member(staff_role=StaffRole.MODERATOR)
    elsewhere = membership_create(user=moderator, community=other_community)
    membership_staff_role_set(membership=elsewhere, staff_role=StaffRole.MODERATOR)
    _remove(desk, moderator)
    assert moderator.groups.filter(name=MODERATORS).exists()
    assert Group.objects.filter(name=MODERATORS).exists()


def test_an_empty_search_says_once_what_to_write_and_other_addresses_show_no_error(
    client_for, community, make_member
):
    client = client_for(make_member(staff_role=StaffRole.ADMIN, display_name="Noor"))
    empty = client.get("/moderation/team/?find=")
    assert empty.status_code == 400
    assert empty.content.decode().count("Write part of a name, or a whole email address.") == 1
    other = client.get("/moderation/team/?q=Sam")
    assert other.status_code == 200
    assert "Write part of a name" not in other.content.decode()
