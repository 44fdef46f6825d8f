"""Article comments follow the one posting policy (moderation.policy) in their service."""

import pytest
from django.core.exceptions import ValidationError

from alongside.articles.models import ArticleComment
from alongside.articles.services import comment_create

pytestmark = pytest.mark.django_db


def test_it_refuses_a_new_members_link_in_an_article_comment(community, make_member, article):
    with pytest.raises(ValidationError, match="New members cannot post links yet"):
        comment_create(
            article=article,
            community=community,
            text="Buy at cheap-pills.com",
            ip="192.0.2.1",
            author=make_member(),
        )
    assert not ArticleComment.objects.filter(text__contains="cheap").exists()


def test_it_pauses_a_commenter_after_five_comments_in_ten_minutes(community, make_member, article):
    author = make_member()
    for n in range(5):
        comment_create(
            article=article, community=community, text=f"Note {n}", ip="192.0.2.2", author=author
        )
    with pytest.raises(ValidationError, match="You have posted a lot of comments just now"):
        comment_create(
            article=article, community=community, text="Sixth", ip="192.0.2.2", author=author
        )
    assert ArticleComment.objects.filter(author=author).count() == 5
