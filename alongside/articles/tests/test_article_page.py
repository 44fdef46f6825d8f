import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.articles.models import ArticleComment
from alongside.articles.tests.conftest import publish_reviewed
from alongside.core.models import Visibility
from alongside.questions.services import answer_create, question_create
from alongside.testing.factories import MemberConditionFactory

pytestmark = pytest.mark.django_db


def _get(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_anatomy_of_a_reviewed_article(client, article):
    html = _get(client, article)
    assert "Medically reviewed by" in html and "Nkechi Farrow, MD" in html
    assert "Written by" in html and "Wren Writer, PhD" in html
    assert "Updated on" in html and "14 October 2026" in html
    assert 'alt="A calm test picture"' in html
    assert "I started low and went up slowly." in html
    assert "An Alongside MS member, shared with their permission" in html
    assert "Share your experience in the comments" in html
    assert "Do you start at 4.5 for MS?" in html and "by An Alongside MS member" in html
    assert "1 answer" in html and "See answer" in html
    assert "Learn more" in html and "Related articles" in html and "Pain in MS" in html


def test_it_numbers_citations_in_reading_order_and_lists_the_sources(client, article):
    html = _get(client, article)
    first = html.index('href="#source-1"')
    assert html.index('href="#source-2"') > first
    assert re.search(r'<li id="source-1"><a href="https://example.org/label"', html)
    assert "<b>off-label</b>" in html and '<a href="https://example.org/ms">' in html
    assert "[^" not in html


def test_it_describes_the_page_for_search_engines_and_sharing(client, article):
    html = _get(client, article)
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["reviewedBy"]["name"] == "Nkechi Farrow"
    assert data["lastReviewed"].startswith("2026-10-14")
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    assert '<meta property="og:title"' in html and '<meta property="og:image"' in html


def test_it_hides_a_community_figure_that_rests_on_too_few_members(client, article, make_member):
    for _ in range(9):
        MemberConditionFactory(user=make_member(count_in_figures=True))
    assert "also report fibromyalgia" not in _get(client, article)


def test_it_shows_a_community_figure_rounded_down_once_enough_members_count(
    client, article, make_member
):
    for _ in range(12):
        MemberConditionFactory(user=make_member(count_in_figures=True))
    MemberConditionFactory(user=make_member(count_in_figures=False))
    html = _get(client, article)
    assert "More than 10 members" in html and "also report fibromyalgia" in html


def _pile_up(article, community, count):
    comments = [
        ArticleComment(article=article, community=community, text=f"c{n}", visibility="published")
        for n in range(count)
    ]
    ArticleComment.objects.bulk_create(comments)
    for n in range(count):
        question = question_create(
            author=None, community=community, title=f"Question {n}", topics=["pain"]
        )
        answer_create(author=None, question=question, body="An answer")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_its_query_count_is_the_same_with_1_and_with_200_comments_and_questions(
    client_for, article, community, make_member, settings
):
    member = make_member()
    reader = client_for(member)
    _pile_up(article, community, 1)
    reader.get(article.url)  # warm the caches a running site keeps warm (picture renditions)
    small = _queries(reader, article.url)
    _pile_up(article, community, 199)
    large = _queries(reader, article.url)
    assert "201 comments" in reader.get(article.url).content.decode()
    assert small == large
    assert large <= 12, large
    print(f"article page queries for a member: {small} with 1, {large} with 200")


def test_a_member_reads_comments_as_anonymous_members(client_for, article, make_member):
    html = _get(client_for(make_member()), article)
    assert "This helped me understand my options." in html
    assert "1 comment" in html


def test_a_visitor_sees_the_comment_count_but_not_the_comments(client, article):
    html = _get(client, article)
    assert "1 comment" in html
    assert "This helped me understand my options." not in html
    assert "Send me a confirmation link" in html


def test_a_pending_comment_is_shown_only_to_its_author(client_for, article, community, make_member):
    author, other = make_member(), make_member()
    ArticleComment.objects.create(
        article=article,
        community=community,
        author=author,
        text="Mine",
        visibility=Visibility.PENDING,
    )
    assert "Waiting for a moderator" in _get(client_for(author), article)
    assert "Mine" not in _get(client_for(other), article)


@pytest.fixture(params=[0, 60], ids=["memo-off", "memo-on"])
def local_memo(request, settings):
    """With LOCAL_MEMO_SECONDS on, as in production, this process's purge is still seen at once."""
    from alongside.communities.selectors import _hosts
    from alongside.core.pagecache import _generations, _pages

    settings.LOCAL_MEMO_SECONDS = request.param
    _generations.forget(), _pages.forget(), _hosts.forget()
    yield request.param
    _generations.forget(), _pages.forget(), _hosts.forget()


def test_an_anonymous_page_is_served_from_cache_and_purged_on_publish(client, article, local_memo):
    first = client.get(article.url)
    second = client.get(article.url)
    assert second["X-Page-Cache"] == "hit"
    assert first.content.count(b"csrfmiddlewaretoken") == second.content.count(
        b"csrfmiddlewaretoken"
    )
    assert b"@@CSRF-TOKEN@@" not in second.content and b"@@CSP-NONCE@@" not in second.content
    nonce = re.search(rb'nonce="([^"]+)"', second.content).group(1)
    assert nonce.decode() in second["Content-Security-Policy"]
    article.title = "A new title"
    publish_reviewed(article)
    third = client.get(article.url)
    assert "X-Page-Cache" not in third and b"A new title" in third.content


def test_a_cached_page_is_compressed_for_browsers_that_accept_gzip(client, article):
    import gzip

    client.get(article.url)
    hit = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"]
    html = gzip.decompress(hit.content).decode()
    assert article.title in html and "@@CSRF-TOKEN@@" not in html and "@@CSP-NONCE@@" not in html
    plain = client.get(article.url)
    assert "Content-Encoding" not in plain and article.title in plain.content.decode()


def test_the_page_stays_within_50_kb_compressed_with_its_css_and_js(client, article):
    import gzip
    from pathlib import Path

    from django.conf import settings

    html = client.get(article.url).content
    static = Path(settings.BASE_DIR) / "alongside" / "static"
    css = (static / "css" / "site.css").read_bytes()
    js = (static / "js" / "htmx.min.js").read_bytes()
    total = sum(len(gzip.compress(part)) for part in (html, css, js))
    print(f"article page: html {len(html)} B, compressed total {total} B")
    assert total <= 50 * 1024
