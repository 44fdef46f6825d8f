"""Who may do what: every staff console and moderation desk route and action, for every role.

Each role's test walks all of ROUTES and compares what happened with EXPECTED, so a failure
lists every route where the role got more, or less, than its job needs.
"""

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from alongside.accounts.models import User
from alongside.articles.models import ArticlePage, PersonPage
from alongside.articles.roles import COMMUNITY_ADMINS, EDITORS, MODERATORS, REVIEWERS
from alongside.articles.tests.conftest import TOTP_SECRET, staff_user
from alongside.communities.models import StaffRole
from alongside.communities.services import membership_staff_role_set
from alongside.conversations.services import update_create
from alongside.moderation.models import Report, ReportStatus
from alongside.moderation.services import report_create
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db

ROLES = (
    "editor",
    "reviewer",
    "moderator",
    "community_admin",
    "plain_member",
    "anonymous",
    "other_community_staff",
)

# (name, method, who may): GET routes count as allowed when the page answers 200; actions
# when their effect is found afterwards.
ROUTES = (
    (
        "console dashboard",
        "GET",
        {"editor", "reviewer", "community_admin", "other_community_staff"},
    ),
    ("library explorer", "GET", {"editor", "reviewer"}),
    ("add an article", "GET", {"editor"}),
    ("edit an article", "GET", {"editor"}),
    ("edit a submitted article", "GET", {"editor", "reviewer"}),
    ("edit a people page", "GET", {"editor"}),
    ("edit the home page", "GET", set()),
    ("copy an article", "GET", {"editor"}),
    ("move an article", "GET", set()),
    ("delete an article", "GET", set()),
    ("unpublish an article", "GET", {"reviewer"}),
    ("preview a submitted article", "GET", {"reviewer"}),
    ("member quotes", "GET", {"editor"}),
    ("pictures", "GET", {"editor"}),
    ("community settings", "GET", {"community_admin"}),
    ("edit the community's settings", "GET", {"community_admin"}),
    ("edit the other community's settings", "GET", {"other_community_staff"}),
    ("the community's settings history", "GET", {"community_admin"}),
    ("staff accounts", "GET", {"community_admin"}),
    # Staff come from the members: appointed on the team page, never added in the console.
    ("add a staff account", "GET", set()),
    ("create a staff account", "POST", set()),
    ("copy a staff account", "GET", set()),
    ("edit a moderator's account", "GET", {"community_admin"}),
    ("edit a plain member's account", "GET", set()),
    ("edit an editor's account", "GET", set()),
    ("edit the other community's admin", "GET", {"other_community_staff"}),
    ("groups", "GET", set()),
    ("approve a submitted article", "POST", {"reviewer"}),
    ("publish an article directly", "POST", set()),
    ("moderation queue", "GET", {"moderator", "community_admin"}),
    ("moderation log", "GET", {"moderator", "community_admin"}),
    ("blocked guests", "GET", {"moderator", "community_admin"}),
    ("moderation team", "GET", {"community_admin"}),
    ("appoint a moderator", "POST", {"community_admin"}),
    ("appoint a community admin", "POST", {"community_admin"}),
    ("remove a moderator", "POST", {"community_admin"}),
    ("act on a report", "POST", {"moderator", "community_admin"}),
    # The desk groups follow the team page (staff_role); the console's account form offers
    # them to superusers only, and a forged POST from anyone else changes no group.
    ("give a moderator the desk group", "POST", set()),
    ("give a moderator the community admins group", "POST", set()),
    ("take a moderator's desk group", "POST", set()),
    ("make a moderator a medical reviewer", "POST", set()),
    ("make a moderator an administrator", "POST", set()),
)
EXPECTED = {role: {name for name, _m, who in ROUTES if role in who} for role in ROLES}


@dataclass
class World:
    library: object
    article: ArticlePage
    draft: ArticlePage
    task_state: TaskState
    report: Report
    community: object
    other_community: object
    moderator: object  # a moderator of the community, whose account its admin manages
    member: object  # a plain member, whose account is theirs alone
    editor: object
    other_admin: object


def _staff_member(community, *, staff_role: str, group: str):
    user = member(community, staff_role=staff_role)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    TOTP.activate(user, TOTP_SECRET)
    return user


