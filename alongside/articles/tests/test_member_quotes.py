import io
import json
import zipfile

import pytest

from alongside.articles.models import MemberQuote
from alongside.articles.tests.conftest import publish_reviewed
from alongside.conversations.models import Update
from alongside.conversations.services import (
    comment_create,
    comment_visibility_set,
    update_create,
    update_delete,
    update_visibility_set,
)
from alongside.core.models import Visibility
from alongside.moderation.services import moderation_act

pytestmark = pytest.mark.django_db
ADD = "/admin/snippets/articles/memberquote/add/"
QUOTED = "I started low and went up slowly."
CAPTION = "An Alongside MS member, shared with their permission"


def _quoted_update() -> Update:
    return MemberQuote.objects.get().update


def _published(update: Update) -> Update:
    return update_visibility_set(update=update, visibility=Visibility.PUBLISHED)


def _post(client, community, **source):
    data = {"community": community.pk, "update": "", "comment": "", "excerpt": ""}
    return client.post(ADD, {**data, **source})


def test_the_article_quotes_a_real_consented_update_anonymously(client, article):
    update = _quoted_update()
    html = client.get(article.url).content.decode()
    assert update.body == QUOTED and update.quote_consent_at is not None
    assert QUOTED in html and CAPTION in html
    assert update.author.profile.display_name not in html


def test_an_editor_cannot_choose_a_post_whose_author_did_not_consent(
    client, editor, community, make_member
):
    update = _published(update_create(author=make_member(), community=community, body="Private"))
    client.force_login(editor)
    response = _post(client, community, update=update.pk)
    assert response.status_code == 200
    assert "whose author agreed to be quoted" in response.content.decode()
    assert not MemberQuote.objects.filter(update=update).exists()


def test_an_editor_cannot_choose_a_hidden_post(client, editor, community, make_member):
    update = update_create(
        author=make_member(), community=community, body="Held", quote_consent=True
    )
    update_visibility_set(update=update, visibility=Visibility.HIDDEN)
    client.force_login(editor)
    assert (
        "whose author agreed to be quoted"
        in _post(client, community, update=update.pk).content.decode()
    )


def test_an_editor_quotes_a_consented_comment_with_an_exact_excerpt(
    client, editor, community, make_member
):
    update = _published(update_create(author=make_member(), community=community, body="News"))
    comment = comment_create(
        author=make_member(), update=update, body="Rest first.  Then walk.", quote_consent=True
    )
    comment_visibility_set(comment=comment, visibility=Visibility.PUBLISHED)
    client.force_login(editor)
    response = _post(client, community, comment=comment.pk, excerpt="Rest first. Then walk.")
    assert response.status_code == 302
    assert MemberQuote.objects.get(comment=comment).excerpt == "Rest first. Then walk."


def test_an_excerpt_that_rewords_the_post_is_refused(client, editor, community, make_member):
    update = _published(
        update_create(
            author=make_member(), community=community, body="Slow and steady.", quote_consent=True
        )
    )
    client.force_login(editor)
    response = _post(client, community, update=update.pk, excerpt="Slow but steady.")
    assert "copied exactly from the post" in response.content.decode()
    assert response.status_code == 200 and not MemberQuote.objects.filter(update=update).exists()


def test_a_post_of_another_community_is_refused(
    client, editor, community, other_community, make_member
):
    author = make_member(other_community)
    update = _published(
        update_create(author=author, community=other_community, body="RA", quote_consent=True)
    )
    client.force_login(editor)
    response = _post(client, community, update=update.pk)
    assert "same community as the quote" in response.content.decode()


def _quote_shown(client, article) -> bool:
    return QUOTED in client.get(article.url).content.decode()


def test_taking_consent_back_removes_the_quote_even_from_the_cached_page(
    client, client_for, article, django_capture_on_commit_callbacks
):
    update = _quoted_update()
    assert _quote_shown(client, article) and client.get(article.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(update.author).post(
            f"/updates/{update.pk}/edit/", {"body": update.body, "audience": "members"}
        )
    assert response.status_code == 302
    html = client.get(article.url).content.decode()
    assert QUOTED not in html and CAPTION not in html
    update.refresh_from_db()
    assert update.quote_consent_at is None


def test_a_quote_hidden_by_a_moderator_disappears(
    client, article, community, make_member, django_capture_on_commit_callbacks
):
    assert _quote_shown(client, article)
    moderator = make_member(staff_role="moderator")
    with django_capture_on_commit_callbacks(execute=True):
        moderation_act(
            moderator=moderator, community=community, target=_quoted_update(), action="hide"
        )
    assert not _quote_shown(client, article)


def test_a_deleted_post_takes_its_quote_with_it(
    client, article, django_capture_on_commit_callbacks
):
    assert _quote_shown(client, article)
    update = _quoted_update()
    with django_capture_on_commit_callbacks(execute=True):
        update_delete(update=update, by=update.author)
    assert not MemberQuote.objects.exists()
    response = client.get(article.url)
    assert response.status_code == 200 and QUOTED not in response.content.decode()


def test_a_quote_is_not_shown_on_another_communitys_article(client_for, library, other_community):
    from alongside.articles.models import ArticlePage

    ra_article = ArticlePage.objects.get(slug="ra-test")
    ra_article.body.append(("member_quote", {"quote": MemberQuote.objects.get()}))
    publish_reviewed(ra_article)
    html = client_for(host="ra.localhost").get(ra_article.url).content.decode()
    assert QUOTED not in html


def test_the_export_tells_the_member_what_they_agreed_to(client_for, article):
    update = _quoted_update()
    response = client_for(update.author).post("/settings/data/export/")
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    exported = data["updates"]["updates"][0]
    assert exported["body"] == QUOTED and exported["quote_consent_at"]
