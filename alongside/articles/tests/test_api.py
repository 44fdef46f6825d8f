import pytest
from django.test import Client

from alongside.articles.models import ArticleComment, ArticlePage, PersonPage
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_update
from alongside.core.models import Visibility

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles"
DETAIL = f"{LIST}/ldn-test"
COMMENTS = f"{DETAIL}/comments"


def _trusted(member, community):
    membership_update(membership=membership_for(user=member, community=community), trust_level=1)
    member.__dict__.pop("_memberships", None)
    return member


@pytest.fixture
def visitors(client_for, community, other_community, make_member):
    """Who may ask: nobody signed in, a member of the RA community, a member of MS."""
    return {
        "anonymous": client_for(),
        "other_community": client_for(make_member(other_community)),
        "member": client_for(make_member()),
    }


ACCESS = [
    ("get", LIST, {"anonymous": 200, "other_community": 200, "member": 200}),
    ("get", DETAIL, {"anonymous": 200, "other_community": 200, "member": 200}),
    ("get", COMMENTS, {"anonymous": 401, "other_community": 404, "member": 200}),
    ("post", COMMENTS, {"anonymous": 401, "other_community": 404, "member": 201}),
]


@pytest.mark.parametrize("who", ["anonymous", "other_community", "member"])
@pytest.mark.parametrize(("method", "url", "expected"), ACCESS)
def test_each_route_lets_in_only_who_it_should(library, visitors, who, method, url, expected):
    client = visitors[who]
    if method == "post":
        response = client.post(url, {"text": "Hello"}, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == expected[who]


def test_the_comment_routes_refuse_a_member_of_another_community_at_their_own_site(
    library, client_for, other_community, make_member
):
    ra_client = client_for(make_member(other_community), host="ra.localhost")
    assert ra_client.get(COMMENTS).status_code == 404
    posted = ra_client.post(COMMENTS, {"text": "Across"}, content_type="application/json")
    assert posted.status_code == 404
    assert not ArticleComment.objects.filter(text="Across").exists()


def test_posting_a_comment_needs_the_csrf_token_like_the_page(library, make_member):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.force_login(make_member())
    response = client.post(COMMENTS, {"text": "Forged"}, content_type="application/json")
    assert response.status_code == 403
    assert not ArticleComment.objects.filter(text="Forged").exists()


def test_the_list_shows_this_communitys_articles_newest_first_with_their_people(client, library):
    items = client.get(LIST).json()["items"]
    assert [item["slug"] for item in items] == ["ldn-test", "pain-test"]
    ldn = items[0]
    assert ldn["title"] == "LDN for MS: a test article"
    assert ldn["url"] == "/library/ldn-test/"
    assert ldn["intro"] == "A short test article about low-dose naltrexone."
    assert (ldn["category"], ldn["category_name"]) == ("treatments", "Treatments")
    assert {topic["slug"] for topic in ldn["topics"]} == {"low-dose-naltrexone", "pain"}
    assert ldn["writer"] == {
        "name": "Wren Writer",
        "credentials": "PhD",
        "url": "/library/writer-one/",
    }
    assert ldn["reviewer"]["name"] == "Nkechi Farrow" and ldn["reviewer"]["credentials"] == "MD"
    assert ldn["updated_on"] == "2026-10-14" and ldn["reviewed_on"] == "2026-10-14"


def test_another_community_never_sees_these_articles(client_for, library):
    ra = client_for(host="ra.localhost")
    assert [item["slug"] for item in ra.get(LIST).json()["items"]] == ["ra-test"]
    assert ra.get(DETAIL).status_code == 404
    assert client_for().get("/api/v1/articles/ra-test").status_code == 404


def test_the_list_filters_by_category_and_topic(client, library):
    symptoms = client.get(LIST, {"category": "symptoms"}).json()["items"]
    assert [item["slug"] for item in symptoms] == ["pain-test"]
    topic = client.get(LIST, {"topic": "low-dose-naltrexone"}).json()["items"]
    assert [item["slug"] for item in topic] == ["ldn-test"]
    assert client.get(LIST, {"category": "gossip"}).status_code == 422


def test_the_list_is_paged_like_the_library_page(
    client, library, thirteen_more, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        first = client.get(LIST).json()
    assert len(first["items"]) == 12
    assert first["next_cursor"]
    second = client.get(LIST, {"cursor": first["next_cursor"]}).json()
    assert second["items"] and second["next_cursor"] is None
    assert [item["slug"] for item in second["items"]][-1] == "pain-test"


def test_the_detail_has_the_body_its_sources_and_the_comment_count(client, library):
    article = client.get(DETAIL).json()
    assert article["title"] == "LDN for MS: a test article"
    assert "<h2>What it is</h2>" in article["body_html"]
    assert '<a href="#source-1"' in article["body_html"]
    assert "[^" not in article["body_html"]
    assert [(s["number"], s["title"]) for s in article["sources"]] == [
        (1, "Naltrexone label"),
        (2, "Low-Dose Naltrexone"),
    ]
    assert article["sources"][0]["url"] == "https://example.org/label"
    assert article["comment_count"] == 1


def test_a_draft_is_not_found(client, library):
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    draft = ArticlePage(
        title="Draft", slug="draft", intro="x", category="research", body=[], writer=writer
    )
    draft.live = False
    library.add_child(instance=draft)
    assert client.get("/api/v1/articles/draft").status_code == 404
    assert "draft" not in [item["slug"] for item in client.get(LIST).json()["items"]]


def test_members_read_comments_newest_first_as_an_anonymous_member(
    client_for, article, community, make_member
):
    author = _trusted(make_member(display_name="Rowan"), community)
    client_for(author).post(COMMENTS, {"text": "Newest words"}, content_type="application/json")
    items = client_for(make_member()).get(COMMENTS).json()["items"]
    assert [item["text"] for item in items] == [
        "Newest words",
        "This helped me understand my options.",
    ]
    assert {item["author_name"] for item in items} == {"An Alongside MS member"}
    assert "Rowan" not in str(items)


def test_comments_are_paged_by_cursor(client_for, article, community, make_member):
    ArticleComment.objects.bulk_create(
        ArticleComment(article=article, community=community, text=f"Comment {n}") for n in range(55)
    )
    reader = client_for(make_member())
    first = reader.get(COMMENTS).json()
    assert len(first["items"]) == 50 and first["next_cursor"]
    second = reader.get(COMMENTS, {"cursor": first["next_cursor"]}).json()
    assert len(second["items"]) == 6 and second["next_cursor"] is None
    seen = {item["id"] for item in first["items"]} | {item["id"] for item in second["items"]}
    assert len(seen) == 56


def test_a_new_members_comment_waits_for_a_moderator(client_for, article, make_member):
    newcomer = client_for(make_member())
    response = newcomer.post(COMMENTS, {"text": "First words"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["visibility"] == "pending"
    assert response.json()["author_name"] == "An Alongside MS member"
    assert ArticleComment.objects.get(text="First words").visibility == Visibility.PENDING
    assert "First words" in str(newcomer.get(COMMENTS).json()["items"])
    assert "First words" not in str(client_for(make_member()).get(COMMENTS).json()["items"])
    assert client_for().get(DETAIL).json()["comment_count"] == 1


def test_a_trusted_members_comment_is_published_and_counted(
    client_for, article, community, make_member
):
    member = _trusted(make_member(), community)
    response = client_for(member).post(
        COMMENTS, {"text": "Started at 1.5 mg."}, content_type="application/json"
    )
    assert response.json()["visibility"] == "published"
    assert client_for().get(DETAIL).json()["comment_count"] == 2


def test_an_empty_comment_gets_a_clear_message(client_for, article, make_member):
    response = client_for(make_member()).post(
        COMMENTS, {"text": "  "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "a comment needs text or a picture" in response.json()["detail"]
    too_long = client_for(make_member()).post(
        COMMENTS, {"text": "x" * 5001}, content_type="application/json"
    )
    assert too_long.status_code == 400 and "at most 5000" in too_long.json()["detail"]


def test_comments_are_rate_limited_like_the_page(client_for, article, make_member):
    client = client_for(make_member())
    codes = [
        client.post(COMMENTS, {"text": f"Note {n}"}, content_type="application/json").status_code
        for n in range(6)
    ]
    assert codes == [201] * 5 + [429]
    assert ArticleComment.objects.filter(text__startswith="Note").count() == 5


def test_the_openapi_schema_builds_with_the_new_routes(client, community):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/articles/{slug}/comments" in paths
    assert "/api/v1/newsletter/subscribe" in paths