def _person(library, role: str, community, other_community):
    if role == "editor":
        return staff_user("editor@example.org", EDITORS)
    if role == "reviewer":
        user = staff_user("reviewer@example.org", "Medical reviewers")
        person = PersonPage.objects.child_of(library).get(slug="nkechi-farrow")
        person.user = user
        person.save_revision().publish()
        return user
    if role == "moderator":
        return _staff_member(community, staff_role=StaffRole.MODERATOR, group=MODERATORS)
    if role == "community_admin":
        return _staff_member(community, staff_role=StaffRole.ADMIN, group=COMMUNITY_ADMINS)
    if role == "plain_member":
        return member(community)
    if role == "other_community_staff":
        return _staff_member(other_community, staff_role=StaffRole.ADMIN, group=COMMUNITY_ADMINS)
    return None


def _world(library, community, other_community) -> World:
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    draft = ArticlePage(title="Draft", intro="x", category="symptoms", writer=writer, live=False)
    library.add_child(instance=draft)
    draft.save_revision()
    task_state = draft.get_workflow().start(draft, None).current_task_state
    author = member(community)
    post = update_create(author=author, community=community, body="A post someone reported.")
    report = report_create(
        reporter=member(community), community=community, target=post, reason="spam"
    )
    article = ArticlePage.objects.get(slug="ldn-test")
    editor = staff_user("second-editor@example.org", EDITORS)
    editor.memberships.create(community=community)
    other_admin = _staff_member(other_community, staff_role=StaffRole.ADMIN, group=COMMUNITY_ADMINS)
    return World(
        library,
        article,
        draft,
        task_state,
        report,
        community,
        other_community,
        member(community, staff_role=StaffRole.MODERATOR),
        member(community),
        editor,
        other_admin,
    )


def _listed(url: str, marker: str) -> tuple[str, str]:
    """A listing counts as open to a role when it answers and shows this community's row."""
    return url, marker


def _get_urls(world: World) -> dict:
    home = world.library.get_parent()
    person = PersonPage.objects.child_of(world.library).get(slug="writer-one")
    article, draft = world.article.pk, world.draft.pk
    return {
        "console dashboard": "/admin/",
        "library explorer": f"/admin/pages/{world.library.pk}/",
        "add an article": f"/admin/pages/add/articles/articlepage/{world.library.pk}/",
        "edit an article": f"/admin/pages/{article}/edit/",
        "edit a submitted article": f"/admin/pages/{draft}/edit/",
        "edit a people page": f"/admin/pages/{person.pk}/edit/",
        "edit the home page": f"/admin/pages/{home.pk}/edit/",
        "copy an article": f"/admin/pages/{article}/copy/",
        "move an article": f"/admin/pages/{article}/move/",
        "delete an article": f"/admin/pages/{article}/delete/",
        "unpublish an article": f"/admin/pages/{article}/unpublish/",
        "preview a submitted article": reverse(
            "wagtailadmin_pages:workflow_preview", args=[draft, world.task_state.task_id]
        ),
        "member quotes": "/admin/snippets/articles/memberquote/",
        "pictures": "/admin/images/",
        "community settings": _listed(
            "/admin/snippets/communities/community/", _community_edit(world.community)
        ),
        "edit the community's settings": _community_edit(world.community),
        "edit the other community's settings": _community_edit(world.other_community),
        "the community's settings history": (
            f"/admin/snippets/communities/community/history/{world.community.pk}/"
        ),
        "staff accounts": _listed("/admin/users/", _user_edit(world.moderator)),
        "edit a moderator's account": _user_edit(world.moderator),
        "edit a plain member's account": _user_edit(world.member),
        "edit an editor's account": _user_edit(world.editor),
        "edit the other community's admin": _user_edit(world.other_admin),
        "groups": "/admin/groups/",
        "moderation queue": "/moderation/",
        "moderation log": "/moderation/log/",
        "blocked guests": "/moderation/guests/",
        "moderation team": "/moderation/team/",
        "add a staff account": "/admin/users/new/",
        "copy a staff account": f"/admin/users/copy/{world.moderator.pk}/",
    }


def _community_edit(community) -> str:
    return f"/admin/snippets/communities/community/edit/{community.pk}/"


def _user_edit(user) -> str:
    return f"/admin/users/edit/{user.pk}/"


def _opens(client, target) -> bool:
    url, marker = target if isinstance(target, tuple) else (target, None)
    response = client.get(url)
    return response.status_code == 200 and (marker is None or marker in response.content.decode())


