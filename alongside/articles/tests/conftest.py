import io
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from alongside.articles.models import ArticlePage, PersonPage, ResourcesPage
from alongside.demo.articles import demo_articles_step
from alongside.demo.generate import SYNTHETIC_DOMAIN
from alongside.testing.factories import UserFactory, member

CONTENT = Path(__file__).parent / "content"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def quoting_member(community):
    """The demo member whose consented update the test article quotes."""
    return member(community, user__email=f"member5@{community.slug}.{SYNTHETIC_DOMAIN}")


@pytest.fixture
def library(communities) -> ResourcesPage:
    quoting_member(communities[0])
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    return ResourcesPage.objects.child_of(communities[0].site.root_page).get()


@pytest.fixture
def article(library) -> ArticlePage:
    return ArticlePage.objects.get(slug="ldn-test")


def staff_user(email: str, group: str):
    """A staff account in a group, with TOTP set up (the admin refuses staff without MFA)."""
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def editor(library):
    return staff_user("editor@example.org", "Editors")


@pytest.fixture
def reviewer(library):
    user = staff_user("reviewer@example.org", "Medical reviewers")
    person = PersonPage.objects.child_of(library).get(slug="nkechi-farrow")
    person.user = user
    person.save_revision().publish()
    return user


def publish_reviewed(page, reviewer=None) -> None:
    """Publish the page's current state as the workflow does: submitted, then approved by a
    medical reviewer (by default the one linked to a people page in its library)."""
    if reviewer is None:
        linked = PersonPage.objects.sibling_of(page).filter(user__isnull=False).first()
        reviewer = linked.user
    page.save_revision()
    state = page.get_workflow().start(page, None)
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, reviewer, "approve")


@pytest.fixture
def thirteen_more(library):
    """Thirteen more published articles: a second page of the library."""
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    for number in range(13):
        extra = ArticlePage(
            title=f"Extra {number}", intro="x", category="research", body=[], writer=writer
        )
        library.add_child(instance=extra)
        publish_reviewed(extra)
