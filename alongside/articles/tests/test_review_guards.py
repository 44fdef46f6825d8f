"""Nothing that says "Medically reviewed by" reaches readers without an approval recorded for
that very revision by a medical reviewer, whatever the way to publish."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.models import TaskState

from alongside.articles.models import ArticlePage, PersonPage
from alongside.articles.services import ReviewRequired
from alongside.articles.tests.conftest import staff_user

pytestmark = pytest.mark.django_db


def _draft(library, title="Sleep and MS", topics=()) -> ArticlePage:
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    article = ArticlePage(
        title=title, intro="Why nights are hard.", category="symptoms", writer=writer, live=False
    )
    article.body = [("paragraph", "<p>Sleep matters.</p>")]
    library.add_child(instance=article)
    article.topics.set(topics)
    return ArticlePage.objects.get(pk=article.pk)


def _submit(article, editor) -> TaskState:
    article.save_revision(user=editor)
    return article.get_workflow().start(article, editor).current_task_state.specific


def _act(task_state, user, action, **kwargs):
    task_state.task.specific.on_action(task_state, user, action, **kwargs)


def _reviewer_of(library, slug: str, email: str):
    user = staff_user(email, "Medical reviewers")
    person = PersonPage.objects.child_of(library).get(slug=slug)
    person.user = user
    person.save_revision().publish()
    return user


@pytest.fixture
def second_reviewer(library):
    return _reviewer_of(library, "henrik-aldana", "henrik@example.org")


def test_it_shows_the_reviewer_who_approved_the_published_revision_after_an_earlier_approval(
    client, library, editor, reviewer, second_reviewer
):
    article = _draft(library)
    _act(_submit(article, editor), reviewer, "approve")
    article = ArticlePage.objects.get(pk=article.pk)
    article.intro = "Why nights are hard, and what helps."
    _act(_submit(article, editor), second_reviewer, "approve")
    html = client.get(ArticlePage.objects.get(pk=article.pk).url).content.decode()
    assert "Medically reviewed by" in html and "Henrik Aldana, MD" in html
    assert "Nkechi Farrow" not in html and "what helps" in html


def test_it_publishes_the_approved_revision_and_not_an_edit_saved_after_submission(
    client, library, editor, reviewer
):
    article = _draft(library)
    task_state = _submit(article, editor)
    article.title = "An autosave after submitting"
    article.save_revision(user=editor)
    _act(task_state, reviewer, "approve")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.live and live.title == "Sleep and MS" and live.has_unpublished_changes
    assert live.reviewed_revision_id == task_state.revision_id == live.live_revision_id


def test_it_publishes_the_reviewers_own_correction_under_their_name(
    client, library, editor, reviewer
):
    article = _draft(library)
    task_state = _submit(article, editor)
    article.intro = "Corrected by the reviewer."
    corrected = article.save_revision(user=reviewer)
    _act(task_state, reviewer, "approve")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.intro == "Corrected by the reviewer." and live.live_revision_id == corrected.pk
    assert live.reviewer.user == reviewer


@pytest.mark.parametrize("superuser", [False, True])
def test_it_refuses_to_publish_a_revision_no_reviewer_approved(library, superuser):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = superuser
    admin.save()
    article = _draft(library)
    with pytest.raises(ReviewRequired):
        article.save_revision(user=admin).publish(user=admin)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_it_refuses_an_approval_by_someone_outside_the_reviewers_group(library, editor, reviewer):
    article = _draft(library)
    task_state = _submit(article, editor)
    reviewer.groups.remove(Group.objects.get(name="Medical reviewers"))
    assert task_state.task.specific.get_actions(article, reviewer) == []
    with pytest.raises(ReviewRequired):
        TaskState.objects.get(pk=task_state.pk).approve(user=reviewer)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_it_offers_approval_only_to_a_reviewer_linked_to_a_people_page(library, editor):
    unlinked = staff_user("unlinked@example.org", "Medical reviewers")
    draft = _draft(library)
    task_state = _submit(draft, editor)
    names = [name for name, *_ in task_state.task.specific.get_actions(draft, unlinked)]
    assert names == ["reject"]


def test_it_publishes_a_scheduled_article_only_with_its_approval(library, editor, reviewer):
    article = _draft(library)
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    _act(_submit(article, editor), reviewer, "approve")
    assert not ArticlePage.objects.get(pk=article.pk).live
    scheduled = ArticlePage.objects.get(pk=article.pk).revisions.get(
        approved_go_live_at__isnull=False
    )
    past = timezone.now() - datetime.timedelta(minutes=1)  # the day has come
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save()
    call_command("publish_scheduled")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.live and live.reviewer.user == reviewer


def test_it_does_not_serve_a_copy_published_by_the_copy_action(client, article):
    copy = CopyPageAction(article, update_attrs={"slug": "ldn-copy"}, keep_live=True).execute()
    assert copy.live and not ArticlePage.objects.get(pk=copy.pk).is_reviewed
    assert client.get(copy.url).status_code == 404
    assert "Medically reviewed by" in client.get(article.url).content.decode()


def test_the_admin_refuses_to_publish_copies_of_an_article(client, article):
    # Only an account with every right may tick "Publish copies" (reviewers cannot copy pages).
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[article.pk]),
        {
            "new_title": "Copy",
            "new_slug": "ldn-copy",
            "new_parent_page": article.get_parent().pk,
            "publish_copies": "on",
        },
        follow=True,
    )
    assert "A copy of an article starts as a draft" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="ldn-copy").exists()


def test_the_admin_refuses_to_move_a_live_article(client, article, community, other_community):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    ra_library = ArticlePage.objects.get(slug="ra-test").get_parent()
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[article.pk, ra_library.pk]), follow=True
    )
    assert "A published article cannot be moved" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).get_parent().pk != ra_library.pk


def test_the_admin_refuses_a_bulk_publish_of_articles(client, library):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    article = _draft(library)
    client.force_login(admin)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={article.pk}"
    )
    response = client.post(url, {}, follow=True)
    assert "go live when a medical reviewer approves them" in response.content.decode()
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_the_admin_refuses_to_publish_a_revert_to_an_older_version(client, article):
    admin = staff_user("admin@example.org", "Editors")
    admin.is_superuser = True
    admin.save()
    older = article.revisions.order_by("created_at").first()
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, older.pk]),
        {"title": "Reverted", "slug": article.slug, "action-publish": "1"},
        follow=True,
    )
    assert "go live when a medical reviewer approves them" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).title != "Reverted"


def test_a_reviewer_previews_an_article_with_topics(client, library, editor, reviewer, article):
    draft = _draft(library, topics=list(article.topics.all()))
    task_state = _submit(draft, editor)
    client.force_login(reviewer)
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[draft.pk, task_state.task_id])
    view_draft = reverse("wagtailadmin_pages:view_draft", args=[draft.pk])
    for url in (preview, view_draft):
        response = client.get(url)
        assert response.status_code == 200 and "Sleep matters." in response.content.decode()


def test_the_editor_sees_the_reviewers_note_on_the_edit_page(client, library, editor, reviewer):
    draft = _draft(library)
    _act(_submit(draft, editor), reviewer, "reject", comment="Please cite the sleep study.")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Nkechi Farrow, MD sent this back with changes" in html
    assert "Please cite the sleep study." in html


def test_the_reviewer_sees_what_changed_since_the_last_approved_version(
    client, library, editor, reviewer
):
    draft = _draft(library)
    _act(_submit(draft, editor), reviewer, "approve")
    draft = ArticlePage.objects.get(pk=draft.pk)
    draft.intro = "A second version."
    _submit(draft, editor)
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Last approved by Nkechi Farrow, MD" in html
    assert "See what changed since the last approved version" in html
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[draft.pk, draft.live_revision_id, draft.get_latest_revision().pk],
    )
    assert compare in html and client.get(compare).status_code == 200


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("approve", "Approved: “Sleep and MS” is live, with you named as its medical reviewer."),
        ("reject", "Sent back to the editor: “Sleep and MS” stays as it is"),
    ],
)
def test_the_reviewer_is_told_what_their_action_did(
    client, library, editor, reviewer, action, said
):
    draft = _draft(library)
    task_state = _submit(draft, editor)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, action, task_state.pk])
    response = client.post(url, {"comment": "Looks right."}, follow=True)
    assert said in response.content.decode()


def test_the_review_emails_say_what_to_do_in_the_sites_words(library, editor, reviewer):
    from django.core import mail

    draft = _draft(library)
    task_state = _submit(draft, editor)
    to_reviewer = next(m for m in mail.outbox if reviewer.email in m.to)
    assert to_reviewer.subject == "“Sleep and MS” is ready for your medical review"
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[draft.pk, task_state.task_id])
    assert preview in to_reviewer.body and "moderation" not in to_reviewer.body.lower()
    _act(task_state, reviewer, "reject", comment="Cite the sleep study.")
    to_editor = next(m for m in mail.outbox if editor.email in m.to)
    assert to_editor.subject == "Changes asked for “Sleep and MS”"
    assert "Cite the sleep study." in to_editor.body and "rejected" not in to_editor.body