def _account_post(client, world: World, **fields) -> None:
    data = {"email": world.moderator.email, "is_active": "on", **fields}
    client.post(_user_edit(world.moderator), data)
    world.moderator.refresh_from_db()


def _give_group(name: str):
    def give(client, world: World) -> bool:
        group = Group.objects.get_or_create(name=name)[0]
        world.moderator.groups.clear()  # the team page gave the desk group on appointment
        _account_post(client, world, groups=[group.pk])
        given = world.moderator.groups.filter(pk=group.pk).exists()
        world.moderator.groups.clear()
        return given

    return give


def _take_group(client, world: World) -> bool:
    desk = Group.objects.get_or_create(name=MODERATORS)[0]
    world.moderator.groups.add(desk)  # as the team page gave it on appointment
    _account_post(client, world)  # the form as sent with every group unticked
    taken = not world.moderator.groups.filter(pk=desk.pk).exists()
    world.moderator.groups.add(desk)
    return taken


def _make_administrator(client, world: World) -> bool:
    _account_post(client, world, is_superuser="on")
    return world.moderator.is_superuser


def _approve(client, world: World) -> bool:
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[world.draft.pk, "approve", world.task_state.pk],
        ),
        {"comment": ""},
    )
    return ArticlePage.objects.get(pk=world.draft.pk).live


def _publish(client, world: World) -> bool:
    before = ArticlePage.objects.get(pk=world.draft.pk).live
    client.post(
        f"/admin/pages/{world.draft.pk}/edit/",
        {"title": "Published directly", "slug": "draft", "action-publish": "1"},
    )
    return not before and ArticlePage.objects.get(pk=world.draft.pk).live


def _act(client, world: World) -> bool:
    client.post(
        "/moderation/act/",
        {"label": "conversations.update", "pk": world.report.target_id, "action": "dismiss"},
    )
    world.report.refresh_from_db()
    return world.report.status == ReportStatus.RESOLVED


def _create_account(client, world: World) -> bool:
    password = "a long and unusual passphrase"
    data = {"email": "new-staff@example.org", "password1": password, "password2": password}
    client.post("/admin/users/new/", {**data, "is_active": "on"})
    return User.objects.filter(email="new-staff@example.org").exists()


def _appoint(staff_role: str):
    def appoint(client, world: World) -> bool:
        data = {"member": str(world.member.public_id), "staff_role": staff_role}
        client.post("/moderation/team/", data)
        membership = world.member.memberships.get(community=world.community)
        appointed = membership.staff_role == staff_role
        membership_staff_role_set(membership=membership, staff_role=StaffRole.NONE)
        return appointed

    return appoint


def _remove(client, world: World) -> bool:
    client.post("/moderation/team/", {"member": str(world.moderator.public_id), "remove": "on"})
    membership = world.moderator.memberships.get(community=world.community)
    removed = membership.staff_role == StaffRole.NONE
    membership_staff_role_set(membership=membership, staff_role=StaffRole.MODERATOR)
    return removed


_ACTIONS = {
    "approve a submitted article": _approve,
    "publish an article directly": _publish,
    "act on a report": _act,
    "create a staff account": _create_account,
    "appoint a moderator": _appoint(StaffRole.MODERATOR),
    "appoint a community admin": _appoint(StaffRole.ADMIN),
    "remove a moderator": _remove,
    "give a moderator the desk group": _give_group(MODERATORS),
    "give a moderator the community admins group": _give_group(COMMUNITY_ADMINS),
    "take a moderator's desk group": _take_group,
    "make a moderator a medical reviewer": _give_group(REVIEWERS),
    "make a moderator an administrator": _make_administrator,
}


def _allowed_routes(client, world: World) -> set[str]:
    allowed = {name for name, target in _get_urls(world).items() if _opens(client, target)}
    return allowed | {name for name, action in _ACTIONS.items() if action(client, world)}


def test_every_route_of_the_matrix_is_walked(library, community, other_community):
    world = _world(library, community, other_community)
    walked = set(_get_urls(world)) | set(_ACTIONS)
    assert walked == {name for name, _method, _who in ROUTES}


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_exactly_the_routes_its_job_needs(
    role, library, community, other_community
):
    user = _person(library, role, community, other_community)
    world = _world(library, community, other_community)
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    assert _allowed_routes(client, world) == EXPECTED[role]
