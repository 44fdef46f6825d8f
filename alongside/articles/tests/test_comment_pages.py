import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.articles.models import ArticleComment
from alongside.articles.selectors import COMMENTS_SHOWN

pytestmark = pytest.mark.django_db
OLDER = re.compile(r'href="([^"]*\?before=[\d.]+)#comments"')


def _pile_up(article, community, count: int) -> None:
    ArticleComment.objects.bulk_create(
        ArticleComment(
            article=article, community=community, text=f"Note {n}.", visibility="published"
        )
        for n in range(count)
    )


def _shown(html: str) -> set[str]:
    return set(re.findall(r"<p>(Note \d+\.)</p>", html))


def test_older_comments_are_reached_page_by_page_without_javascript(
    client_for, article, community, make_member
):
    _pile_up(article, community, 2 * COMMENTS_SHOWN + 20)
    reader = client_for(make_member())
    html = reader.get(article.url).content.decode()
    seen, pages = _shown(html), 1
    while link := OLDER.search(html):
        html = reader.get(link.group(1).replace("&amp;", "&")).content.decode()
        assert "121 comments" in html and "Back to the newest comments" in html
        seen |= _shown(html)
        pages += 1
    assert pages == 3
    assert seen == {f"Note {n}." for n in range(2 * COMMENTS_SHOWN + 20)}


def test_show_more_with_htmx_appends_only_the_next_comments(
    client_for, article, community, make_member
):
    _pile_up(article, community, COMMENTS_SHOWN + 5)
    reader = client_for(make_member())
    link = OLDER.search(reader.get(article.url).content.decode()).group(1)
    response = reader.get(link, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and html.count('class="card comment"') == 6
    assert "Older comments" not in html and "This helped me understand my options." in html


def test_a_guest_who_has_not_confirmed_sees_only_the_count_on_older_pages(
    client, client_for, article, community, make_member
):
    _pile_up(article, community, COMMENTS_SHOWN + 5)
    link = OLDER.search(client_for(make_member()).get(article.url).content.decode()).group(1)
    html = client.get(link).content.decode()
    assert "56 comments" in html and not _shown(html)
    assert "Send me a confirmation link" in html
    assert not _shown(client.get(link, HTTP_HX_REQUEST="true").content.decode())


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_older_page_runs_the_same_queries_with_60_and_with_300_comments(
    client_for, article, community, make_member
):
    reader = client_for(make_member())
    _pile_up(article, community, 60)
    reader.get(article.url)  # warm the caches a running site keeps warm (picture renditions)
    link = OLDER.search(reader.get(article.url).content.decode()).group(1)
    small = _queries(reader, link)
    _pile_up(article, community, 240)
    link = OLDER.search(reader.get(article.url).content.decode()).group(1)
    assert small == _queries(reader, link) <= 13
