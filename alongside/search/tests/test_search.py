import pytest

from alongside.conversations.models import Update, UpdateAudience
from alongside.questions.services import question_create
from alongside.teams.services import team_link_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(community, other_community, make_member):
    author = make_member(display_name="Wren")
    teammate = make_member()
    team_link_create(community=community, a=author, b=teammate)
    Update.objects.create(community=community, author=author, body="Cooling vest saved my walk")
    Update.objects.create(
        community=community,
        author=author,
        body="Cooling bath story for my team",
        audience=UpdateAudience.TEAM,
    )
    question_create(author=author, community=community, title="Cooling vests: which brand?")
    return {
        "anonymous": None,
        "other_community": make_member(other_community),
        "outsider": make_member(),
        "teammate": teammate,
        "author": author,
    }


def _page(client_for, viewer, query="cooling"):
    return client_for(viewer).get("/search/", {"q": query}).content.decode()


def test_visitors_find_question_titles_but_no_member_updates(world, client_for):
    page = _page(client_for, world["anonymous"])
    assert "Cooling vests: which brand?" in page
    assert "Cooling vest saved my walk" not in page
    assert "only searchable by signed-in members" in page


def test_a_member_of_another_community_finds_no_updates(world, client_for):
    page = _page(client_for, world["other_community"])
    assert "Cooling vest saved my walk" not in page and "Cooling bath" not in page


@pytest.mark.parametrize(
    ("viewer", "sees_team_only"), [("outsider", False), ("teammate", True), ("author", True)]
)
def test_members_find_updates_their_audience_allows(world, client_for, viewer, sees_team_only):
    page = _page(client_for, world[viewer])
    assert "Cooling vest saved my walk" in page
    assert ("Cooling bath story for my team" in page) is sees_team_only


def test_treatments_are_found_by_brand_name_with_a_typo(world, client_for):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from alongside.testing.factories import ProfileFactory

    reviewer = ProfileFactory(user__email="search.reviewer@example.org").user
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    call_command("load_treatments", approve_as=reviewer.email, verbosity=0)
    page = _page(client_for, None, query="ocrevus")
    assert "Ocrelizumab" in page


def test_the_api_applies_the_same_rules(world, client_for):
    anonymous = client_for(None).get("/api/v1/search", {"q": "cooling"}).json()
    teammate = client_for(world["teammate"]).get("/api/v1/search", {"q": "cooling"}).json()
    outsider = client_for(world["outsider"]).get("/api/v1/search", {"q": "cooling"}).json()
    assert {hit["kind"] for hit in anonymous} == {"question"}
    assert sum(hit["kind"] == "update" for hit in teammate) == 2
    assert sum(hit["kind"] == "update" for hit in outsider) == 1


def test_a_one_letter_query_asks_for_more(world, client_for):
    page = _page(client_for, world["author"], query="c")
    assert "Type at least two letters" in page and "results for" not in page


def test_updates_are_found_by_every_word_in_any_case(world, client_for):
    page = _page(client_for, world["teammate"], query="WALK cooling")
    assert "Cooling vest saved my walk" in page
    assert "Cooling bath story" not in page  # has "cooling" but not "walk"
    assert "Cooling vest saved my walk" not in _page(client_for, world["teammate"], "walk bath")


def test_question_titles_are_found_by_every_word_in_any_case(world, client_for):
    assert "Cooling vests: which brand?" in _page(client_for, None, query="BRAND cooling")
    assert "Cooling vests: which brand?" not in _page(client_for, None, query="brand bath")
