import io

import pytest

from alongside.articles import figures
from alongside.articles.models import ArticleComment, ArticlePage, MemberQuote, PersonPage
from alongside.articles.tests.conftest import CONTENT
from alongside.demo.articles import demo_articles_step
from alongside.questions.models import Question

pytestmark = pytest.mark.django_db


def test_resources_leads_to_the_library_of_the_community_at_this_host(client_for, library):
    assert client_for().get("/resources/")["Location"] == "/library/"
    ra = client_for(host="ra.localhost").get("/resources/")
    assert ra.status_code == 302 and ra["Location"].endswith("/library/")


def test_the_library_lists_articles_newest_first(client, library):
    html = client.get("/library/").content.decode()
    assert html.index("LDN for MS: a test article") < html.index("Pain in MS: a test article")


def test_the_library_filters_by_category_and_topic_and_searches(client, library):
    symptoms = client.get("/library/?category=symptoms").content.decode()
    assert "Pain in MS" in symptoms and "LDN for MS" not in symptoms
    topic = client.get("/library/?topic=low-dose-naltrexone").content.decode()
    assert "LDN for MS" in topic and "Pain in MS" not in topic
    found = client.get("/library/?q=naltrexone").content.decode()
    assert "LDN for MS" in found and "Pain in MS" not in found


def test_the_library_is_paginated(client, library, thirteen_more):
    first = client.get("/library/").content.decode()
    second = client.get("/library/?page=2").content.decode()
    assert "Page 1 of 2" in first and "Older articles" in first
    assert "Page 2 of 2" in second and "Newer articles" in second and "Pain in MS" in second


def test_the_other_community_has_its_own_library(client_for, library):
    html = client_for(host="ra.localhost").get("/library/").content.decode()
    assert "LDN for MS" not in html


def test_a_person_page_lists_articles_written_and_reviewed(client, library):
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    html = client.get(writer.url).content.decode()
    assert "Wren Writer, PhD" in html and "Articles written" in html and "LDN for MS" in html
    reviewer = PersonPage.objects.child_of(library).get(slug="nkechi-farrow")
    assert "Articles medically reviewed" in client.get(reviewer.url).content.decode()


def test_the_sitemap_lists_articles(client, library):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/library/ldn-test/" in xml and "/library/writer-one/" in xml


def test_the_atom_feed_lists_articles(client, library):
    response = client.get("/articles/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "LDN for MS: a test article" in response.content.decode()


def test_the_demo_step_can_run_twice_without_duplicates(communities, library):
    counts = (ArticlePage.objects.count(), Question.objects.count(), ArticleComment.objects.count())
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    again = (ArticlePage.objects.count(), Question.objects.count(), ArticleComment.objects.count())
    assert counts == again and MemberQuote.objects.count() == 1


def test_an_unknown_figure_kind_shows_nothing(community):
    assert figures.figure_for(community=community, kind="treatment", subject="ldn") is None


def test_a_later_app_can_supply_a_figure_kind(community, settings):
    figures.register("testing", lambda community, subject: 4937)
    try:
        figure = figures.figure_for(community=community, kind="testing", subject="x")
        assert figure.count == 4900
    finally:
        figures._providers.pop("testing")


def test_an_article_of_one_community_is_not_served_on_the_other(client_for, library):
    assert client_for(host="ra.localhost").get("/library/ra-test/").status_code == 200
    assert client_for().get("/library/ra-test/").status_code == 404
    assert client_for(host="ra.localhost").get("/library/ldn-test/").status_code == 404
