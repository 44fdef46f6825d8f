import datetime

import pytest
from django.utils import timezone
from wagtail.models import TaskState

from alongside.articles.models import ArticlePage, PersonPage
from alongside.articles.tests.conftest import staff_user

pytestmark = pytest.mark.django_db


def _draft(library, title="A new article on sleep") -> ArticlePage:
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    article = ArticlePage(
        title=title, intro="Sleep and MS.", category="symptoms", writer=writer, body=[]
    )
    library.add_child(instance=article)
    article.unpublish() if article.live else None
    return ArticlePage.objects.get(pk=article.pk)


def _submit(article, editor) -> TaskState:
    revision = article.save_revision(user=editor)
    state = article.get_workflow().start(article, editor)
    assert revision.pk == state.current_task_state.revision_id
    return state.current_task_state.specific


def _act(task_state, user, action, **kwargs):
    task_state.task.specific.on_action(task_state, user, action, **kwargs)


def test_editors_cannot_publish_articles_themselves(article, editor):
    assert not article.permissions_for_user(editor).can_publish()
    assert article.permissions_for_user(editor).can_edit()


def test_only_a_medical_reviewer_can_approve(library, editor, reviewer):
    article = _draft(library)
    task_state = _submit(article, editor)
    task = task_state.task.specific
    assert task.get_actions(article, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(article, reviewer)]


def test_an_approved_review_publishes_with_the_reviewer_and_date(library, editor, reviewer):
    article = _draft(library)
    _act(_submit(article, editor), reviewer, "approve")
    article.refresh_from_db()
    assert article.live
    assert article.reviewer.user == reviewer and article.reviewer.title == "Nkechi Farrow"
    assert article.last_reviewed_at.date() == timezone.localdate()
    assert article.last_significant_update == timezone.localdate()


def test_a_rejected_review_goes_back_with_comments_and_stays_unpublished(library, editor, reviewer):
    article = _draft(library)
    task_state = _submit(article, editor)
    _act(task_state, reviewer, "reject", comment="Please cite the trial.")
    task_state.refresh_from_db()
    article.refresh_from_db()
    assert not article.live
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Please cite the trial."


def test_updated_on_moves_only_when_an_editor_marks_a_significant_update(article, editor, reviewer):
    before = article.last_significant_update
    article.intro = "A small typo fixed."
    _act(_submit(article, editor), reviewer, "approve")
    article.refresh_from_db()
    assert article.last_significant_update == before
    article.significant_update = True
    article.intro = "New dosing guidance."
    _act(_submit(article, editor), reviewer, "approve")
    article.refresh_from_db()
    assert article.last_significant_update == timezone.localdate() != before
    assert article.significant_update is False


def test_the_admin_refuses_a_direct_publish_of_an_article(client, article):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        {"title": "Changed", "slug": article.slug, "action-publish": "1"},
        follow=True,
    )
    assert "go live when a medical reviewer approves them" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "Changed"


def test_reviewed_date_reaches_the_page(client, library, editor, reviewer):
    article = _draft(library)
    _act(_submit(article, editor), reviewer, "approve")
    html = client.get(ArticlePage.objects.get(pk=article.pk).url).content.decode()
    today = timezone.localdate()
    assert "Medically reviewed by" in html and "Nkechi Farrow, MD" in html
    assert f"{today.day} {today:%B %Y}" in html
    assert datetime.date.today()


def test_the_admin_offers_no_direct_publish_for_a_new_article(client, library, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/articles/articlepage/{library.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html


def test_editors_can_reach_member_quotes_and_pictures_in_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/articles/memberquote/").status_code == 200
    assert client.get("/admin/images/").status_code == 200


def test_the_writer_picker_lists_each_writer_of_this_library_once(client, article, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    writer_select = html[html.index('name="writer"') :]
    writer_select = writer_select[: writer_select.index("</select>")]
    assert writer_select.count("Wren Writer") == 1 and "Nkechi Farrow" not in writer_select


def test_the_figure_help_text_says_what_count_stands_for(client, library, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/articles/articlepage/{library.pk}/").content.decode()
    assert "stands for" in html and "More than N members" in html
