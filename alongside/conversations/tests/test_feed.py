from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.conversations.models import Update
from alongside.conversations.selectors import PAGE_SIZE, feed_for
from alongside.conversations.services import picture_prepare, update_create
from alongside.conversations.tests.helpers import picture_upload
from alongside.teams.services import team_link_create

pytestmark = pytest.mark.django_db


def _bulk_updates(community, authors, count: int) -> None:
    now = timezone.now()
    Update.objects.bulk_create(
        [
            Update(
                community=community,
                author=authors[n % len(authors)],
                body=f"Update number {n}",
                audience="team" if n % 5 == 0 else "members",
            )
            for n in range(count)
        ]
    )
    for n, pk in enumerate(Update.objects.order_by("pk").values_list("pk", flat=True)):
        Update.objects.filter(pk=pk).update(created_at=now - timedelta(minutes=count - n))


def test_the_feed_is_newest_first_and_pages_by_keyset(community, make_trusted):
    author = make_trusted()
    _bulk_updates(community, [author], PAGE_SIZE + 5)
    viewer = make_trusted()
    first = feed_for(viewer=viewer, community=community)
    assert len(first.items) == PAGE_SIZE
    assert [u.created_at for u in first.items] == sorted(
        (u.created_at for u in first.items), reverse=True
    )
    second = feed_for(viewer=viewer, community=community, before=first.next_cursor)
    assert second.next_cursor is None
    seen = {u.pk for u in first.items} | {u.pk for u in second.items}
    visible = Update.objects.filter(audience="members").count()
    assert len(seen) == visible


def test_the_team_tab_shows_only_the_team(community, make_trusted):
    viewer, friend, stranger = make_trusted(), make_trusted(), make_trusted()
    team_link_create(community=community, a=viewer, b=friend)
    update_create(author=friend, community=community, body="From my friend")
    update_create(author=stranger, community=community, body="From a stranger")
    team = feed_for(viewer=viewer, community=community, tab="team")
    everyone = feed_for(viewer=viewer, community=community)
    assert [u.body for u in team.items] == ["From my friend"]
    assert {u.body for u in everyone.items} == {"From my friend", "From a stranger"}


def test_show_more_works_with_htmx_and_as_a_plain_link(community, make_trusted, client_for):
    _bulk_updates(community, [make_trusted()], PAGE_SIZE + 10)
    client = client_for(make_trusted())
    page = client.get("/feed/").content.decode()
    assert "Show more updates" in page and 'hx-get="/feed/?tab=everyone&amp;before=' in page
    cursor = page.split("before=")[1].split('"')[0]
    partial = client.get(f"/feed/?tab=everyone&before={cursor}", HTTP_HX_REQUEST="true")
    assert "<h1>" not in partial.content.decode()
    assert "Update number" in partial.content.decode()
    plain = client.get(f"/feed/?tab=everyone&before={cursor}").content.decode()
    assert "<h1>Feed</h1>" in plain and "Update number" in plain


def _feed_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/feed/")
    assert response.status_code == 200
    return len(captured)


def test_the_feed_runs_the_same_queries_with_10_and_1000_updates(
    community, make_trusted, client_for
):
    authors = [make_trusted() for _ in range(5)]
    viewer = make_trusted()
    team_link_create(community=community, a=viewer, b=authors[0])
    _bulk_updates(community, authors, 10)
    update_create(
        author=authors[1],
        community=community,
        body="With a picture",
        pictures=[picture_prepare(upload=picture_upload())],
    )
    client = client_for(viewer)
    client.get("/feed/")  # warm the host cache
    small = _feed_queries(client)
    _bulk_updates(community, authors, 1000)
    large = _feed_queries(client)
    assert small == large
    assert large <= 12


def test_the_update_page_runs_the_same_queries_with_few_and_many_comments(
    community, make_trusted, client_for
):
    from alongside.conversations.models import Comment

    author, viewer = make_trusted(), make_trusted()
    update = update_create(author=author, community=community, body="Hello")

    def add_comments(count):
        Comment.objects.bulk_create(
            [
                Comment(community=community, author=author, update=update, body="Hi")
                for _ in range(count)
            ]
        )

    add_comments(10)
    client = client_for(viewer)
    client.get(update.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(update.get_absolute_url())
    add_comments(1000)
    with CaptureQueriesContext(connection) as large:
        client.get(update.get_absolute_url())
    assert len(small) == len(large) <= 12
