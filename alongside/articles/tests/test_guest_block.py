import pytest
from django.core import mail

from alongside.articles.models import ArticleComment
from alongside.articles.tests.test_comments import _comment_url, _confirmed_guest_client
from alongside.communities.models import Role

pytestmark = pytest.mark.django_db


def test_a_moderator_blocks_a_guest_by_email_and_the_guest_cannot_comment_again(
    client, client_for, article, make_member, django_capture_on_commit_callbacks
):
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    guest_client.post(_comment_url(article), {"text": "Buy cheap pills here"})
    comment = ArticleComment.objects.get(text="Buy cheap pills here")
    desk = client_for(make_member(role=Role.MODERATOR))
    queue = desk.get("/moderation/").content.decode()
    assert "Block this guest" in queue
    assert "Warn the member" not in queue and "Suspend the member" not in queue
    base = {"label": "articles.articlecomment", "pk": comment.pk}
    response = desk.post(
        "/moderation/act/", {**base, "action": "block_guest", "note": "Sells pills."}, follow=True
    )
    assert response.status_code == 200
    assert "Done: Block the guest" in response.content.decode()
    desk.post("/moderation/act/", {**base, "action": "reject", "note": "Spam."})
    guest_client.post(_comment_url(article), {"text": "Again"})
    assert not ArticleComment.objects.filter(text="Again").exists()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/articles/{article.pk}/guest/", {"name": "Al", "email": "alex@example.org"})
    assert len(mail.outbox) == sent
